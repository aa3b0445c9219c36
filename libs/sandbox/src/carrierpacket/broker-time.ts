import { DateTime, IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Wall-clock time in the broker's zone. README: every `YYYY-MM-DD HH:MM:SS` datetime and `days_until_expiry` use it
 * (REST: "Computed in the broker's timezone, DST-safe").
 *
 * Luxon resolves offsets, but one Luxon call costs ~10 µs in a DST zone, which made 10,000 submissions slow to
 * generate. Offsets are therefore cached per UTC day: a day whose two ends have the same offset has it throughout (tz
 * rules change a zone's offset at most once a day). A day with a change is cached per hour the same way (at most once
 * an hour), and an hour with the change in it asks Luxon for each instant.
 */
export class BrokerTime {
  readonly zone: string;
  private readonly days = new Map<number, number | null>();
  private readonly hours = new Map<number, number | null>();

  constructor(zone: string) {
    if (!IANAZone.isValidZone(zone)) throw new RangeError(`timezone must be an IANA zone name (got "${zone}")`);
    this.zone = zone;
  }

  /** `2026-04-26 14:33:18`: the REST datetime format, no zone designator (FACTS §5). */
  dateTime(ms: number): string {
    const d = new Date(ms + this.offsetMinutes(ms) * MINUTE_MS);
    return (
      `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
      `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
    );
  }

  /** The broker's calendar date at `ms` as a day number (days since 1970-01-01). */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetMinutes(ms) * MINUTE_MS) / DAY_MS);
  }

  private offsetMinutes(ms: number): number {
    const day = this.constantOffset(this.days, Math.floor(ms / DAY_MS), DAY_MS);
    if (day !== null) return day;
    return this.constantOffset(this.hours, Math.floor(ms / HOUR_MS), HOUR_MS) ?? this.luxonOffset(ms);
  }

  /** The offset of bucket `n` of `size` ms if it is the same at both ends, else null; cached. */
  private constantOffset(cache: Map<number, number | null>, n: number, size: number): number | null {
    let cached = cache.get(n);
    if (cached === undefined) {
      const start = this.luxonOffset(n * size);
      cached = start === this.luxonOffset(n * size + size - 1) ? start : null;
      cache.set(n, cached);
    }
    return cached;
  }

  private luxonOffset(ms: number): number {
    return DateTime.fromMillis(ms, { zone: this.zone }).offset;
  }
}

/** Day number → `YYYY-MM-DD` (the REST `expires_on` format). */
export function dayToDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` → day number; calendar arithmetic, so a DST change cannot add or lose a day. */
export function dateToDay(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** FACTS §6: `sent_at` is ISO 8601 with a `+00:00` offset (not `Z`), e.g. `2026-04-26T14:33:21+00:00`. */
export function isoWithOffset(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}
