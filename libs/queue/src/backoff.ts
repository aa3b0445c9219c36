/**
 * Share of the delay that is randomised. BullMQ gets the same value (`backoff.jitter`), so both queues space
 * retries alike: the delay for a retry lies in [max × (1 − jitter), max]. Jitter keeps jobs that failed together
 * (a provider outage) from retrying in lockstep.
 */
export const BACKOFF_JITTER = 0.2;

/**
 * Delay before the next run after `attemptsMade` failed runs (1 after the first failure): `baseMs × 2^(attemptsMade−1)`,
 * reduced by up to `jitter` of itself. Same formula as BullMQ's built-in 'exponential' strategy.
 */
export function exponentialBackoffMs(
  attemptsMade: number,
  baseMs: number,
  jitter: number = BACKOFF_JITTER,
  random: () => number = Math.random,
): number {
  const max = Math.round(2 ** (attemptsMade - 1) * baseMs);
  if (jitter <= 0) return max;
  return Math.floor(max * (1 - jitter) + random() * max * jitter);
}
