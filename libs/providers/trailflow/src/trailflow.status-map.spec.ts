import { mapTrailflowStatus, TRAILFLOW_STATUS_MAP } from './trailflow.status-map.js';

describe('mapTrailflowStatus', () => {
  // Expected values are written out, not read from the table, so a wrong table row fails here.
  it.each([
    ['DRAFT', 'DRAFT'],
    ['ASSIGNED', 'ASSIGNED'],
    ['LOADED', 'IN_TRANSIT'],
    ['IN_TRANSIT', 'IN_TRANSIT'],
    ['DELIVERED', 'DELIVERED'],
    ['CANCELLED', 'CANCELLED'],
  ])('maps %s to %s', (raw, expected) => {
    expect(mapTrailflowStatus(raw)).toEqual({ status: expected });
  });

  it('has no row the test above does not cover', () => {
    expect(Object.keys(TRAILFLOW_STATUS_MAP).sort()).toEqual(
      ['ASSIGNED', 'CANCELLED', 'DELIVERED', 'DRAFT', 'IN_TRANSIT', 'LOADED'],
    );
  });

  it.each(['ON_HOLD', 'in_transit', '', 'constructor', 'toString'])(
    'reports %p as UNKNOWN with the raw value kept',
    (raw) => {
      expect(mapTrailflowStatus(raw)).toEqual({ status: 'UNKNOWN', unknown: raw });
    },
  );
});
