const { TestEnvironment } = require("jest-environment-node");
const { run, activeMutant } = require("./mutation-run");

/**
 * jest's node environment, except that in a mutant's run every test of the file after the first failure is skipped
 * (and harness/mutation-runner.js loads no file after it): one failure already kills the mutant, and Stryker's jest
 * runner turns jest's own `bail` off. Runs without a mutant (the initial run) are plain jest.
 */
class StopAtFirstFailure extends TestEnvironment {
  async handleTestEvent(event) {
    const mutant = activeMutant();
    if (mutant === undefined) return;
    if (run.killed === mutant && event.name === "test_start") event.test.mode = "skip";
    // A failure counts once jest has put it on a test, as Stryker reads it: a failing afterAll is on none.
    if (event.name === "test_done" && event.test.errors.length > 0) run.killed = mutant;
  }
}

module.exports = StopAtFirstFailure;
