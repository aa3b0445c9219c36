import { SHIPMENT_STATUSES, type ShipmentStatus } from './shipment.js';
import { compareStatus, isTerminal, STATUS_RANK } from './status-rank.js';

describe('STATUS_RANK', () => {
  it.each<[ShipmentStatus, number]>([
    ['UNKNOWN', -1],
    ['DRAFT', 0],
    ['PENDING', 1],
    ['ASSIGNED', 2],
    ['IN_TRANSIT', 3],
    ['OUT_FOR_DELIVERY', 4],
    ['EXCEPTION', 4],
    ['DELIVERED', 5],
    ['COMPLETED', 6],
    ['CANCELLED', 6],
  ])('ranks %s at %i', (status, rank) => {
    expect(STATUS_RANK[status]).toBe(rank);
  });

  it('ranks every canonical status, and nothing else', () => {
    expect(Object.keys(STATUS_RANK).sort()).toEqual([...SHIPMENT_STATUSES].sort());
  });

  it('ranks UNKNOWN below every known status', () => {
    for (const s of SHIPMENT_STATUSES.filter((x) => x !== 'UNKNOWN')) expect(STATUS_RANK.UNKNOWN).toBeLessThan(STATUS_RANK[s]);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(STATUS_RANK)).toBe(true);
  });
});

describe('isTerminal', () => {
  it.each<[ShipmentStatus, boolean]>([
    ['UNKNOWN', false],
    ['DRAFT', false],
    ['PENDING', false],
    ['ASSIGNED', false],
    ['IN_TRANSIT', false],
    ['OUT_FOR_DELIVERY', false],
    ['EXCEPTION', false],
    ['DELIVERED', true],
    ['COMPLETED', true],
    ['CANCELLED', true],
  ])('%s → %s', (status, terminal) => {
    expect(isTerminal(status)).toBe(terminal);
  });
});

describe('compareStatus', () => {
  it('is negative when the first status is less advanced, positive when further, 0 on a tie', () => {
    expect(compareStatus('IN_TRANSIT', 'DELIVERED')).toBe(-1);
    expect(compareStatus('DELIVERED', 'IN_TRANSIT')).toBe(1);
    expect(compareStatus('UNKNOWN', 'DRAFT')).toBe(-1);
    expect(compareStatus('EXCEPTION', 'OUT_FOR_DELIVERY')).toBe(0);
    expect(compareStatus('COMPLETED', 'CANCELLED')).toBe(0);
    expect(compareStatus('PENDING', 'PENDING')).toBe(0);
  });

  it('sorts statuses in lifecycle order', () => {
    const shuffled: ShipmentStatus[] = ['DELIVERED', 'UNKNOWN', 'ASSIGNED', 'DRAFT', 'COMPLETED', 'IN_TRANSIT', 'PENDING'];
    expect([...shuffled].sort(compareStatus)).toEqual(['UNKNOWN', 'DRAFT', 'PENDING', 'ASSIGNED', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED']);
  });
});
