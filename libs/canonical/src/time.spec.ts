import { CanonicalError } from './errors.js';
import { epochMsToIso, localDateTimeToUtc, localWindowToUtc, utcDateOfEpochMs } from './time.js';

// Expected instants are worked out by hand from the published offsets (PST -8 / PDT -7, CST -6 / CDT -5,
// EST -5 / EDT -4, MST -7 / MDT -6, Phoenix MST -7 all year, CET +1 / CEST +2). US changes in 2024: 2024-03-10
// 02:00 → 03:00 and 2024-11-03 02:00 → 01:00. Europe: 2024-03-31 02:00 → 03:00 and 2024-10-27 03:00 → 02:00.

function expectCanonicalError(fn: () => unknown, code: string, field: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CanonicalError);
  expect(caught).toMatchObject({ code, field });
}

describe('localDateTimeToUtc', () => {
  it('gives a UTC ISO-8601 instant with milliseconds and Z', () => {
    expect(localDateTimeToUtc('2024-03-19', '08:00', 'America/Los_Angeles')).toBe('2024-03-19T15:00:00.000Z');
    expect(localDateTimeToUtc('2024-03-19', '08:00:45', 'America/Los_Angeles')).toBe('2024-03-19T15:00:45.000Z');
  });

  describe.each([
    // zone, local time, before spring change (03-09), after (03-11), before fall change (11-02), after (11-04)
    ['America/Los_Angeles', '10:00', '2024-03-09T18:00:00.000Z', '2024-03-11T17:00:00.000Z', '2024-11-02T17:00:00.000Z', '2024-11-04T18:00:00.000Z'],
    ['America/Chicago', '08:00', '2024-03-09T14:00:00.000Z', '2024-03-11T13:00:00.000Z', '2024-11-02T13:00:00.000Z', '2024-11-04T14:00:00.000Z'],
    ['America/New_York', '09:00', '2024-03-09T14:00:00.000Z', '2024-03-11T13:00:00.000Z', '2024-11-02T13:00:00.000Z', '2024-11-04T14:00:00.000Z'],
    ['America/Denver', '12:00', '2024-03-09T19:00:00.000Z', '2024-03-11T18:00:00.000Z', '2024-11-02T18:00:00.000Z', '2024-11-04T19:00:00.000Z'],
    ['America/Phoenix', '12:00', '2024-03-09T19:00:00.000Z', '2024-03-11T19:00:00.000Z', '2024-11-02T19:00:00.000Z', '2024-11-04T19:00:00.000Z'],
  ])('%s around the 2024 US DST changes', (zone, time, beforeSpring, afterSpring, beforeFall, afterFall) => {
    it('uses standard time before 2024-03-10', () => expect(localDateTimeToUtc('2024-03-09', time, zone)).toBe(beforeSpring));
    it('uses daylight time after 2024-03-10', () => expect(localDateTimeToUtc('2024-03-11', time, zone)).toBe(afterSpring));
    it('uses daylight time before 2024-11-03', () => expect(localDateTimeToUtc('2024-11-02', time, zone)).toBe(beforeFall));
    it('uses standard time after 2024-11-03', () => expect(localDateTimeToUtc('2024-11-04', time, zone)).toBe(afterFall));
  });

  it('switches offset within the change day itself (New York)', () => {
    expect(localDateTimeToUtc('2024-03-10', '01:59', 'America/New_York')).toBe('2024-03-10T06:59:00.000Z');
    expect(localDateTimeToUtc('2024-03-10', '03:00', 'America/New_York')).toBe('2024-03-10T07:00:00.000Z');
    expect(localDateTimeToUtc('2024-11-03', '00:59', 'America/New_York')).toBe('2024-11-03T04:59:00.000Z');
    expect(localDateTimeToUtc('2024-11-03', '02:00', 'America/New_York')).toBe('2024-11-03T07:00:00.000Z');
  });

  describe('spring-forward gap: the wall time moves forward by the gap length', () => {
    it.each([
      ['America/New_York', '2024-03-10', '02:30', '2024-03-10T07:30:00.000Z'], // 03:30 EDT
      ['America/New_York', '2024-03-10', '02:00', '2024-03-10T07:00:00.000Z'], // 03:00 EDT, same instant as 03:00
      ['America/Los_Angeles', '2024-03-10', '02:30', '2024-03-10T10:30:00.000Z'], // 03:30 PDT
      ['America/Chicago', '2024-03-10', '02:30', '2024-03-10T08:30:00.000Z'], // 03:30 CDT
      ['America/Denver', '2024-03-10', '02:30', '2024-03-10T09:30:00.000Z'], // 03:30 MDT
      ['Europe/Madrid', '2024-03-31', '02:30', '2024-03-31T01:30:00.000Z'], // 03:30 CEST
    ])('%s %s %s → %s', (zone, date, time, expected) => {
      expect(localDateTimeToUtc(date, time, zone)).toBe(expected);
    });
  });

  describe('fall-back overlap: an ambiguous wall time takes the earlier instant', () => {
    it.each([
      ['America/New_York', '2024-11-03', '01:30', '2024-11-03T05:30:00.000Z'], // 01:30 EDT, not 06:30Z (EST)
      ['America/New_York', '2024-11-03', '01:00', '2024-11-03T05:00:00.000Z'],
      ['America/New_York', '2024-11-03', '01:59:59', '2024-11-03T05:59:59.000Z'],
      ['America/Los_Angeles', '2024-11-03', '01:30', '2024-11-03T08:30:00.000Z'], // PDT
      ['America/Chicago', '2024-11-03', '01:30', '2024-11-03T06:30:00.000Z'], // CDT
      ['America/Denver', '2024-11-03', '01:30', '2024-11-03T07:30:00.000Z'], // MDT
      ['Europe/Madrid', '2024-10-27', '02:30', '2024-10-27T00:30:00.000Z'], // CEST, not 01:30Z (CET)
    ])('%s %s %s → %s', (zone, date, time, expected) => {
      expect(localDateTimeToUtc(date, time, zone)).toBe(expected);
    });
  });

  it('keeps Phoenix on MST through the US change times (no gap, no overlap)', () => {
    expect(localDateTimeToUtc('2024-03-10', '02:30', 'America/Phoenix')).toBe('2024-03-10T09:30:00.000Z');
    expect(localDateTimeToUtc('2024-11-03', '01:30', 'America/Phoenix')).toBe('2024-11-03T08:30:00.000Z');
  });

  it('handles Europe/Madrid on both sides of its own 2024 changes and on the US change dates', () => {
    expect(localDateTimeToUtc('2024-03-30', '10:00', 'Europe/Madrid')).toBe('2024-03-30T09:00:00.000Z');
    expect(localDateTimeToUtc('2024-04-01', '10:00', 'Europe/Madrid')).toBe('2024-04-01T08:00:00.000Z');
    expect(localDateTimeToUtc('2024-10-26', '10:00', 'Europe/Madrid')).toBe('2024-10-26T08:00:00.000Z');
    expect(localDateTimeToUtc('2024-10-28', '10:00', 'Europe/Madrid')).toBe('2024-10-28T09:00:00.000Z');
    expect(localDateTimeToUtc('2024-03-10', '10:00', 'Europe/Madrid')).toBe('2024-03-10T09:00:00.000Z');
  });

  it('accepts 29 February in a leap year', () => {
    expect(localDateTimeToUtc('2024-02-29', '12:00', 'America/Chicago')).toBe('2024-02-29T18:00:00.000Z');
  });

  it.each(['Mars/Olympus_Mons', '', '+05:00', 'EST-ish'])('rejects the zone %j with invalid_timezone', (zone) => {
    expectCanonicalError(() => localDateTimeToUtc('2024-03-19', '08:00', zone), 'invalid_timezone', 'timezone');
  });

  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '03/19/2024', '2024-3-9', '2024-03-19T08:00', ''])(
    'rejects the date %j with invalid_date',
    (date) => expectCanonicalError(() => localDateTimeToUtc(date, '08:00', 'America/Chicago'), 'invalid_date', 'date'),
  );

  it.each(['24:00', '9:00', '10:60', '10:00:60', '10:00:00.000', '10h00', ''])('rejects the time %j with invalid_time', (time) => {
    expectCanonicalError(() => localDateTimeToUtc('2024-03-19', time, 'America/Chicago'), 'invalid_time', 'time');
  });

  it('rejects values that are not strings at all (untyped provider data)', () => {
    expectCanonicalError(() => localDateTimeToUtc(undefined as unknown as string, '08:00', 'UTC'), 'invalid_date', 'date');
    expectCanonicalError(() => localDateTimeToUtc('2024-03-19', 800 as unknown as string, 'UTC'), 'invalid_time', 'time');
    expectCanonicalError(() => localDateTimeToUtc('2024-03-19', '08:00', null as unknown as string), 'invalid_timezone', 'timezone');
  });
});

