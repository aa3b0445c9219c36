import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows N requests per key per minute, then refuses until the window has passed', () => {
    let now = 1_000;
    const limiter = new RateLimiter(() => now);
    expect([1, 2, 3].map(() => limiter.allow('a', 3))).toEqual([true, true, true]);
    expect(limiter.allow('a', 3)).toBe(false);
    expect(limiter.allow('b', 3)).toBe(true);
    now += 59_999;
    expect(limiter.allow('a', 3)).toBe(false);
    now += 1;
    expect(limiter.allow('a', 3)).toBe(true);
  });
});
