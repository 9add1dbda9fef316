import type { Clock } from "./clock";
import { ReinstallError, isReinstallError } from "./errors";
import { FairQueue } from "./fair-queue";
import { interrupted } from "./stop";
import { throttlePauseMs } from "./throttle-pause";

/**
 * "critical": the destructive call and the reads that confirm a task ended; "normal": everything else;
 * "progress": reads that only refresh what the user sees, skipped (`SKIPPED`) when the budget is short.
 */
export type Priority = "critical" | "normal" | "progress";

/** A sliding 60-s window per credential: never more than `perMinute` requests granted in any trailing 60 s. */
export interface RateLimit {
  perMinute: number;
}

/** OVH's fair-use figure: "if you are not over 60 req/min by consumer key, you should be ok" (python-ovh issue #81). */
export const defaultRateLimit: RateLimit = { perMinute: 60 };

export interface RunOptions {
  /** Default "normal". */
  priority?: Priority;
  /** The resource the request is for: requests of one priority take turns by owner. */
  owner?: string;
  /**
   * The run's stop signal. A request can wait here long (a full window, a 429's pause): one still waiting when the
   * provider is told to stop is never sent, so no destructive call goes out after Ctrl-C.
   */
  signal?: AbortSignal;
}

const windowMs = 60_000;

/**
 * A request granted here reaches the API a little later, and not always by the same delay: a grant leaves our
 * window this much after 60 s, so the API's own window (counted on arrival) never sees one request too many.
 */
const arrivalSlackMs = 250;

/** Slots of the window progress reads never take, so that a critical read finds one free at once. */
function progressHeadroom(limit: RateLimit): number {
  return Math.ceil(limit.perMinute / 6);
}

interface CredentialState {
  limit: RateLimit;
  /** Whether `limit` was configured for this credential rather than the scheduler's default. */
  configured: boolean;
  /** Grant times still inside the window, oldest first. */
  sent: number[];
  granted: number;
  /** No grant before this (a 429's pause). */
  pausedUntil: number;
  throttledInARow: number;
  waiting: { critical: FairQueue<() => void>; normal: FairQueue<() => void> };
  /** When a wake-up to grant the next waiter is due. */
  wakeAt?: number;
}

/**
 * One per provider process: every API request of every resource is granted here, per credential, in priority
 * order and round-robin across resources, within a sliding window. A 429 pauses every request of its credential.
 */
export class RequestScheduler {
  private readonly credentials = new Map<string, CredentialState>();

  constructor(
    private readonly clock: Clock,
    private readonly defaults: RateLimit = defaultRateLimit,
  ) {}

  /**
   * The budget of one credential (ovh:requestsPerMinute). Set twice in one process (two provider configurations
   * with the same key), the lower budget holds: the key's limit is the API's, whoever configured it.
   */
  limit(credential: string, limit: RateLimit): void {
    const state = this.state(credential);
    state.limit = state.configured && state.limit.perMinute < limit.perMinute ? state.limit : limit;
    state.configured = true;
  }

  async run<T>(credential: string, request: () => Promise<T>, options: RunOptions = {}): Promise<T> {
    const state = this.state(credential);
    const priority = options.priority ?? "normal";
    if (priority === "progress") this.grantProgress(state);
    else await new Promise<void>((grant) => this.enqueue(state, priority, options.owner ?? "", grant));
    if (options.signal?.aborted) throw interrupted(options.signal, "the request waited for the credential's request budget; it was not sent", true);
    const work = request();
    try {
      const result = await (this.clock.track ? this.clock.track(work) : work);
      state.throttledInARow = 0;
      return result;
    } catch (error) {
      if (isReinstallError(error) && error.api?.status === 429) this.throttled(state, error.api.retryAfter);
      throw error;
    }
  }

  /** Requests granted so far for a credential (for per-install call accounting and benchmarks). */
  granted(credential: string): number {
    return this.credentials.get(credential)?.granted ?? 0;
  }

  private state(credential: string): CredentialState {
    let state = this.credentials.get(credential);
    if (!state) {
      state = {
        limit: this.defaults,
        configured: false,
        sent: [],
        granted: 0,
        pausedUntil: 0,
        throttledInARow: 0,
        waiting: { critical: new FairQueue(), normal: new FairQueue() },
      };
      this.credentials.set(credential, state);
    }
    return state;
  }

  /** Now, or never: a progress read waits for nobody and makes nobody wait. */
  private grantProgress(state: CredentialState): void {
    const now = this.clock.now();
    const waiting = state.waiting.critical.size + state.waiting.normal.size;
    if (waiting > 0 || this.nextSlot(state, progressHeadroom(state.limit)) > now) {
      throw new ReinstallError("SKIPPED", "progress read skipped: the credential's request budget is kept for requests that cannot wait", {
        next: "nothing to do: progress is read again at the next poll",
      });
    }
    this.take(state, now);
  }

  private enqueue(state: CredentialState, priority: "critical" | "normal", owner: string, grant: () => void): void {
    state.waiting[priority].push(owner, grant);
    this.pump(state);
  }

  /** Grants waiters, critical first, while the window has room; otherwise wakes up when it will. */
  private pump(state: CredentialState): void {
    for (;;) {
      const queue = state.waiting.critical.size > 0 ? state.waiting.critical : state.waiting.normal.size > 0 ? state.waiting.normal : undefined;
      if (!queue) return;
      const now = this.clock.now();
      const at = this.nextSlot(state);
      if (at > now) return this.wakeAt(state, at);
      this.take(state, now);
      queue.shift()!();
    }
  }

  /** The earliest time a request may be granted while keeping `reserve` slots of the window free. */
  private nextSlot(state: CredentialState, reserve = 0): number {
    const now = this.clock.now();
    while (state.sent.length > 0 && state.sent[0]! + windowMs + arrivalSlackMs <= now) state.sent.shift();
    const room = state.limit.perMinute - reserve;
    const full = room <= 0 ? Infinity : state.sent.length < room ? now : state.sent[state.sent.length - room]! + windowMs + arrivalSlackMs;
    return Math.max(now, state.pausedUntil, full);
  }

  private take(state: CredentialState, now: number): void {
    state.sent.push(now);
    state.granted += 1;
  }

  private wakeAt(state: CredentialState, at: number): void {
    if (state.wakeAt !== undefined && state.wakeAt <= at) return;
    state.wakeAt = at;
    void this.clock.sleep(at - this.clock.now()).then(() => {
      if (state.wakeAt === at) state.wakeAt = undefined;
      this.pump(state);
    });
  }

  private throttled(state: CredentialState, retryAfter: string | undefined): void {
    const now = this.clock.now();
    // The 429s of requests sent together before a pause are one signal, not several: only a 429 after it escalates.
    if (now >= state.pausedUntil) state.throttledInARow += 1;
    state.pausedUntil = Math.max(state.pausedUntil, now + throttlePauseMs(retryAfter, now, state.throttledInARow));
  }
}
