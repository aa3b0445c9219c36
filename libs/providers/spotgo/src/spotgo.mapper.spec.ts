import { readFileSync } from 'node:fs';
import type { Shipment } from '@waybill/canonical';
import { ProviderError, type Connection } from '@waybill/provider-kit';
import {
  canonicalFieldOf,
  documentExternalId,
  parseDocumentExternalId,
  readDispatchOptions,
  toOrderRecords,
  toOrderSubmit,
} from './spotgo.mapper.js';
import { SpotgoProvider } from './spotgo.provider.js';
import { SpotgoOrderView, validateSpotgo } from './spotgo.schemas.js';

// Golden tests both directions: the docs' own upsert sample first (copied verbatim into test/fixtures/spotgo), then a
// Vilnius → Berlin order across Europe's 2026 spring DST change. Whole outputs are compared.

const fixture = <T = any>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/spotgo/${name}`, import.meta.url), 'utf8')) as T;

const conn: Connection = { id: 'spotgo-default', provider: 'spotgo', baseUrl: 'https://api-test.spotgo.eu', credentials: {}, webhookSecrets: [], settings: {} };
const sut = new SpotgoProvider();

function mapOrder(raw: unknown) {
  return toOrderRecords(validateSpotgo(SpotgoOrderView, raw, 'order'), raw).map((r) => sut.map(r, conn));
}

function refusal(fn: () => unknown): ProviderError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error('expected a ProviderError');
}

describe('SpotGo order → canonical', () => {
  it("maps the docs' upsert answer (UPSERT sample) whole", () => {
    const order = fixture('upsert.response.docs.json').order;
    expect(mapOrder(order)).toStrictEqual(fixture('upsert.response.docs.mapped.json'));
  });

  it('maps an order in review with its documents as their own records, dates to UTC, unknown values kept raw', () => {
    const mapped = mapOrder(fixture('order.in-review.json'));
    expect(mapped).toStrictEqual(fixture('order.in-review.mapped.json'));
    // The points the golden file pins, spelled out:
    expect(mapped.map((m) => m.kind)).toStrictEqual(['shipment', 'document', 'document', 'document']);
    const [order, , rejected, quarantined] = mapped;
    expect(order.kind === 'shipment' && order.patch.stops!.map((s) => [s.sequence, s.type, s.window])).toStrictEqual([
      // Sorted by sequence; `+02:00` on 28 March (EET, before the change) is two hours ahead of UTC.
      [1, 'PICKUP', { start: '2026-03-28T05:00:00.000Z', end: '2026-03-28T09:00:00.000Z', timezone: null }],
      [2, 'DELIVERY', { start: '2026-03-29T06:00:00.000Z', end: '2026-03-29T12:30:00.000Z', timezone: null }],
    ]);
    // `+02:00` on the evening of 29 March is CEST: 20:30 UTC.
    expect(rejected.kind === 'document' && rejected.patch.uploadedAt).toBe('2026-03-29T20:30:00.000Z');
    expect(quarantined).toMatchObject({ patch: { type: 'OTHER', rawType: 'weighbridgeTicket', status: null, rawStatus: 'Quarantined' } });
    expect(order.unknownStatus).toBeUndefined();
  });

  it('an order status it does not know is UNKNOWN with the raw kept and reported', () => {
    const [order] = mapOrder({ ...fixture<object>('order.in-review.json'), status: 'Archived' });
    expect(order).toMatchObject({ unknownStatus: 'Archived', patch: { status: 'UNKNOWN', providerStatus: { status: 'Archived' } } });
  });

  it('leaves out what the payload does not carry', () => {
    const [order] = mapOrder({ orderId: 'A', status: 'Created', orderNumber: 'N-1' });
    expect(order).toStrictEqual({
      kind: 'shipment',
      externalId: 'a',
      providerUpdatedAt: null,
      patch: { reference: 'N-1', status: 'ASSIGNED', providerStatus: { status: 'Created', at: null }, references: [{ kind: 'order', value: 'N-1' }] },
    });
  });
});

describe('canonical shipment → SpotGo upsert body', () => {
  it('maps the shipment whole: order number, carrier with VAT code, weight, plates, locations in UTC, required types', () => {
    const body = toOrderSubmit(fixture<Shipment>('shipment.vilnius-berlin.canonical.json'), { requiredDocuments: ['CMR', 'INVOICE'] });
    expect(body).toStrictEqual(fixture('shipment.vilnius-berlin.upsert-body.json'));
    // The docs' request sample has the same keys (manager is optional and write-only).
    const docsKeys = Object.keys(fixture('upsert.request.docs.json')).filter((k) => k !== 'manager').sort();
    expect(Object.keys(body).sort()).toStrictEqual(docsKeys);
    expect(Object.keys(body.locations[0]).sort()).toStrictEqual(Object.keys(fixture('upsert.request.docs.json').locations[0]).sort());
  });

  it('sends the manager and leaves requiredDocumentTypes out when not asked (SpotGo keeps the stored list)', () => {
    const body = toOrderSubmit(fixture<Shipment>('shipment.vilnius-berlin.canonical.json'), { manager: { name: 'Ona', email: 'ona@broker.lt' } });
    expect(body.manager).toStrictEqual({ name: 'Ona', email: 'ona@broker.lt' });
    expect('requiredDocumentTypes' in body).toBe(false);
  });

  it('refuses, naming every canonical field, what SpotGo cannot take', () => {
    const s = fixture<Shipment>('shipment.vilnius-berlin.canonical.json');
    const bad: Shipment = {
      ...s,
      reference: '  ',
      carrier: { ...s.carrier!, vatCode: null },
      stops: [{ ...s.stops[0], window: { start: '2026-03-28T07:00:00', end: null, timezone: null } }],
    };
    const e = refusal(() => toOrderSubmit(bad, { requiredDocuments: ['W9'] }));
    expect(e.kind).toBe('invalid_request');
    expect(e.details).toStrictEqual([
      { field: 'reference', providerField: 'orderNumber', code: 'Required', message: expect.any(String) },
      { field: 'carrier.vatCode', providerField: 'carrier.vatCode', code: 'Required', message: expect.any(String) },
      { field: 'options.requiredDocuments[0]', providerField: 'requiredDocumentTypes', code: 'UnknownDocumentType', message: 'SpotGo has no W9 document type' },
      { field: 'stops[0].window.start', providerField: null, code: 'Invalid', message: 'must be an ISO 8601 instant with an offset' },
    ]);
  });

  it('reads the dispatch options and refuses unknown ones', () => {
    expect(readDispatchOptions({ requiredDocuments: ['CMR'] })).toStrictEqual({ requiredDocuments: ['CMR'] });
    expect(refusal(() => readDispatchOptions({ workflow: 'B' })).details).toStrictEqual([
      { field: 'options.workflow', providerField: null, code: 'Unknown', message: expect.any(String) },
    ]);
  });
});

describe('ids and field paths', () => {
  it('document external ids are <orderId>/<documentId>, lower-cased', () => {
    expect(documentExternalId('3F2A', 'B71E')).toBe('3f2a/b71e');
    expect(parseDocumentExternalId('3f2a/b71e')).toStrictEqual({ orderId: '3f2a', documentId: 'b71e' });
    expect(parseDocumentExternalId('b71e', '3F2A')).toStrictEqual({ orderId: '3f2a', documentId: 'b71e' });
    expect(refusal(() => parseDocumentExternalId('b71e')).kind).toBe('invalid_request');
  });

  it.each([
    ['orderNumber', 'reference'],
    ['carrier.vatCode', 'carrier.vatCode'],
    ['details.weight', 'cargo.weightKg'],
    ['details.licensePlates[1]', 'vehicle.licensePlates[1]'],
    ['locations[1].postalCode', 'stops[1].address.postalCode'],
    ['locations[0].street', 'stops[0].address.line1'],
    ['locations[2].startDate', 'stops[2].window.start'],
    ['locations[3]', 'stops[3]'],
    ['requiredDocumentTypes', 'options.requiredDocuments'],
    ['locations[0].weird', null],
    ['status', null],
    [null, null],
  ])('%s → %s', (providerField, field) => {
    expect(canonicalFieldOf(providerField)).toBe(field);
  });
});
