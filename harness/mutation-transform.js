const { createTransformer } = require("ts-jest").default;
const { run, activeMutant } = require("./mutation-run");

/** What a test file becomes once its mutant is killed: one skipped test, no import of the provider or the simulator. */
const SKIPPED = 'it.skip("not run: an earlier test already killed this mutant", () => {});\n';

/**
 * ts-jest, except that in a mutant's run a test file is replaced by SKIPPED once a test has killed the mutant
 * (harness/mutation-environment.js): loading a file costs more than most mutants' tests (the provider, the simulator
 * and their dependencies, anew for each), and a killed mutant needs no more files. jest takes a file that fails to
 * load for a runtime error, which Stryker does not count as a kill, and needs at least one test per file: hence a
 * skipped one.
 */
module.exports = {
  createTransformer(options) {
    const tsJest = createTransformer(options);
    const skipped = (path) => /\.test\.ts$/.test(path) && activeMutant() !== undefined && run.killed === activeMutant();
    return {
      process: (source, path, transformOptions) => (skipped(path) ? { code: SKIPPED } : tsJest.process(source, path, transformOptions)),
      getCacheKey: (source, path, transformOptions) => (skipped(path) ? `skipped-after-kill:${path}` : tsJest.getCacheKey(source, path, transformOptions)),
      processAsync: (source, path, transformOptions) => tsJest.processAsync(source, path, transformOptions),
      getCacheKeyAsync: (source, path, transformOptions) => tsJest.getCacheKeyAsync(source, path, transformOptions),
    };
  },
};
