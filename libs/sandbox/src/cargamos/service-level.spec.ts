import { dayToIso, mexicoDayOf, parseServiceDate, serviceLevelFailure } from './service-level.js';

describe('Cargamos service-level dates', () => {
  // 2026-12-01T05:30Z is still 2026-11-30 in Mexico City (UTC-6, no DST since 2022).
  const now = Date.UTC(2026, 11, 1, 5, 30);

  it('takes the Mexico City calendar day', () => {
    expect(dayToIso(mexicoDayOf(now))).toBe('2026-11-30');
    expect(dayToIso(parseServiceDate('2026-12-01T05:30:00Z')!)).toBe('2026-11-30');
    expect(dayToIso(parseServiceDate('2026-11-30T23:59:00-06:00')!)).toBe('2026-11-30');
    expect(dayToIso(parseServiceDate('2026-12-02')!)).toBe('2026-12-02');
  });

  it.each(['2026-13-01', '2026-02-29', '2026-11-30T10:00', '2026-11-30 10:00:00Z', '', 'soon'])('refuses %j', (v) => {
    expect(parseServiceDate(v)).toBeNull();
  });

  it('fails a past dropoff and a delivery sooner than the lead days, naming the field', () => {
    expect(serviceLevelFailure('2026-11-29', '2026-12-01', '06500', 0, now)).toMatchObject({ code: 'SERVICE_LEVEL_FAILURE', parameter: 'shipperDropoffDate', location: 'request.body' });
    expect(serviceLevelFailure('2026-11-30', '2026-11-30', '06500', 0, now)).toBeNull();
    expect(serviceLevelFailure('2026-11-30', '2026-12-01', '80000', 2, now)).toMatchObject({ parameter: 'expectedDeliveryDate', details: expect.stringContaining('2026-12-02') });
  });
});
