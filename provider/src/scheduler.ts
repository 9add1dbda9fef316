import type { Clock } from "./clock";

export interface RateLimit {
  /** Sustained requests per minute per credential. OVH's fair-use figure is 60 (python-ovh issue #81). */
  perMinute: number;
  /** Requests allowed back to back before the sustained rate applies (a preview validates a few at once). */
  burst: number;
}

export const defaultRateLimit: RateLimit = { perMinute: 60, burst: 10 };

interface Bucket {
  tokens: number;
  updatedAt: number;
  granted: number;
}

/**
 * One per provider process: every API request of every resource waits here for its credential's
 * token bucket, so fifty parallel installs share one budget instead of storming the API.
 * A bucket may go negative: each caller reserves its token on arrival and sleeps off the debt, which
 * keeps callers in arrival order without a queue.
 */
export class RequestScheduler {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    private readonly limit: RateLimit = defaultRateLimit,
  ) {}

  async run<T>(credential: string, request: () => Promise<T>): Promise<T> {
    await this.acquire(credential);
    const work = request();
    return this.clock.track ? this.clock.track(work) : work;
  }

  /** Requests granted so far for a credential (for per-install call accounting and benchmarks). */
  granted(credential: string): number {
    return this.buckets.get(credential)?.granted ?? 0;
  }

  private async acquire(credential: string): Promise<void> {
    const now = this.clock.now();
    const perMs = this.limit.perMinute / 60_000;
    const bucket = this.buckets.get(credential) ?? { tokens: this.limit.burst, updatedAt: now, granted: 0 };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    bucket.tokens -= 1;
    bucket.granted += 1;
    this.buckets.set(credential, bucket);
    if (bucket.tokens < 0) await this.clock.sleep(Math.ceil(-bucket.tokens / perMs));
  }
}
