import {
  CARRIERPACKET_DOC_TYPE_MAP,
  CARRIERPACKET_STATUS_MAP,
  mapCarrierpacketDocType,
  mapCarrierpacketStatus,
} from './carrierpacket.status-map.js';

describe('mapCarrierpacketStatus', () => {
  // Expected values are written out, not read from the table, so a wrong table row fails here.
  it.each([
    [0, 'PENDING'],
    [1, 'PENDING'],
    [2, 'VERIFIED'],
    [3, 'REJECTED'],
    [4, 'ARCHIVED'],
  ])('maps %p to %s', (raw, expected) => {
    expect(mapCarrierpacketStatus(raw)).toStrictEqual({ status: expected, rawStatus: String(raw) });
  });

  it('has no row the test above does not cover', () => {
    expect(Object.keys(CARRIERPACKET_STATUS_MAP).sort()).toStrictEqual(['0', '1', '2', '3', '4']);
  });

  it.each([5, 99, -1])('reports %p as UNKNOWN with the raw value kept', (raw) => {
    expect(mapCarrierpacketStatus(raw)).toStrictEqual({ status: 'UNKNOWN', rawStatus: String(raw), unknown: String(raw) });
  });
});

describe('mapCarrierpacketDocType', () => {
  it.each([
    ['coi', 'INSURANCE'],
    ['w9', 'W9'],
    ['authority', 'AUTHORITY'],
    ['references', 'REFERENCES'],
    ['ach', 'ACH'],
  ])('maps %s to %s', (raw, expected) => {
    expect(mapCarrierpacketDocType(raw)).toStrictEqual({ type: expected, rawType: raw });
  });

  it('has no row the test above does not cover', () => {
    expect(Object.keys(CARRIERPACKET_DOC_TYPE_MAP).sort()).toStrictEqual(['ach', 'authority', 'coi', 'references', 'w9']);
  });

  it.each(['other', 'COI', 'mc_authority', '', 'constructor', 'toString'])('maps %p to OTHER with the raw type kept', (raw) => {
    expect(mapCarrierpacketDocType(raw)).toStrictEqual({ type: 'OTHER', rawType: raw });
  });
});
