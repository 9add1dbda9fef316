const fs = require("node:fs");
const path = require("node:path");

/**
 * Where `make mutation`'s initial test run writes which test files reach which mutant, for harness/mutation-sequencer.js
 * to read back in each mutant's run: one line per test file, `{"file": …, "mutants": […]}`, in Stryker's sandbox.
 */
const COVERING_FILE = path.join(__dirname, "..", ".stryker-covering.jsonl");

/**
 * Stryker's per-test coverage lives on its `__stryker__` context, which its jest environment shares between the test
 * files of a run: `perTest[test's full name]` counts the mutants that test reached. Recording it per test file in the
 * initial run (no mutant active) lets a mutant's run load only the files that reach it.
 */
function recordCoveringFiles() {
  const context = globalThis.__stryker__;
  if (!context || process.env.__STRYKER_ACTIVE_MUTANT__ !== undefined) return;
  const reached = new Set();
  afterEach(() => {
    const hits = context.mutantCoverage?.perTest?.[context.currentTestId];
    for (const id of Object.keys(hits ?? {})) reached.add(id);
  });
  afterAll(() => {
    fs.appendFileSync(COVERING_FILE, `${JSON.stringify({ file: expect.getState().testPath, mutants: [...reached] })}\n`);
  });
}

module.exports = { COVERING_FILE, recordCoveringFiles };
