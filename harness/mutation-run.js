const fs = require("node:fs");
const path = require("node:path");

/**
 * What `make mutation`'s jest runs share inside one Stryker worker (Stryker runs jest in band, so the sequencer, the
 * environment and the setup file of every test file load this one module):
 * - which test files reach which mutant, recorded in the initial run and read back in each mutant's run
 *   (harness/mutation-sequencer.js): one line per test file, `{"file": …, "mutants": […]}`, in Stryker's sandbox;
 * - the mutant a failing test has already killed in the current run (harness/mutation-environment.js).
 */
const COVERING_FILE = path.join(__dirname, "..", ".stryker-covering.jsonl");
const run = { killed: undefined };

/** The mutant under test in this jest run; undefined in the initial run. */
const activeMutant = () => process.env.__STRYKER_ACTIVE_MUTANT__;

/**
 * Stryker's per-test coverage lives on its `__stryker__` context, which its jest environment shares between the test
 * files of a run: `perTest[test's full name]` counts the mutants that test reached. Recorded per test file in the
 * initial run, it lets a mutant's run load only the files that reach it.
 */
function recordCoveringFiles() {
  const context = globalThis.__stryker__;
  if (!context || activeMutant() !== undefined) return;
  const reached = new Set();
  afterEach(() => {
    const hits = context.mutantCoverage?.perTest?.[context.currentTestId];
    for (const id of Object.keys(hits ?? {})) reached.add(id);
  });
  afterAll(() => {
    fs.appendFileSync(COVERING_FILE, `${JSON.stringify({ file: expect.getState().testPath, mutants: [...reached] })}\n`);
  });
}

module.exports = { COVERING_FILE, run, activeMutant, recordCoveringFiles };
