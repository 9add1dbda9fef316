const TestRunner = require("jest-runner").default;
const { createEmptyTestResult } = require("@jest/test-result");
const { run, activeMutant } = require("./mutation-run");

const NOT_RUN = "not run: an earlier test already killed this mutant";

/** A test file not loaded: one skipped test (jest fails a file without any), which Stryker counts as neither kill nor survival. */
function notRun(test) {
  const now = Date.now();
  return {
    ...createEmptyTestResult(),
    testFilePath: test.path,
    numPendingTests: 1,
    skipped: true,
    perfStats: { start: now, end: now, runtime: 0, slow: false },
    testResults: [
      {
        ancestorTitles: [],
        duration: 0,
        failureDetails: [],
        failureMessages: [],
        fullName: NOT_RUN,
        title: NOT_RUN,
        location: null,
        numPassingAsserts: 0,
        status: "pending",
      },
    ],
  };
}

/**
 * jest's runner, except that in a mutant's run the test files after a kill (harness/mutation-environment.js) are not
 * loaded: loading one costs more than most mutants' tests (the provider, the simulator and their dependencies, anew
 * for each file), and a killed mutant needs no more. Stryker runs jest in band; anything else is jest's own run.
 */
class SkipFilesAfterKill extends TestRunner {
  #listeners = new Map();

  on(eventName, listener) {
    this.#listeners.set(eventName, [...(this.#listeners.get(eventName) ?? []), listener]);
    return super.on(eventName, listener);
  }

  async #emit(eventName, payload) {
    for (const listener of this.#listeners.get(eventName) ?? []) await listener(payload);
  }

  async runTests(tests, watcher, options) {
    if (!options.serial || activeMutant() === undefined) return super.runTests(tests, watcher, options);
    for (const test of tests) {
      if (watcher.isInterrupted()) return;
      if (run.killed === activeMutant()) {
        await this.#emit("test-file-start", [test]);
        await this.#emit("test-file-success", [test, notRun(test)]);
      } else {
        await super.runTests([test], watcher, options);
      }
    }
  }
}

module.exports = SkipFilesAfterKill;
