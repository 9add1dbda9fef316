const { TestEnvironment } = require("jest-environment-node");
const { run, activeMutant } = require("./mutation-run");

/**
 * jest's node environment, except that in a mutant's run every test after the first failure is skipped, in this file
 * and in the files after it: one failure already kills the mutant, and Stryker's jest runner turns jest's own `bail`
 * off. Skipped describe blocks run no hooks, so a skipped file costs its loading only. Runs without a mutant (the
 * initial run) are plain jest.
 */
class StopAtFirstFailure extends TestEnvironment {
  async handleTestEvent(event) {
    const mutant = activeMutant();
    if (mutant === undefined) return;
    if (run.killed === mutant) {
      if (event.name === "run_describe_start") event.describeBlock.mode = "skip";
      if (event.name === "test_start") event.test.mode = "skip";
    }
    // A failure counts once jest has put it on a test, as Stryker reads it: a failing afterAll is on none.
    if (event.name === "test_done" && event.test.errors.length > 0) run.killed = mutant;
  }
}

module.exports = StopAtFirstFailure;
