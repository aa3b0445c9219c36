import { fullJitterDelay } from './backoff.js';

describe('fullJitterDelay', () => {
  const almostOne = () => 0.999999;

  it.each([
    [0, 250],
    [1, 500],
    [2, 1000],
    [3, 2000],
  ])('retry %p stays under a ceiling of %p ms', (retryIndex, ceiling) => {
    const delay = fullJitterDelay(retryIndex, 250, 10_000, almostOne);
    expect(delay).toBeLessThan(ceiling);
    expect(delay).toBeGreaterThanOrEqual(ceiling - 1);
  });

  it('caps the ceiling at maxDelayMs', () => {
    expect(fullJitterDelay(20, 250, 10_000, almostOne)).toBe(9999);
  });

  it('can be zero (full jitter, not equal jitter)', () => {
    expect(fullJitterDelay(3, 250, 10_000, () => 0)).toBe(0);
  });

  it('spreads delays over the whole range with the real random source', () => {
    const delays = Array.from({ length: 200 }, () => fullJitterDelay(2, 250, 10_000));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(1000);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });
});
