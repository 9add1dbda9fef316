/**
 * Time as a dependency: every wait, backoff and rate limit reads `now()` and calls `sleep()` from here,
 * so tests and benchmarks run hours of polling in virtual time against the same code.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * A clock that jumps: sleepers wake in order of their wake time, as soon as the event loop is free, and
 * time advances to each wake time. Real I/O (HTTPS to the simulator) still happens in real time.
 */
export class VirtualClock implements Clock {
  private t: number;
  private sleepers: { wakeAt: number; seq: number; wake: () => void }[] = [];
  private seq = 0;
  private pumping = false;

  constructor(start = Date.UTC(2026, 10, 22, 6, 0, 0)) {
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

  private schedulePump(): void {
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(() => {
      this.pumping = false;
      this.sleepers.sort((a, b) => a.wakeAt - b.wakeAt || a.seq - b.seq);
      const next = this.sleepers.shift();
      if (!next) return;
      this.t = Math.max(this.t, next.wakeAt);
      next.wake();
      if (this.sleepers.length > 0) this.schedulePump();
    });
  }
}
