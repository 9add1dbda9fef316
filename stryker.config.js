/**
 * `make mutation`: Stryker over the modules whose mistakes erase a machine twice, erase the wrong one, hide a
 * failure, or leak a secret. Each entry says why it is here. See docs/testing.md#mutation-testing.
 */
module.exports = {
  mutate: [
    // The install start: looks for a task to adopt before posting, never posts twice, resolves an ambiguous POST.
    "provider/src/ovh/dedicated-server-install/start-install.ts",
    // adopt: true never posts, and records only what the server really runs.
    "provider/src/ovh/dedicated-server-install/adopt-install.ts",
    // A recorded task OVH purged: the server alone says whether it is the declared install.
    "provider/src/ovh/dedicated-server-install/purged-task.ts",
    // The CRUD's decisions: whether an update installs (nothingToInstall), resuming an unfinished task instead of
    // installing, which inputs a resumed task was asked for with; and what a wait's end or failure leaves in state.
    "provider/src/ovh/dedicated-server-install/provider.ts",
    "provider/src/ovh/dedicated-server-install/finish-install.ts",
    // The wait on OVH's task: when it reads, when it gives up, what it takes for an end.
    "provider/src/ovh/dedicated-server-install/wait.ts",
    // When an install is likely to end: it sets how often the wait reads and how soon it notices the end.
    "provider/src/ovh/dedicated-server-install/install-eta.ts",
    // The task-status sets only (finalStatuses, isFinal): a final status taken for a running one, or the reverse.
    "provider/src/ovh/responses.ts:11-13",
    // The install POST goes out once, under the destructive retry policy.
    "provider/src/ovh/api.ts:112-115",
    // The retry policies and their rule; throttle pauses after a 429.
    "provider/src/retry.ts",
    "provider/src/throttle-pause.ts",
    // EDIS: the one set/reinstall and what is adopted instead of sending another.
    "provider/src/edis/kvm-reinstall/start-reinstall.ts",
    // EDIS readiness: a reinstall is over only once the new system is seen up.
    "provider/src/edis/kvm-reinstall/wait.ts",
    "provider/src/edis/kvm-reinstall/finish-reinstall.ts",
    // EDIS sessions (renewed before expiry, once after a refusal), client (what counts as a refusal, secrets cut
    // out of EDIS's words), and the routes (set/reinstall never retried).
    "provider/src/edis/sessions.ts",
    "provider/src/edis/client.ts",
    "provider/src/edis/api.ts",
    // Secrets: the init-failure form keeps them out of JSON and inspection; OVH's answers lose the userMetadata quoted back.
    "provider/src/init-failure.ts",
    "provider/src/ovh/call-error.ts:20-39",
    // The config loaders: which credentials, from where, and what a missing or mixed setting says.
    "provider/src/settings.ts",
    "provider/src/ovh/config.ts",
    "provider/src/ovh/ovh-conf.ts",
    "provider/src/edis/config.ts",
  ],
  // Module-level data (policies, schedules, the status sets) is built when a test file loads it, before any test
  // runs, so per-test coverage cannot tell which tests reach a mutant of it: each would run the whole suite (one such
  // mutant costs as much as fifty others), which no 30-minute run affords. Stryker reports them as Ignored.
  ignoreStatic: true,
  // Only what the provider tests need in the sandbox.
  ignorePatterns: [
    "/docs",
    "/examples",
    "/test",
    "/simulator/test",
    "/sdk/nodejs/test",
    "/scripts",
    "/harness/dist",
    "/sdk/nodejs/dist",
    "/provider/dist",
    "/simulator/dist",
    "/reports",
    "/.sim",
    "/.dry-run",
    "/.stryker-covering.jsonl",
    "/harness/stryker-incremental.json",
  ],
  testRunner: "jest",
  jest: { configFile: "jest.mutation.config.js", enableFindRelatedTests: false },
  // got is ESM-only: the tests need jest's vm modules, as `make test` runs them.
  testRunnerNodeArgs: ["--experimental-vm-modules", "--disable-warning=ExperimentalWarning"],
  checkers: ["typescript"],
  tsconfigFile: "provider/tsconfig.json",
  coverageAnalysis: "perTest",
  // Committed: the results a run starts from. A run tests again only the mutants whose code or covering tests changed
  // since, and rewrites the file; commit it with the change that moved it (docs/testing.md#the-baseline).
  incremental: true,
  incrementalFile: "harness/stryker-incremental.json",
  // Two cores: one test runner each. The tests mostly wait on HTTPS to the in-process simulator, not on the CPU.
  concurrency: 2,
  // jest keeps every test file's module graph alive when it loads ESM (got) through vm modules: about 30 MB a file,
  // so a worker grows past 2 GB in minutes, towards Node's 4 GB heap limit. A fresh worker every 40 runs costs a few
  // seconds.
  maxTestRunnerReuse: 40,
  // The initial run (every provider test, with coverage) takes about 2 minutes alone, and over Stryker's default
  // 5 when the 2 cores are shared with a test or another run.
  dryRunTimeoutMinutes: 20,
  // A mutant's tests may take this many times their initial run's time (plus 10 s) before it counts as a Timeout,
  // which Stryker scores as detected. At the default 1.5 (plus 5 s), a run sharing the 2 cores with other work
  // timed out mutants that only change a message. A mutant that hangs a wait fails its test at jest's 60 s timeout.
  timeoutFactor: 3,
  timeoutMS: 10000,
  reporters: ["json", "html", "clear-text", "progress"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  thresholds: { high: 90, low: 85, break: 85 },
  tempDirName: ".stryker-tmp",
};
