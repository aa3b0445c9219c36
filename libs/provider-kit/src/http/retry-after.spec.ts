import { parseRetryAfterMs } from './retry-after.js';

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-03-21T10:00:00Z');

  it.each([
    ['1', 1000],
    ['0', 0],
    ['120', 120_000],
    [' 5 ', 5000],
    ['1.5', 1500],
  ])('reads delay-seconds %p as %p ms', (value, expected) => {
    expect(parseRetryAfterMs(value, now)).toBe(expected);
  });

  it('reads an HTTP-date as the time left until it', () => {
    expect(parseRetryAfterMs('Sat, 21 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
  });

  it('treats an HTTP-date in the past as no wait', () => {
    expect(parseRetryAfterMs('Sat, 21 Mar 2026 09:59:00 GMT', now)).toBe(0);
  });

  it.each([[undefined], [''], ['soon'], ['-3']])('gives undefined for %p', (value) => {
    expect(parseRetryAfterMs(value, now)).toBeUndefined();
  });
});
