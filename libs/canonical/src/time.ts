import { DateTime, IANAZone } from 'luxon';
import { CanonicalError } from './errors.js';

/**
 * Providers give appointment windows as a local date, a local wall time and an IANA zone; the canonical model
 * serves UTC instants (ARCHITECTURE.md, "Canonical model": `window { start, end, timezone }`, DST-correct).
 *
 * Two wall times do not map to exactly one instant, and the choice is fixed here so every provider agrees:
 * - A time inside a spring-forward gap (02:30 on 2024-03-10 in New York never happens) is moved forward by the
 *   length of the gap, as Luxon does: 02:30 becomes 03:30 EDT. That is the wall time read with the offset in force
 *   before the change (02:30 EST), so the appointment is never placed before the time the provider wrote.
 * - A time that happens twice (01:30 on 2024-11-03 in New York) takes the EARLIER instant (01:30 EDT). Luxon on
 *   its own picks the later one, so it is corrected below: an appointment must not be reported an hour late.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;

interface LocalDate {
  year: number;
  month: number;
  day: number;
}
interface LocalTime {
  hour: number;
  minute: number;
  second: number;
}

export interface UtcWindow {
  start: string | null;
  end: string | null;
  timezone: string;
}

/** `2024-03-19` + `10:00` in `America/Los_Angeles` → `2024-03-19T17:00:00.000Z`. */
export function localDateTimeToUtc(date: string, time: string, zone: string): string {
  const tz = parseZone(zone, 'timezone');
  return toIso(wallTimeToEpochMs(parseDate(date, 'date'), parseTime(time, 'time'), tz));
}

/**
 * A local appointment window as UTC instants.
 * - An end time earlier than the start time is on the next local day (a 22:00–02:00 night window).
 * - No start time: the window starts at the local midnight that opens `date`; with no end time either, it ends at
 *   the next local midnight, so it covers the whole local day (23 or 25 hours on a DST change day).
 * - A start time without an end time gives `end: null`.
 * `timezone` is the zone's canonical IANA name (`america/new_york` and `US/Eastern` both become `America/New_York`).
 */
export function localWindowToUtc(date: string, startTime: string | null, endTime: string | null, zone: string): UtcWindow {
  const tz = parseZone(zone, 'timezone');
  const day = parseDate(date, 'date');
  const start = startTime == null ? null : parseTime(startTime, 'startTime');
  const end = endTime == null ? null : parseTime(endTime, 'endTime');
  const timezone = canonicalZoneName(tz.name);
  const midnight: LocalTime = { hour: 0, minute: 0, second: 0 };

  if (start === null) {
    return {
      start: toIso(wallTimeToEpochMs(day, midnight, tz)),
      end: toIso(wallTimeToEpochMs(end === null ? nextDay(day) : day, end ?? midnight, tz)),
      timezone,
    };
  }
  if (end === null) {
    return { start: toIso(wallTimeToEpochMs(day, start, tz)), end: null, timezone };
  }
  const endDay = secondsOfDay(end) < secondsOfDay(start) ? nextDay(day) : day;
  return {
    start: toIso(wallTimeToEpochMs(day, start, tz)),
    end: toIso(wallTimeToEpochMs(endDay, end, tz)),
    timezone,
  };
}

/** Epoch milliseconds → UTC ISO-8601; absent stays absent (`null`). */
export function epochMsToIso(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  return toIso(checkEpochMs(ms));
}

/** The UTC calendar date (`YYYY-MM-DD`) of an instant given in epoch milliseconds. */
export function utcDateOfEpochMs(ms: number): string {
  const iso = toIso(checkEpochMs(ms));
  return iso.slice(0, iso.indexOf('T'));
}

