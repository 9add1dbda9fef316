import type { Clock } from "./clock";
import { isReinstallError } from "./errors";
import { networkCause, type NetworkCause } from "./network-cause";

/** When a failed call may be tried again. Decided here, as data, for every call the provider makes. */
export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  retryStatuses: readonly number[];
  /**
   * Network failures retried, by cause (network-cause.ts): before any answer came from the host in this process
   * (`firstContact`: check, preview, the first call of a run), and once one did (`afterAnswer`: an outage mid-run).
   */
  retryNetwork: { firstContact: readonly NetworkCause[]; afterAnswer: readonly NetworkCause[] };
  baseDelayMs: number;
  maxDelayMs: number;
}

const transient = [429, 500, 502, 503, 504] as const;

/**
 * A certificate error never heals by waiting, so it is never retried. A refused connection, an unknown name, a
 * proxy that will not tunnel or a host that accepts no connection in time, on first contact, is the setup (the
 * simulator not running, a typo, a firewall, a proxy to set): said at once, not after a minute of retries. Once the
 * host has answered, the same failures are an outage, which a wait rides out inside its deadline.
 */
const flaps: readonly NetworkCause[] = ["dropped"];
const outages: readonly NetworkCause[] = ["dropped", "refused", "dns", "proxy", "connect-timeout"];

export const retryPolicies = {
  /** Catalogue and server look-ups: a 404 there is an answer, not a flap. */
  read: { retries: 5, retryStatuses: transient, retryNetwork: { firstContact: flaps, afterAnswer: outages }, baseDelayMs: 2_000, maxDelayMs: 30_000 },
  /**
   * Task polls. "The Dedicated Server API often returns 500/404 errors" while a task runs
   * (terraform-provider-ovh ovh/dedicated_server_task.go), so 404 is retried here, within the wait budget.
   */
  taskPoll: {
    retries: 10,
    retryStatuses: [404, ...transient],
    // The first poll of a resumed wait: the API that took the install may be down (refusing or dropping connections)
    // a while; a wrong name or CA is not that.
    retryNetwork: { firstContact: ["dropped", "refused", "connect-timeout"], afterAnswer: outages },
    baseDelayMs: 5_000,
    maxDelayMs: 60_000,
  },
  /** Progress reads of a wait: one that fails is no news, and the wait reads the task in its place. */
  progress: { retries: 0, retryStatuses: [], retryNetwork: { firstContact: [], afterAnswer: [] }, baseDelayMs: 0, maxDelayMs: 0 },
  /**
   * A destructive call (OVH's install POST, EDIS's set/reinstall) is never repeated on its own. Not even a 429
   * proves it did nothing: a gateway may answer it after the API acted. Whatever did not come back as a
   * well-formed refusal is resolved by looking for what the call may have started (ovh/.../start-install.ts),
   * or, where the API shows nothing to look for (EDIS), reported without a retry.
   */
  destructive: { retries: 0, retryStatuses: [], retryNetwork: { firstContact: [], afterAnswer: [] }, baseDelayMs: 0, maxDelayMs: 0 },
} satisfies Record<string, RetryPolicy>;

export function isRetryable(policy: RetryPolicy, error: unknown): boolean {
  if (isReinstallError(error, "NETWORK_ERROR")) {
    const causes = error.network?.firstContact ? policy.retryNetwork.firstContact : policy.retryNetwork.afterAnswer;
    return causes.includes(networkCause(error.network));
  }
  if ((isReinstallError(error, "OVH_API_ERROR") || isReinstallError(error, "EDIS_API_ERROR")) && error.api) {
    return policy.retryStatuses.includes(error.api.status);
  }
  return false;
}

/** One retry about to happen: the failure, the retry's number (1-based) of the policy's `retries`, and the wait before it. */
export interface RetryNotice {
  error: unknown;
  attempt: number;
  retries: number;
  delayMs: number;
}

export interface RetryOptions {
  /** Epoch ms after which no further attempt starts: retries live inside the caller's wait budget. */
  deadline?: number;
  onRetry?: (notice: RetryNotice) => void;
}

/**
 * Equal jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): half the capped backoff, plus a random
 * share of the other half. Full jitter spreads retries wider, but may retry at once and, over a policy's retries,
 * rides out half the outage on average; the policies' numbers are chosen for how long an outage lasts, so each wait
 * keeps at least half of its backoff. `random` draws from [0, 1]; without one (a virtual clock) the wait is the full backoff.
 */
export function backoffMs(policy: RetryPolicy, retry: number, random?: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return random ? Math.round(ceiling / 2 + (ceiling / 2) * Math.min(1, Math.max(0, random()))) : ceiling;
}

/**
 * A failure that ends the retries names how many attempts it took. The next attempt is given up on when the full
 * backoff would start it past the deadline: whether a retry happens never depends on a lucky draw.
 */
export async function withRetry<T>(policy: RetryPolicy, clock: Clock, attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const ceilingMs = backoffMs(policy, n);
      const outOfTime = options.deadline !== undefined && clock.now() + ceilingMs > options.deadline;
      if (n >= policy.retries || outOfTime || !isRetryable(policy, error)) throw n > 0 && isReinstallError(error) ? error.afterAttempts(n + 1) : error;
      const delayMs = backoffMs(policy, n, clock.random);
      options.onRetry?.({ error, attempt: n + 1, retries: policy.retries, delayMs });
      await clock.sleep(delayMs);
    }
  }
}

/** The least time one attempt gets, however close the caller's deadline: a last read at the deadline can still tell. */
const minimumAttemptMs = 5_000;

/** How long one attempt may take: the usual request timeout, or less when the caller's deadline (`budgetMs` away) is nearer. */
export function attemptTimeoutMs(usualMs: number, budgetMs?: number): number {
  return Math.min(usualMs, Math.max(minimumAttemptMs, budgetMs ?? Infinity));
}
