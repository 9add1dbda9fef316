/**
 * The tests Stryker runs against each mutant (`make mutation`): the provider's, which drive the mutated modules
 * in process, from their sources, against the simulator over HTTPS. The engine tests run a packed provider/dist,
 * which holds no mutant; the simulator and SDK tests never reach provider/src.
 */
const path = require("node:path");
const base = require("./jest.config.js");

module.exports = {
  ...base,
  roots: ["<rootDir>/provider"],
  testMatch: ["<rootDir>/provider/test/**/*.test.ts"],
  // The initial run records which test files reach each mutant; a mutant's run then loads only those, and stops
  // running tests at the first failure (harness/mutation-run.js).
  setupFilesAfterEnv: ["<rootDir>/harness/mutation-setup.js"],
  testSequencer: "<rootDir>/harness/mutation-sequencer.js",
  // A path, not "<rootDir>/…": Stryker loads the environment itself, from the config as written.
  testEnvironment: path.join(__dirname, "harness", "mutation-environment.js"),
  // After a kill, the remaining test files are not loaded (harness/mutation-runner.js).
  runner: path.join(__dirname, "harness", "mutation-runner.js"),
  // A mutant that keeps a wait from ending fails its test here, a kill, rather than holding its run up to Stryker's
  // own timeout (3 times its covering tests' time, plus 10 s), which every retest of a Timeout result pays again.
  // The slowest provider test takes about 5 s alone, in the initial run's timings.
  testTimeout: 20_000,
};
