import { DateTime } from 'luxon';
import { BrokerTime, dateToDay, dayToDate, isoWithOffset } from './broker-time.js';

const HOUR = 3_600_000;

describe('BrokerTime', () => {
  it('formats REST datetimes in the broker zone on both sides of the US fall-back (2026-11-01)', () => {
    const ny = new BrokerTime('America/New_York');
    expect(ny.dateTime(Date.UTC(2026, 10, 1, 5, 30, 0))).toBe('2026-11-01 01:30:00'); // EDT, first 01:30
    expect(ny.dateTime(Date.UTC(2026, 10, 1, 6, 30, 0))).toBe('2026-11-01 01:30:00'); // EST, the repeated 01:30
    expect(ny.dateTime(Date.UTC(2026, 10, 1, 12, 0, 0))).toBe('2026-11-01 07:00:00');
    expect(ny.dateTime(Date.UTC(2026, 2, 8, 7, 0, 0))).toBe('2026-03-08 03:00:00'); // spring forward: 02:xx never shows
    expect(new BrokerTime('UTC').dateTime(Date.UTC(2026, 3, 26, 14, 33, 18, 999))).toBe('2026-04-26 14:33:18');
  });

  it.each(['America/New_York', 'America/Phoenix', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu'])(
    'agrees with Luxon every 7 minutes through the DST changes of 2026 in %s',
    (zone) => {
      const t = new BrokerTime(zone);
      const mismatches: string[] = [];
      let checked = 0;
      for (const [from, to] of [[Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 10)], [Date.UTC(2026, 8, 25), Date.UTC(2026, 10, 10)]]) {
        for (let ms = from; ms < to; ms += 7 * 60_000 + 13_000) {
          const lux = DateTime.fromMillis(ms, { zone });
          const ours = `${t.dateTime(ms)} ${dayToDate(t.dayOf(ms))}`;
          const theirs = `${lux.toFormat('yyyy-MM-dd HH:mm:ss')} ${lux.toISODate()}`;
          if (ours !== theirs) mismatches.push(`${new Date(ms).toISOString()}: ${ours} vs ${theirs}`);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(15_000);
      expect(mismatches).toEqual([]);
    },
  );

  it('changes the broker date at local midnight, not UTC midnight', () => {
    const ny = new BrokerTime('America/New_York');
    const nov2 = dateToDay('2026-11-02');
    expect(ny.dayOf(Date.UTC(2026, 10, 2, 4, 59, 59))).toBe(nov2 - 1); // 23:59:59 EST on Nov 1
    expect(ny.dayOf(Date.UTC(2026, 10, 2, 5, 0, 0))).toBe(nov2);
    expect(ny.dayOf(Date.UTC(2026, 10, 1, 3, 59, 59))).toBe(nov2 - 2); // 23:59:59 EDT on Oct 31
    expect(ny.dayOf(Date.UTC(2026, 10, 1, 4, 0, 0))).toBe(nov2 - 1);
    expect(ny.dayOf(Date.UTC(2026, 10, 1, 4, 0, 0) + 24 * HOUR)).toBe(nov2 - 1); // the 25-hour day
  });

  it('writes sent_at with +00:00 and refuses unknown zones', () => {
    expect(isoWithOffset(Date.UTC(2026, 3, 26, 14, 33, 21, 500))).toBe('2026-04-26T14:33:21+00:00');
    expect(() => new BrokerTime('Mars/Olympus')).toThrow(/IANA/);
    expect(dayToDate(dateToDay('2026-02-28') + 1)).toBe('2026-03-01');
  });
});
