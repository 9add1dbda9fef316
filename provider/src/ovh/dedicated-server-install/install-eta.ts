/**
 * When an OVH install is likely to end, from what `install/status` said (docs/api/ovh.md#install-progress):
 * its elapsed time and which steps are done, weighed by how long each step typically takes.
 */

/**
 * Typical seconds of an install's steps, as data. Measured (docs/api/ovh.md#install-progress): a Debian install of
 * 21 steps took about 11 minutes, of which steps 5 to 19 took about two; the rest goes to the hardware reboot at the
 * start and to the wait for the final boot. Which named steps carry those minutes is inferred; a step not named here
 * is a short one.
 */
export const typicalSteps = {
  /** From the POST to the first step: the task is init, then todo. */
  beforeFirstStepSeconds: 33,
  otherStepSeconds: 8,
  byComment: new Map<string, number>([
    ["Checking BIOS version", 15],
    ["Running Hardware Reboot", 30],
    ["Waiting for server to boot", 150],
    ["Setting up hardware raid", 15],
    ["Downloading OS image", 15],
    ["Running Last Hardware Reboot", 15],
    ["Waiting for services to be up", 240],
    ["Running Post-installation script", 30],
  ]),
  /** How far the steps left may stray, together, from the pace of those done, either way... */
  spread: 0.15,
  /** ...and the steps done, together, from their typical time. */
  doneSpread: 0.08,
  /** The last steps, up to this many seconds together, warn of the end (on Debian: the post-install script, the mail). */
  finalStretchSeconds: 40,
  /** Installs run from about 5 to about 30 minutes: a pace (actual over typical) outside this range is not believed. */
  minPace: 0.4,
  maxPace: 3,
};

/** One `install/status` answer, as the wait keeps it. */
export interface Reading {
  /** Clock ms of the read. */
  at: number;
  /** Clock ms the install started: the read's time minus OVH's `elapsedTime`. */
  startedAt: number;
  /** Index of the first step not done (the list's length once all are). */
  current: number;
  /** Whether that step has begun (it may still be todo while the task is). */
  started: boolean;
  comments: readonly string[];
}

/** Clock ms between which the install most likely ends. */
export interface EndEstimate {
  earliest: number;
  latest: number;
  /** The install is in its final stretch: the end is at most a few short steps away. */
  final: boolean;
  /** How long the final stretch lasts at the fastest likely pace (ms): reads further apart could miss it. */
  stretchMs: number;
}

/**
 * Each read bounds the install's pace (actual over typical time): the current step had begun by then, and had not
 * ended. All reads together give a narrow pace, and that pace over the steps left gives the end. Still being in a
 * step at the last read means at least the steps after it are still to come.
 */
export function estimateEnd(all: readonly Reading[]): EndEstimate {
  const last = all[all.length - 1];
  // A reading places the install on its own step list: one that differs from the last's (install/status changed it) places nothing.
  const readings = all.filter((r) => r.comments.length === last.comments.length && r.comments.every((c, i) => c === last.comments[i]));
  const typical = last.comments.map(typicalSeconds);
  const upTo = typical.reduce<number[]>((acc, t) => [...acc, acc[acc.length - 1] + t], [typicalSteps.beforeFirstStepSeconds]);
  const total = upTo[upTo.length - 1];
  const elapsed = (r: Reading) => Math.max(0, (r.at - r.startedAt) / 1000);
  let slowest = typicalSteps.minPace;
  let fastest = typicalSteps.maxPace;
  for (const r of readings) {
    const [from, to] = [upTo[r.current] * (1 + typicalSteps.doneSpread), (upTo[r.current + 1] ?? Infinity) * (1 + typicalSteps.doneSpread)];
    slowest = Math.max(slowest, elapsed(r) / (r.started ? to : from));
    if (r.started) fastest = Math.min(fastest, elapsed(r) / (upTo[r.current] * (1 - typicalSteps.doneSpread)));
  }
  const low = Math.min(slowest, fastest);
  const high = Math.max(slowest, fastest);
  // The steps left may run slower or faster than those done: only they carry the spread.
  const left = total - upTo[Math.min(last.current, typical.length)];
  const now = elapsed(last);
  const after = total - (upTo[last.current + 1] ?? total);
  // The current step began after the last read that had not reached it.
  const stepFrom = Math.max(0, ...readings.filter((r) => r.current < last.current).map(elapsed));
  const slowPart = (typical: number) => low * (1 - typicalSteps.spread) * typical;
  const earliest = Math.max(low * (total - typicalSteps.spread * left), stepFrom + slowPart(left), now + slowPart(after));
  const latest = Math.max(high * (total + typicalSteps.spread * left), earliest);
  const stretchFrom = upTo.findIndex((t) => total - t <= typicalSteps.finalStretchSeconds);
  return {
    earliest: last.startedAt + earliest * 1000,
    latest: last.startedAt + latest * 1000,
    final: last.current >= stretchFrom,
    stretchMs: low * (1 - typicalSteps.spread) * (total - upTo[stretchFrom]) * 1000,
  };
}

function typicalSeconds(comment: string): number {
  return typicalSteps.byComment.get(comment) ?? typicalSteps.otherStepSeconds;
}
