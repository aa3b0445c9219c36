import { STATUS_RANK, isTerminal } from '@waybill/canonical';
import { CARGAMOS_STATE_MAP, isFinalCargamosState, mapCargamosState } from './cargamos.status-map.js';

describe('Cargamos state map (README "States")', () => {
  it.each([
    ['CREATED', 'PENDING', false, null],
    ['RECEIVED', 'IN_TRANSIT', false, null],
    ['OUT_FOR_DELIVERY', 'OUT_FOR_DELIVERY', false, null],
    ['DELIVERY_ATTEMPTED', 'EXCEPTION', false, 'delivery_attempted'],
    ['MISHAP', 'EXCEPTION', false, 'mishap'],
    ['DELIVERED', 'DELIVERED', true, null],
    ['RETURNED', 'CANCELLED', true, 'returned'],
    ['CANCELLED', 'CANCELLED', true, null],
  ])('%s → %s (final %s, reason %s)', (raw, status, final, reason) => {
    expect(mapCargamosState(raw)).toStrictEqual({ status, rawStatus: raw, final, statusReason: reason });
    expect(isFinalCargamosState(raw)).toBe(final);
  });

  it('has exactly the eight documented and assumed states', () => {
    expect(Object.keys(CARGAMOS_STATE_MAP).sort()).toStrictEqual(
      ['CANCELLED', 'CREATED', 'DELIVERED', 'DELIVERY_ATTEMPTED', 'MISHAP', 'OUT_FOR_DELIVERY', 'RECEIVED', 'RETURNED'],
    );
  });

  it('maps every final state to a terminal status that outranks every non-final one', () => {
    const finals = Object.values(CARGAMOS_STATE_MAP).filter((r) => r.final);
    const others = Object.values(CARGAMOS_STATE_MAP).filter((r) => !r.final);
    const lowestFinal = Math.min(...finals.map((r) => STATUS_RANK[r.status]));
    for (const r of finals) expect(isTerminal(r.status)).toBe(true);
    for (const r of others) expect(STATUS_RANK[r.status]).toBeLessThan(lowestFinal);
  });

  it('reads the anomaly as the reason of exceptions and returns only', () => {
    expect(mapCargamosState('DELIVERY_ATTEMPTED', { anomaly: 'RECIPIENT_ABSENT', description: 'x' }).statusReason).toBe('RECIPIENT_ABSENT');
    expect(mapCargamosState('RETURNED', { anomaly: 'RETURNED_TO_SHIPPER' }).statusReason).toBe('RETURNED_TO_SHIPPER');
    expect(mapCargamosState('DELIVERED', { anomaly: 'DAMAGED_PACKAGE' }).statusReason).toBeNull();
    expect(mapCargamosState('MISHAP', {}).statusReason).toBe('mishap');
  });

  it('is case-insensitive and refuses prototype keys', () => {
    expect(mapCargamosState('delivered').status).toBe('DELIVERED');
    expect(mapCargamosState('constructor')).toStrictEqual({ status: 'UNKNOWN', rawStatus: 'constructor', final: false, statusReason: null, unknown: 'constructor' });
  });

  it('keeps an unknown state raw as UNKNOWN', () => {
    expect(mapCargamosState('IN_CUSTOMS')).toStrictEqual({ status: 'UNKNOWN', rawStatus: 'IN_CUSTOMS', final: false, statusReason: null, unknown: 'IN_CUSTOMS' });
    expect(isFinalCargamosState('IN_CUSTOMS')).toBe(false);
  });
});
