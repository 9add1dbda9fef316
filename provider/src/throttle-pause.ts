/**
 * How long a credential's grants pause after a 429, decided here as data. OVH documents no Retry-After
 * (docs/api/ovh.md#rate-limits); when an answer carries one, it is honoured for every request of the credential.
 */
export const throttlePolicy = {
  /**
   * Without Retry-After: 5 s, doubled for each 429 in a row, up to 60 s. A 429 while our own window had room means
   * someone else spends the key's budget too (another tool, another process) or the key's limit is lower than
   * configured; most often it is a brief overlap at the window's edge, which a few seconds clear. After 60 s without
   * a request from us, nothing we sent is left in a 60-s window, so the cap is the longest pause that can help.
   */
  firstMs: 5_000,
  maxMs: 60_000,
  /**
   * The longest Retry-After honoured as given: a misconfigured gateway's hour must not freeze every install of the
   * key past its wait deadline; the retries that follow meet the next 429 and pause again.
   */
  longestRetryAfterMs: 5 * 60_000,
} as const;

/** `inARow`: 429s answered on this credential since its last success, this one included (1 for the first). */
export function throttlePauseMs(retryAfter: string | undefined, now: number, inARow: number): number {
  const told = retryAfterMs(retryAfter, now);
  if (told !== undefined) return Math.min(throttlePolicy.longestRetryAfterMs, told);
  return Math.min(throttlePolicy.maxMs, throttlePolicy.firstMs * 2 ** Math.max(0, inARow - 1));
}

/** Retry-After is either whole seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse also takes bare numbers and other loose forms: an HTTP date always names its weekday and zone.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