describe('localWindowToUtc', () => {
  it('converts a same-day window', () => {
    expect(localWindowToUtc('2024-03-19', '08:00', '10:00', 'America/Los_Angeles')).toEqual({
      start: '2024-03-19T15:00:00.000Z',
      end: '2024-03-19T17:00:00.000Z',
      timezone: 'America/Los_Angeles',
    });
  });

  it('puts an end earlier than the start on the next local day', () => {
    expect(localWindowToUtc('2024-03-19', '20:00', '04:00', 'America/Los_Angeles')).toEqual({
      start: '2024-03-20T03:00:00.000Z',
      end: '2024-03-20T11:00:00.000Z',
      timezone: 'America/Los_Angeles',
    });
    expect(localWindowToUtc('2024-12-31', '23:00', '01:00', 'Europe/Madrid')).toEqual({
      start: '2024-12-31T22:00:00.000Z',
      end: '2025-01-01T00:00:00.000Z',
      timezone: 'Europe/Madrid',
    });
  });

  it('keeps the real duration of a night window across the fall-back change (22:00 EDT → 06:00 EST is 9 hours)', () => {
    expect(localWindowToUtc('2024-11-02', '22:00', '06:00', 'America/New_York')).toEqual({
      start: '2024-11-03T02:00:00.000Z',
      end: '2024-11-03T11:00:00.000Z',
      timezone: 'America/New_York',
    });
  });

  it('keeps an end equal to the start on the same day (an exact appointment)', () => {
    expect(localWindowToUtc('2024-03-19', '08:00', '08:00', 'America/Denver')).toEqual({
      start: '2024-03-19T14:00:00.000Z',
      end: '2024-03-19T14:00:00.000Z',
      timezone: 'America/Denver',
    });
  });

  it('leaves end null when only a start time is given', () => {
    expect(localWindowToUtc('2024-03-19', '08:00', null, 'America/Chicago')).toEqual({
      start: '2024-03-19T13:00:00.000Z',
      end: null,
      timezone: 'America/Chicago',
    });
  });

  describe('without a start time: from local midnight', () => {
    it.each([
      ['America/Chicago', '2024-03-19', '2024-03-19T05:00:00.000Z', '2024-03-20T05:00:00.000Z'], // 24 h
      ['America/New_York', '2024-03-10', '2024-03-10T05:00:00.000Z', '2024-03-11T04:00:00.000Z'], // 23 h
      ['America/New_York', '2024-11-03', '2024-11-03T04:00:00.000Z', '2024-11-04T05:00:00.000Z'], // 25 h
      ['America/Phoenix', '2024-03-10', '2024-03-10T07:00:00.000Z', '2024-03-11T07:00:00.000Z'], // 24 h, no DST
      ['Europe/Madrid', '2024-10-27', '2024-10-26T22:00:00.000Z', '2024-10-27T23:00:00.000Z'], // 25 h
      ['Europe/Madrid', '2024-03-31', '2024-03-30T23:00:00.000Z', '2024-03-31T22:00:00.000Z'], // 23 h
    ])('%s %s covers the whole local day', (zone, date, start, end) => {
      expect(localWindowToUtc(date, null, null, zone)).toEqual({ start, end, timezone: zone });
    });

    it('runs to the end time when one is given (a "deliver by" deadline)', () => {
      expect(localWindowToUtc('2024-03-19', null, '17:00', 'America/New_York')).toEqual({
        start: '2024-03-19T04:00:00.000Z',
        end: '2024-03-19T21:00:00.000Z',
        timezone: 'America/New_York',
      });
    });

    it('crosses a month and year end for the next-day midnight', () => {
      expect(localWindowToUtc('2024-12-31', null, null, 'America/Denver')).toEqual({
        start: '2024-12-31T07:00:00.000Z',
        end: '2025-01-01T07:00:00.000Z',
        timezone: 'America/Denver',
      });
    });
  });

  it('reports the canonical IANA name of the zone', () => {
    expect(localWindowToUtc('2024-03-19', '08:00', null, 'america/new_york').timezone).toBe('America/New_York');
  });

  it('names the wrong argument in its errors', () => {
    expectCanonicalError(() => localWindowToUtc('2024-03-19', '8am', '10:00', 'America/Chicago'), 'invalid_time', 'startTime');
    expectCanonicalError(() => localWindowToUtc('2024-03-19', '08:00', '25:00', 'America/Chicago'), 'invalid_time', 'endTime');
    expectCanonicalError(() => localWindowToUtc('2024-02-30', null, null, 'America/Chicago'), 'invalid_date', 'date');
    expectCanonicalError(() => localWindowToUtc('2024-03-19', null, null, 'Central'), 'invalid_timezone', 'timezone');
  });
});

