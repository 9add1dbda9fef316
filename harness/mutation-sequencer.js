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
    if (mutant === undefined || kept.length === 0) return super.sort(tests);
    // The run ends at the first kill, so jest's longest-first order is the costliest here. The files that failed in
    // their last run come first (they likely killed the neighbouring mutant just tested), then the quickest.
    const rank = (test) => [this.hasFailed(test) ? 0 : 1, this.time(test) ?? 0];
    return kept.sort((a, b) => {
      const [failedA, timeA] = rank(a);
      const [failedB, timeB] = rank(b);
      return failedA - failedB || timeA - timeB;
    });
  }
}

module.exports = CoveringFilesFirst;
