/**
 * Coverage by postal code (FACTS §3: "coverage is decided mainly by the recipient's postal code"). The table gives
 * each covered code the fewest days between shipperDropoffDate and expectedDeliveryDate that Cargamos can honour
 * (0 = same day); `null` = not covered. Lookup order: exact code, then the first two digits of a 5-digit code, then
 * `fallback` for any other 5-digit code. A code that is not 5 digits (INT's `033002`) is covered only by an exact entry.
 */
export interface CargamosCoverageTable {
  exact: Record<string, number | null>;
  byPrefix: Record<string, number | null>;
  fallback: number | null;
}

/** Not covered in the default table. `033002` is INT's COVERAGE_FAILURE example; the others are sandbox choices. */
export const CARGAMOS_NOT_COVERED_POSTAL_CODES: readonly string[] = [
  '033002', '00000', '99999', '23990', '29990', '39990', '68990', '77990',
];

function prefixRange(from: number, to: number, days: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let p = from; p <= to; p++) out[String(p).padStart(2, '0')] = days;
  return out;
}

/**
 * The default: Mexico City (01–16) same day; the State of Mexico (50–57), Guadalajara (44–45), Monterrey (64–67),
 * Puebla (72) and Querétaro (76) next day; any other 5-digit code two days; the list above not covered.
 */
export function defaultCoverageTable(): CargamosCoverageTable {
  return {
    exact: Object.fromEntries(CARGAMOS_NOT_COVERED_POSTAL_CODES.map((c) => [c, null])),
    byPrefix: {
      ...prefixRange(1, 16, 0),
      ...prefixRange(50, 57, 1),
      ...prefixRange(44, 45, 1),
      ...prefixRange(64, 67, 1),
      '72': 1,
      '76': 1,
    },
    fallback: 2,
  };
}

/** The fewest days from dropoff to delivery for `postalCode`, or null when Cargamos does not cover it. */
export function coverageLeadDays(table: CargamosCoverageTable, postalCode: string): number | null {
  if (Object.prototype.hasOwnProperty.call(table.exact, postalCode)) return table.exact[postalCode];
  if (!/^\d{5}$/.test(postalCode)) return null;
  const prefix = postalCode.slice(0, 2);
  if (Object.prototype.hasOwnProperty.call(table.byPrefix, prefix)) return table.byPrefix[prefix];
  return table.fallback;
}

/** Checks a table given as an option; the message names the wrong entry. */
export function validateCoverageTable(input: Partial<CargamosCoverageTable> | undefined): CargamosCoverageTable {
  const base = defaultCoverageTable();
  if (input === undefined) return base;
  const table: CargamosCoverageTable = {
    exact: input.exact ?? base.exact,
    byPrefix: input.byPrefix ?? base.byPrefix,
    fallback: input.fallback === undefined ? base.fallback : input.fallback,
  };
  const check = (v: number | null, where: string) => {
    if (v !== null && !(Number.isInteger(v) && v >= 0)) throw new RangeError(`coverage ${where} must be null or a non-negative integer of days`);
  };
  for (const [k, v] of Object.entries(table.exact)) check(v, `exact["${k}"]`);
  for (const [k, v] of Object.entries(table.byPrefix)) {
    if (!/^\d{2}$/.test(k)) throw new RangeError(`coverage byPrefix key "${k}" must be two digits`);
    check(v, `byPrefix["${k}"]`);
  }
  check(table.fallback, 'fallback');
  return table;
}
