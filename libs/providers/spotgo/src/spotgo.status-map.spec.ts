import {
  CANONICAL_TO_SPOTGO_DOCUMENT_TYPE,
  isReviewable,
  mapSpotgoDocumentStatus,
  mapSpotgoDocumentType,
  mapSpotgoOrderStatus,
  SPOTGO_DOCUMENT_STATUS_MAP,
  SPOTGO_DOCUMENT_TYPE_MAP,
  SPOTGO_ORDER_STATUS_MAP,
  toSpotgoDocumentType,
} from './spotgo.status-map.js';

describe('SpotGo order status map (README "Status enums")', () => {
  it.each([
    ['Created', 'ASSIGNED'],
    ['Active', 'ASSIGNED'],
    ['InReview', 'DELIVERED'],
    ['Accepted', 'DELIVERED'],
    ['Rejected', 'DELIVERED'],
    ['Completed', 'COMPLETED'],
  ])('%s → %s', (raw, status) => {
    expect(mapSpotgoOrderStatus(raw)).toStrictEqual({ status, rawStatus: raw });
  });

  it('has exactly the rows tested above', () => {
    expect(Object.keys(SPOTGO_ORDER_STATUS_MAP).sort()).toStrictEqual(['accepted', 'active', 'completed', 'created', 'inreview', 'rejected']);
  });

  it.each(['Archived', '', 'constructor', 'toString'])('%j is UNKNOWN with the raw value kept', (raw) => {
    expect(mapSpotgoOrderStatus(raw)).toStrictEqual({ status: 'UNKNOWN', rawStatus: raw, unknown: raw });
  });

  it('reads the raw value case-insensitively and keeps its spelling', () => {
    expect(mapSpotgoOrderStatus('inReview')).toStrictEqual({ status: 'DELIVERED', rawStatus: 'inReview' });
  });
});

describe('SpotGo document status map', () => {
  it.each([
    ['Processing', 'PROCESSING'],
    ['InReview', 'IN_REVIEW'],
    ['Accepted', 'ACCEPTED'],
    ['Rejected', 'REJECTED'],
    ['Quarantined', null],
    ['valueOf', null],
  ])('%s → %s', (raw, status) => {
    expect(mapSpotgoDocumentStatus(raw)).toStrictEqual({ status, rawStatus: raw });
  });

  it('has exactly four rows', () => {
    expect(Object.keys(SPOTGO_DOCUMENT_STATUS_MAP)).toHaveLength(4);
  });

  it.each([
    ['InReview', true],
    ['inreview', true],
    ['Processing', false],
    ['Accepted', false],
    ['Rejected', false],
    [null, false],
  ])('review from %s allowed: %s', (raw, allowed) => {
    expect(isReviewable(raw)).toBe(allowed);
  });
});

describe('SpotGo document types', () => {
  it.each([
    ['cmr', 'CMR'],
    ['invoice', 'INVOICE'],
    ['selfBillingInvoice', 'SELF_BILLING_INVOICE'],
    ['order', 'ORDER'],
    ['packingList', 'PACKING_LIST'],
    ['pod', 'POD'],
    ['receipt', 'RECEIPT'],
    ['other', 'OTHER'],
    ['CMR', 'CMR'],
    ['weighbridgeTicket', 'OTHER'],
  ])('%s → %s (raw kept)', (raw, type) => {
    expect(mapSpotgoDocumentType(raw)).toStrictEqual({ type, rawType: raw });
  });

  it('has exactly eight rows, and every one round-trips', () => {
    expect(Object.keys(SPOTGO_DOCUMENT_TYPE_MAP)).toHaveLength(8);
    for (const [canonical, spotgo] of Object.entries(CANONICAL_TO_SPOTGO_DOCUMENT_TYPE)) {
      expect(mapSpotgoDocumentType(spotgo!).type).toBe(canonical);
    }
  });

  it.each(['BOL', 'W9', 'INSURANCE', 'AUTHORITY', 'ACH', 'REFERENCES'] as const)('SpotGo has no %s', (type) => {
    expect(toSpotgoDocumentType(type)).toBeNull();
  });
});
