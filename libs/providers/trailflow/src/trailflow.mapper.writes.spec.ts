import type { Shipment } from '@waybill/canonical';
import { TRAILFLOW_WRITE_FIELDS, toTrailflowFieldErrors, toTrailflowLoadWrite } from './trailflow.mapper.js';

// Canonical shipment → TrailFlow load write (README "Writes"): golden, whole-output comparisons.

const SHIPMENT: Shipment = {
  id: '8d2f4a10-3c5b-4e6f-9a7b-1c2d3e4f5a6b',
  reference: 'ORD-1001',
  status: 'DRAFT',
  statusReason: null,
  createdAt: '2026-03-01T12:00:00.000Z',
  updatedAt: '2026-03-01T12:00:00.000Z',
  version: 1,
  providerStatuses: [],
  references: [],
  customer: { id: null, code: 'CUST-1', name: 'Acme', email: null, phone: null },
  carrier: { id: null, name: 'Reliable Freight', legalName: null, email: null, phone: null, vatCode: null, mcNumber: null, usdotNumber: null },
  vehicle: null,
  stops: [],
  cargo: null,
  rate: { amount: 2450, currency: 'USD' },
  notes: 'Initial dispatch created from partner TMS.',
  documents: [],
  tracking: null,
  sources: [],
};

describe('toTrailflowLoadWrite', () => {
  it("writes the documented fields, keyed by the Waybill id (EX 'Create Load Request' shape)", () => {
    expect(toTrailflowLoadWrite(SHIPMENT)).toStrictEqual({
      externalId: '8d2f4a10-3c5b-4e6f-9a7b-1c2d3e4f5a6b',
      orderNumber: 'ORD-1001',
      customerCode: 'CUST-1',
      carrierName: 'Reliable Freight',
      rate: 2450,
      notes: 'Initial dispatch created from partner TMS.',
    });
  });

  it('leaves out what the shipment does not have (an upsert changes only the fields sent)', () => {
    const bare: Shipment = { ...SHIPMENT, customer: { ...SHIPMENT.customer!, code: '  ' }, carrier: null, rate: null, notes: null };
    expect(toTrailflowLoadWrite(bare)).toStrictEqual({ externalId: SHIPMENT.id, orderNumber: 'ORD-1001' });
  });

  it('uses the Waybill id as order number when the shipment has no reference', () => {
    expect(toTrailflowLoadWrite({ ...SHIPMENT, reference: null }).orderNumber).toBe(SHIPMENT.id);
  });

  it('never mutates its input', () => {
    const copy = structuredClone(SHIPMENT);
    toTrailflowLoadWrite(SHIPMENT);
    expect(SHIPMENT).toStrictEqual(copy);
  });
});

describe('toTrailflowFieldErrors', () => {
  it.each([
    ['customerCode "NOPE" does not match any customer', 'customerCode', 'customer.code'],
    ['carrierName "X" does not match any carrier', 'carrierName', 'carrier.name'],
    ['rate must be a non-negative number or null', 'rate', 'rate.amount'],
    ['orderNumber must be at most 128 characters', 'orderNumber', 'reference'],
    ['notes must be at most 2000 characters', 'notes', 'notes'],
    ['externalId is required', 'externalId', 'id'],
  ])('maps %j to %s → %s', (message, providerField, field) => {
    expect(toTrailflowFieldErrors({ error: { code: 'bad_request', message }, requestId: 'req_1' })).toStrictEqual([
      { field, providerField, code: 'bad_request', message },
    ]);
  });

  it('keeps a message naming no write field whole, with both fields null', () => {
    expect(toTrailflowFieldErrors({ error: { code: 'bad_request', message: 'Request body is not valid JSON' } })).toStrictEqual([
      { field: null, providerField: null, code: 'bad_request', message: 'Request body is not valid JSON' },
    ]);
    expect(toTrailflowFieldErrors('<html>')).toStrictEqual([{ field: null, providerField: null, code: null, message: 'TrailFlow refused the load' }]);
  });

  it('knows every documented write field', () => {
    expect(Object.keys(TRAILFLOW_WRITE_FIELDS).sort()).toStrictEqual(['carrierName', 'customerCode', 'externalId', 'notes', 'orderNumber', 'rate', 'status']);
  });
});
