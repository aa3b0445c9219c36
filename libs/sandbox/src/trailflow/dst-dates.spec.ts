import { addHours, usDstEnd, usDstStart } from './dst-dates.js';

describe('US DST change days', () => {
  it.each([
    [2024, '2024-03-10', '2024-11-03'],
    [2025, '2025-03-09', '2025-11-02'],
    [2026, '2026-03-08', '2026-11-01'],
  ])('%i starts on %s and ends on %s', (year, start, end) => {
    expect(new Date(usDstStart(year)).toISOString().slice(0, 10)).toBe(start);
    expect(new Date(usDstEnd(year)).toISOString().slice(0, 10)).toBe(end);
  });

  it('wraps window ends past midnight', () => {
    expect(addHours('08:00', 2)).toBe('10:00');
    expect(addHours('23:30', 2)).toBe('01:30');
  });
});
