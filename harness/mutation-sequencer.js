const fs = require("node:fs");
const Sequencer = require("@jest/test-sequencer").default;
const { COVERING_FILE, run, activeMutant } = require("./mutation-run");

/** Mutant id → the test files whose tests reach it, from the initial run's record; read once per Stryker worker. */
let covering;
function coveringFiles() {
  if (covering === undefined && fs.existsSync(COVERING_FILE)) {
    covering = new Map();
    for (const line of fs.readFileSync(COVERING_FILE, "utf8").split("\n").filter(Boolean)) {
      const { file, mutants } = JSON.parse(line);
      for (const id of mutants) covering.set(id, (covering.get(id) ?? new Set()).add(file));
    }
  }
  return covering;
}

/**
 * In a mutant's run, only the test files that reach the mutant. Stryker already runs only the tests that cover it (by
 * name), but jest loads every test file to find them, and loading a file (the provider, the simulator and their
 * dependencies, anew for each) costs more than most mutants' tests. Any other run, or a mutant the record does not
 * know: every file, as jest would.
 */
class CoveringFilesFirst extends Sequencer {
  sort(tests) {
    // A new jest run: nothing is killed yet, even if Stryker runs the same mutant again in this worker.
    run.killed = undefined;
    const mutant = activeMutant();
    const files = mutant === undefined ? undefined : coveringFiles()?.get(mutant);
    const kept = files ? tests.filter((test) => files.has(test.path)) : tests;
    return super.sort(kept.length > 0 ? kept : tests);
  }
}

module.exports = CoveringFilesFirst;