describe('epochMsToIso', () => {
  it('formats epoch milliseconds as UTC ISO-8601', () => {
    expect(epochMsToIso(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(epochMsToIso(1710860400000)).toBe('2024-03-19T15:00:00.000Z');
    expect(epochMsToIso(1730611800123)).toBe('2024-11-03T05:30:00.123Z');
  });

  it('keeps absence as null', () => {
    expect(epochMsToIso(null)).toBeNull();
    expect(epochMsToIso(undefined)).toBeNull();
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1, '1710860400000'])('rejects %p with invalid_timestamp', (ms) => {
    expectCanonicalError(() => epochMsToIso(ms as number), 'invalid_timestamp', 'epochMs');
  });
});

describe('utcDateOfEpochMs', () => {
  it('gives the UTC calendar date, not a local one', () => {
    // 2024-03-20T02:00Z is still 19 March in New York.
    expect(utcDateOfEpochMs(1710900000000)).toBe('2024-03-20');
    expect(utcDateOfEpochMs(1710860400000)).toBe('2024-03-19');
    expect(utcDateOfEpochMs(-1)).toBe('1969-12-31');
  });

  it('rejects a value that is not an instant', () => {
    expectCanonicalError(() => utcDateOfEpochMs(Number.NaN), 'invalid_timestamp', 'epochMs');
    expectCanonicalError(() => utcDateOfEpochMs(null as unknown as number), 'invalid_timestamp', 'epochMs');
  });
});
