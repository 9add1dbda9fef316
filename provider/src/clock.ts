/**
 * Time as a dependency: every wait, backoff and rate limit reads `now()` and calls `sleep()` from here,
 * so tests and benchmarks run hours of polling in virtual time against the same code.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Real I/O under way: a virtual clock holds time still until it settles. */
  track?<T>(work: Promise<T>): Promise<T>;
  /** A draw from [0, 1] for the jitter of retry backoffs (retry.ts); none means no jitter, so virtual runs repeat exactly. */
  random?: () => number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  random: Math.random,
};

/**
 * A clock that jumps: when no tracked I/O is in flight and the event loop is free, the earliest sleeper wakes
 * and time advances to its wake time. Real I/O (HTTPS to the simulator) takes no virtual time, and time never
 * jumps past a request still under way, so concurrent waits interleave as they would in real time.
 */
export class VirtualClock implements Clock {
  private t: number;
  private sleepers: { wakeAt: number; seq: number; wake: () => void }[] = [];
  private seq = 0;
  private pumping = false;
  private inFlight = 0;

  /** `random`: the jitter source, for a test of jittered backoffs; without it backoffs are exact. */
  constructor(
    start = Date.UTC(2026, 10, 22, 6, 0, 0),
    readonly random?: () => number,
  ) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      this.sleepers.push({ wakeAt: this.t + Math.max(0, ms), seq: this.seq++, wake });
      this.schedulePump();
    });
  }

  /** Moves time forward without anyone sleeping (e.g. "an hour later, the user runs pulumi up again"). */
  advance(ms: number): void {
    this.t += ms;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight += 1;
    const settled = () => {
      this.inFlight -= 1;
      if (this.sleepers.length > 0) this.schedulePump();
    };
    work.then(settled, settled);
    return work;
  }

  private schedulePump(): void {
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(() => {
      this.pumping = false;
      if (this.inFlight > 0) return;
      this.sleepers.sort((a, b) => a.wakeAt - b.wakeAt || a.seq - b.seq);
      const next = this.sleepers.shift();
      if (!next) return;
      this.t = Math.max(this.t, next.wakeAt);
      next.wake();
      if (this.sleepers.length > 0) this.schedulePump();
    });
  }
}
