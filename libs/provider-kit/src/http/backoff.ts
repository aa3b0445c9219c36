// "Full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"): a uniformly random delay under an
// exponentially growing ceiling spreads the retries of many workers that failed at the same moment.

/**
 * Delay before retry number `retryIndex` (0 for the first retry): random(0, min(maxDelayMs, baseDelayMs * 2^retryIndex)).
 */
export function fullJitterDelay(
  retryIndex: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}
