import { CARGAMOS_NOT_COVERED_POSTAL_CODES, coverageLeadDays, defaultCoverageTable, validateCoverageTable } from './coverage.js';

describe('Cargamos coverage table', () => {
  const table = defaultCoverageTable();

  it.each([
    ['06500', 0], ['01000', 0], ['16999', 0], ['52000', 1], ['44100', 1], ['64000', 1], ['72000', 1], ['76000', 1], ['80000', 2], ['97000', 2],
  ])('covers %s with %i lead day(s)', (code, days) => {
    expect(coverageLeadDays(table, code)).toBe(days);
  });

  it('does not cover the documented list (033002 from the docs first), nor codes that are not 5 digits', () => {
    expect(CARGAMOS_NOT_COVERED_POSTAL_CODES[0]).toBe('033002');
    for (const code of [...CARGAMOS_NOT_COVERED_POSTAL_CODES, '1234', '123456', 'ABCDE', '']) expect(coverageLeadDays(table, code)).toBeNull();
  });

  it('covers most Mexican 5-digit codes', () => {
    let covered = 0;
    for (let n = 0; n < 100_000; n += 7) if (coverageLeadDays(table, String(n).padStart(5, '0')) !== null) covered++;
    expect(covered / Math.ceil(100_000 / 7)).toBeGreaterThan(0.99);
  });

  it('validates a custom table and keeps the default parts left out', () => {
    const custom = validateCoverageTable({ fallback: null });
    expect(coverageLeadDays(custom, '06500')).toBe(0);
    expect(coverageLeadDays(custom, '80000')).toBeNull();
    expect(() => validateCoverageTable({ byPrefix: { '1': 0 } })).toThrow(/two digits/);
    expect(() => validateCoverageTable({ exact: { '06500': 1.5 } })).toThrow(/exact/);
  });
});
