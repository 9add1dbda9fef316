/** Nearest-rank percentile (`p` in 0..100) of a non-empty sample. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The most of `times` (ms) that fall in any window of `windowMs` ending at one of them: OVH counts a trailing minute. */
export function peakInWindow(times: readonly number[], windowMs = 60_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let end = 0, start = 0; end < sorted.length; end++) {
    while (sorted[start] <= sorted[end] - windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/**
 * `n` install lengths spread over [fromSeconds, toSeconds), in an order that mixes short and long ones (the golden
 * ratio's multiples modulo 1), so the same figures come out on every run and none lines up with a polling period.
 */
export function spreadSeconds(n: number, fromSeconds: number, toSeconds: number): number[] {
  const golden = (Math.sqrt(5) - 1) / 2;
  return Array.from({ length: n }, (_, i) => Math.round(fromSeconds + (toSeconds - fromSeconds) * (((i + 1) * golden) % 1)));
}
