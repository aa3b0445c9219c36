import { errorItem, type CargamosErrorItem } from './api-errors.js';

/**
 * Service-level dates (FACTS §3.4: format NOT FOUND). **Assumption:** `YYYY-MM-DD` (a Mexico City calendar day) or an
 * ISO 8601 date-time with `Z` or an offset (its Mexico City calendar day counts). Feasibility (INT: "the requested
 * service level … can be honored"): the dropoff day is not before today in Mexico City, and the delivery day is at
 * least the postal code's lead days after the dropoff day (0 = same day).
 */
export const CARGAMOS_TIMEZONE = 'America/Mexico_City';

const DAY = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

const mexicoDay = new Intl.DateTimeFormat('en-CA', { timeZone: CARGAMOS_TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** A day number (days since 1970-01-01) for an instant's Mexico City calendar date. */
export function mexicoDayOf(epochMs: number): number {
  return Date.parse(`${mexicoDay.format(new Date(epochMs))}T00:00:00Z`) / DAY;
}

export const dayToIso = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** The Mexico City day number of a service date, or null when it is not one of the accepted forms. */
export function parseServiceDate(value: string): number | null {
  const d = DATE_ONLY.exec(value);
  if (d) {
    const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
    return dayToIso(ms / DAY) === value ? ms / DAY : null;
  }
  if (!DATE_TIME.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : mexicoDayOf(ms);
}

/** The first service-level failure (409 CONFLICT, `.` notation like INT's business errors), or null. */
export function serviceLevelFailure(
  dropoff: string,
  expected: string,
  postalCode: string,
  leadDays: number,
  now: number,
): CargamosErrorItem | null {
  const dropoffDay = parseServiceDate(dropoff)!;
  const expectedDay = parseServiceDate(expected)!;
  const today = mexicoDayOf(now);
  if (dropoffDay < today) {
    return errorItem(
      'SERVICE_LEVEL_FAILURE',
      `shipperDropoffDate ${dayToIso(dropoffDay)} is in the past; today is ${dayToIso(today)} in ${CARGAMOS_TIMEZONE}.`,
      'request.body',
      'shipperDropoffDate',
    );
  }
  if (expectedDay < dropoffDay + leadDays) {
    return errorItem(
      'SERVICE_LEVEL_FAILURE',
      `The earliest expectedDeliveryDate for postalCode ${postalCode} with shipperDropoffDate ${dayToIso(dropoffDay)} is ${dayToIso(dropoffDay + leadDays)}.`,
      'request.body',
      'expectedDeliveryDate',
    );
  }
  return null;
}
