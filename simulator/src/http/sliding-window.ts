/**
 * A sliding 60-s window per key: a request is admitted while fewer than `perMinute` of the key's admitted requests
 * arrived in the trailing 60 s. Refused requests are not counted: a client that keeps knocking is let in as soon as
 * the window has room, whatever it sent meanwhile (OVH documents neither way, docs/api/ovh.md#rate-limits).
 */
export class SlidingWindow {
  private readonly admitted = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  /** Undefined when admitted (and counted); otherwise the ms until the key's window has room. */
  admit(key: string): number | undefined {
    const now = this.now();
    const times = (this.admitted.get(key) ?? []).filter((at) => at > now - 60_000);
    this.admitted.set(key, times);
    if (times.length < this.perMinute) {
      times.push(now);
      return undefined;
    }
    return times[times.length - this.perMinute]! + 60_000 - now;
  }

  clear(): void {
    this.admitted.clear();
  }
}
