const Sequencer = require("@jest/test-sequencer").default;

/**
 * Suites that take the longest, mostly waiting on npm, simulated installs and child processes: most waiting first.
 * Within the engine suites, the four that each took about a minute in a fresh clone (2026-11-30) start before the
 * others; started late, one of them was the run's tail. A guess from measurements, not a rule: a wrong one costs time.
 */
const LONGEST = [
  /\/test\/packaging\//,
  /\/test\/engine\/(interruptions-edis-answers|previews|engine-contract|interruptions-edis-killed)\.test\.ts$/,
  /\/test\/engine\//,
];

/**
 * Jest's order (failed first, then longest first from the last run's durations), except that a suite with no recorded
 * duration (every one in a fresh clone, as in CI) is placed by LONGEST before jest's guess from its file size: the
 * README dry run is a short file and the run's longest suite, and started last it would be the run's tail.
 */
class LongestFirst extends Sequencer {
  sort(tests) {
    const place = (test) => {
      const known = test.duration == null ? LONGEST.findIndex((pattern) => pattern.test(test.path)) : -1;
      return known === -1 ? LONGEST.length : known;
    };
    return super.sort(tests).sort((a, b) => place(a) - place(b));
  }
}

module.exports = LongestFirst;
