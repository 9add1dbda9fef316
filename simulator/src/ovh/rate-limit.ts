import type { Dispatch, Exchange, Reply } from "../http/exchange";
import { SlidingWindow } from "../http/sliding-window";
import { tooManyRequests } from "./errors";

export interface OvhRateLimitOptions {
  /** Requests per trailing 60 s per consumer key; unset, no limit. */
  requestsPerMinute?: number;
  /**
   * Send `Retry-After` (whole seconds until the window has room) with the 429. Default false: OVH documents no
   * such header (docs/api/ovh.md#rate-limits), so clients must cope without one.
   */
  retryAfter?: boolean;
}

/**
 * OVH's limit is "by consumer key" (docs/api/ovh.md#rate-limits): requests signed with one count, and so do bearer-token
 * requests, by their caller. /auth/time and the OAuth2 token endpoint carry neither and are not limited.
 */
export function ovhRateLimit(
  options: OvhRateLimitOptions,
  now: () => number,
): { throttle?: (exchange: Exchange, dispatch: Dispatch) => Reply | undefined; clear: () => void } {
  if (options.requestsPerMinute === undefined) return { clear: () => {} };
  const window = new SlidingWindow(options.requestsPerMinute, now);
  const throttle = (exchange: Exchange, dispatch: Dispatch): Reply | undefined => {
    const consumerKey = exchange.headers["x-ovh-consumer"];
    const key =
      typeof consumerKey === "string" ? consumerKey : /^Bearer\s/i.test(exchange.headers.authorization ?? "") ? `bearer ${dispatch.credential}` : undefined;
    const waitMs = key === undefined ? undefined : window.admit(key);
    if (waitMs === undefined) return undefined;
    const reply = tooManyRequests();
    return options.retryAfter ? { ...reply, headers: { "Retry-After": String(Math.ceil(waitMs / 1000)) } } : reply;
  };
  return { throttle, clear: () => window.clear() };
}
