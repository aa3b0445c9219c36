import { BACKOFF_JITTER, exponentialBackoffMs } from './backoff.js';

describe('exponentialBackoffMs', () => {
  it('doubles from the base with each failed run when there is no jitter', () => {
    expect([1, 2, 3, 4].map((n) => exponentialBackoffMs(n, 1000, 0))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('keeps the jittered delay within [max × (1 − jitter), max]', () => {
    expect(exponentialBackoffMs(3, 1000, 0.2, () => 0)).toBe(3200);
    expect(exponentialBackoffMs(3, 1000, 0.2, () => 0.5)).toBe(3600);
    expect(exponentialBackoffMs(3, 1000, 0.2, () => 0.999999)).toBe(3999);
  });

  it('uses the shared jitter by default, so retries do not move in lockstep', () => {
    const delays = new Set(Array.from({ length: 50 }, () => exponentialBackoffMs(2, 1000)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2000 * (1 - BACKOFF_JITTER));
      expect(delay).toBeLessThanOrEqual(2000);
    }
  });

  it('gives zero for a zero base', () => {
    expect(exponentialBackoffMs(4, 0)).toBe(0);
  });
});
