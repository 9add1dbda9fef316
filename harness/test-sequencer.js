const Sequencer = require("@jest/test-sequencer").default;

/**
 * Suites that mostly wait (on npm, on simulated installs at a dry run's time scale, on child processes): most waiting
 * first. Within the engine suites, the four that each took about a minute in a fresh clone (2026-11-30) start before the
 * others; started late, one of them was the run's tail. A guess from measurements, not a rule: a wrong one costs time.
 */
const WAITING = [
  /\/test\/packaging\//,
  /\/test\/engine\/(interruptions-edis-answers|previews|engine-contract|interruptions-edis-killed)\.test\.ts$/,
  /\/test\/engine\//,
];

/** Suites started before any other, and then how many others between two more of them (see interleave). */
const FIRST_WAITING = 4;
const OTHERS_BETWEEN = 6;

/**
 * Jest's order (failed first, then longest first from the last run's durations), except that a suite with no recorded
 * duration (every one in a fresh clone, as in CI) is placed by WAITING before jest's guess from its file size: the
 * README dry run is a short file and the run's longest suite, and started last it would be the run's tail. Then the
 * waiting suites are spread among the others (interleave).
 */
class LongestFirst extends Sequencer {
  sort(tests) {
    const place = (test) => {
      const known = test.duration == null ? WAITING.findIndex((pattern) => pattern.test(test.path)) : -1;
      return known === -1 ? WAITING.length : known;
    };
    const sorted = super.sort(tests).sort((a, b) => place(a) - place(b));
    const waits = (test) => WAITING.some((pattern) => pattern.test(test.path));
    return interleave(
      sorted.filter(waits),
      sorted.filter((test) => !waits(test)),
    );
  }
}

/**
 * The engine suites spend most of a minute each waiting on real time, the provider suites a second or two each on the
 * CPU. Run one after the other, the waiting ones held every worker for two minutes with the CPU half idle, then the
 * others queued on the two cores. Each free worker takes the next suite in this order, so a waiting suite every few
 * others keeps about two thirds of the workers waiting and the rest working, from the start.
 */
function interleave(waiting, others) {
  const order = waiting.slice(0, FIRST_WAITING);
  let next = 0;
  for (const test of waiting.slice(FIRST_WAITING)) {
    order.push(...others.slice(next, next + OTHERS_BETWEEN), test);
    next += OTHERS_BETWEEN;
  }
  return [...order, ...others.slice(next)];
}

module.exports = LongestFirst;
