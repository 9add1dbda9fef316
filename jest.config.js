/** One jest run over every package; workspace packages resolve to their TypeScript sources. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/provider", "<rootDir>/simulator", "<rootDir>/sdk/nodejs", "<rootDir>/test"],
  testMatch: ["**/test/**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.test.json", diagnostics: false }] },
  moduleNameMapper: {
    "^pulumi-reinstall-provider$": "<rootDir>/provider/src/index.ts",
    "^pulumi-reinstall-simulator$": "<rootDir>/simulator/src/index.ts",
    "^pulumi-reinstall$": "<rootDir>/sdk/nodejs/src/index.ts",
    // jest loads every module anew for each test file, and zod's index loads all its locales, 45 modules the code
    // never uses: about a tenth of a provider test file's load.
    "^\\.\\./locales/index\\.cjs$": "<rootDir>/harness/zod-locales.js",
  },
  modulePathIgnorePatterns: ["<rootDir>/.*/dist/"],
  testTimeout: 60000,
  // Jest 29 formats the inline snapshots it writes with prettier, and refuses prettier 3 (the repo's formatter):
  // without prettier it splices the snapshot in as a template literal and leaves the rest of the file as it was.
  prettierPath: null,
  // Most suites wait on simulated installs and child processes, not on the CPU: run more of them than there are cores
  // (harness/test-sequencer.js spreads the waiting ones among the others).
  maxWorkers: 6,
  // The longest suites start first even without the last run's durations (harness/test-sequencer.js).
  testSequencer: "<rootDir>/harness/test-sequencer.js",
  // One directory per run, for what the engine and packaging suites build once and share (harness/run-cache.ts).
  globalSetup: "<rootDir>/harness/global-setup.ts",
  globalTeardown: "<rootDir>/harness/global-teardown.ts",
};