function checkEpochMs(ms: unknown): number {
  // new Date() accepts ±8.64e15 ms; beyond that, or NaN, there is no instant to report.
  if (typeof ms !== 'number' || !Number.isFinite(ms) || Number.isNaN(new Date(ms).getTime())) {
    throw new CanonicalError('invalid_timestamp', `epoch milliseconds ${String(ms)} is not a representable instant`, 'epochMs');
  }
  return ms;
}

function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

function parseZone(zone: unknown, field: string): IANAZone {
  const tz = typeof zone === 'string' ? ianaZone(zone) : null;
  if (!tz) throw new CanonicalError('invalid_timezone', `"${String(zone)}" is not an IANA time zone`, field);
  return tz;
}

// Checking a zone name builds an Intl.DateTimeFormat, whose ICU state lives outside the JS heap: done per record
// (a 40,000-record scan), it cost seconds of CPU and hundreds of MB of resident memory. A deployment knows a handful
// of zones, so each name is checked once.
const zones = new Map<string, { zone: IANAZone; canonicalName: string } | null>();

function zoneEntry(name: string): { zone: IANAZone; canonicalName: string } | null {
  let entry = zones.get(name);
  if (entry === undefined) {
    entry = IANAZone.isValidZone(name)
      ? { zone: IANAZone.create(name), canonicalName: new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone }
      : null;
    // Names come from configuration and provider payloads: bound the cache so junk names cannot grow it forever.
    if (zones.size < 1000) zones.set(name, entry);
  }
  return entry;
}

/** The IANA zone of that name, or null when it is not one (checked once per name). */
export function ianaZone(name: string): IANAZone | null {
  return zoneEntry(name)?.zone ?? null;
}

function canonicalZoneName(zone: string): string {
  return zoneEntry(zone)?.canonicalName ?? zone;
}

function parseDate(date: unknown, field: string): LocalDate {
  const m = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  const parsed = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  if (!parsed || !DateTime.fromObject(parsed, { zone: 'utc' }).isValid) {
    throw new CanonicalError('invalid_date', `"${String(date)}" is not a calendar date in the form YYYY-MM-DD`, field);
  }
  return parsed;
}

function parseTime(time: unknown, field: string): LocalTime {
  const m = typeof time === 'string' ? TIME_PATTERN.exec(time) : null;
  const parsed = m ? { hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? 0) } : null;
  if (!parsed || parsed.hour > 23 || parsed.minute > 59 || parsed.second > 59) {
    throw new CanonicalError('invalid_time', `"${String(time)}" is not a wall time in the form HH:mm or HH:mm:ss`, field);
  }
  return parsed;
}

// Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
function wallAsUtcMs(d: LocalDate, t: LocalTime): number {
  const at = new Date(0);
  at.setUTCFullYear(d.year, d.month - 1, d.day);
  at.setUTCHours(t.hour, t.minute, t.second, 0);
  return at.getTime();
}

function nextDay(d: LocalDate): LocalDate {
  const t = new Date(wallAsUtcMs(d, { hour: 0, minute: 0, second: 0 }) + DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function secondsOfDay(t: LocalTime): number {
  return t.hour * 3600 + t.minute * 60 + t.second;
}

function wallTimeToEpochMs(d: LocalDate, t: LocalTime, zone: IANAZone): number {
  // Luxon resolves gaps forward (the behaviour documented above) and picks the later instant of an overlap.
  const luxonMs = DateTime.fromObject({ ...d, ...t, millisecond: 0 }, { zone }).toMillis();
  // An overlap means two offsets reproduce the same wall time. The offsets in force a day either side cover any
  // real transition, so try each and keep the earliest instant whose offset is really in force at that instant.
  const wallMs = wallAsUtcMs(d, t);
  let earliest = luxonMs;
  for (const probe of [wallMs - DAY_MS, wallMs, wallMs + DAY_MS]) {
    const offsetMin = zone.offset(probe);
    const candidate = wallMs - offsetMin * 60_000;
    if (zone.offset(candidate) === offsetMin && candidate < earliest) earliest = candidate;
  }
  return earliest;
}
