import { generateDataset } from './data-generator.js';
import { usDstEnd, usDstStart } from './dst-dates.js';
import { LOAD_STATUSES } from './trailflow.types.js';

const baseTime = Date.UTC(2024, 10, 4, 17, 0, 0);
const DAY = 86_400_000;

describe('generateDataset', () => {
  const data = generateDataset({ seed: 11, loads: 1000, baseTime });

  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    expect(generateDataset({ seed: 11, loads: 1000, baseTime })).toEqual(data);
    expect(generateDataset({ seed: 12, loads: 1000, baseTime }).loads).not.toEqual(data.loads);
  });

  it('makes the requested number of loads with unique ids and externalIds', () => {
    expect(data.loads).toHaveLength(1000);
    expect(new Set(data.loads.map((l) => l.id)).size).toBe(1000);
    expect(new Set(data.loads.map((l) => l.externalId)).size).toBe(1000);
  });

  it('puts every timestamp before the clock start and createdAt on or before updatedAt', () => {
    for (const load of data.loads) {
      expect(load.updatedAt).toBeLessThan(baseTime);
      expect(load.createdAt).toBeLessThanOrEqual(load.updatedAt);
    }
  });

  it('shares updatedAt in blocks of 30 or more loads', () => {
    const counts = new Map<number, number>();
    for (const load of data.loads) counts.set(load.updatedAt, (counts.get(load.updatedAt) ?? 0) + 1);
    const big = [...counts.values()].filter((n) => n >= 30);
    expect(big.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...big)).toBeGreaterThan(100);
  });

  it('uses every status, and leaves some loads without carrier and some without vehicle', () => {
    expect(new Set(data.loads.map((l) => l.status))).toEqual(new Set(LOAD_STATUSES));
    expect(data.loads.some((l) => l.carrierId === null)).toBe(true);
    expect(data.loads.some((l) => l.carrierId !== null && l.vehicleId === null)).toBe(true);
  });

  it('spreads stops over the five zones, on both sides of both DST changes of the year', () => {
    const stops = data.loads.flatMap((l) => l.stops);
    expect(new Set(stops.map((s) => s.timezone))).toEqual(
      new Set(['America/Los_Angeles', 'America/Denver', 'America/Phoenix', 'America/Chicago', 'America/New_York']),
    );
    const dates = new Set(stops.map((s) => s.scheduledDate));
    for (const change of [usDstStart(2024), usDstEnd(2024)]) {
      expect(dates.has(change - DAY)).toBe(true);
      expect(dates.has(change)).toBe(true);
      expect(dates.has(change + DAY)).toBe(true);
    }
  });

  it('includes local times that do not exist (spring gap) or happen twice (fall overlap) in DST zones', () => {
    const stops = data.loads.flatMap((l) => l.stops).filter((s) => s.timezone !== 'America/Phoenix');
    expect(stops.some((s) => s.scheduledDate === usDstStart(2024) && s.scheduledTime === '02:30')).toBe(true);
    expect(stops.some((s) => s.scheduledDate === usDstEnd(2024) && s.scheduledTime === '01:30')).toBe(true);
    expect(stops.some((s) => s.scheduledTime !== null && s.scheduledEndTime! < s.scheduledTime)).toBe(true);
  });

  it('writes stop dates as midnight UTC and times as HH:mm (README assumption 5)', () => {
    for (const stop of data.loads.flatMap((l) => l.stops)) {
      expect(stop.scheduledDate % DAY).toBe(0);
      for (const t of [stop.scheduledTime, stop.scheduledEndTime]) if (t !== null) expect(t).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      expect((stop.scheduledTime === null) === (stop.scheduledEndTime === null)).toBe(true);
    }
  });

  it('starts with a pickup and ends with a delivery', () => {
    for (const load of data.loads) {
      expect(load.stops[0].kind).toBe('pickup');
      expect(load.stops[load.stops.length - 1].kind).toBe('delivery');
      expect(load.stops.map((s) => s.sequence)).toEqual(load.stops.map((_, i) => i));
    }
  });
});
