import { readFileSync } from 'node:fs';
import type { ShipmentPatch } from '@waybill/canonical';
import { ProviderError, type Connection, type ProviderRecord } from '@waybill/provider-kit';
import { parseTrailflowAddress, toShipmentPatch } from './trailflow.mapper.js';
import { TrailflowProvider } from './trailflow.provider.js';
import { TrailflowLoad, validateTrailflow } from './trailflow.schemas.js';

// Golden tests: the docs' own example loads (copied verbatim into test/fixtures/trailflow) through `map`, compared
// with the whole expected result written out by hand. Times were worked out by hand: 2024-03-19 is after the US
// switch to daylight time (2024-03-10), so America/Los_Angeles is UTC-7 (PDT); 1710806400000 ms is
// 2024-03-19T00:00:00Z (README assumption 5), and the other epoch values are offsets from it.

function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../../../test/fixtures/trailflow/${name}`, import.meta.url), 'utf8'));
}

const conn: Connection = {
  id: 'trailflow-default',
  provider: 'trailflow',
  baseUrl: 'http://127.0.0.1:1',
  webhookSecrets: [], credentials: { apiKey: 'unused' },
  settings: {},
};

const sut = new TrailflowProvider();

function record(raw: unknown): ProviderRecord {
  return { kind: 'shipment', externalId: 'load_123', providerUpdatedAt: null, raw };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const REFERENCES = [
  { kind: 'load', value: 'load_123' },
  { kind: 'external', value: 'tt_456' },
  { kind: 'order', value: 'ORD-1001' },
];
const ACME = {
  id: 'customer_1',
  code: 'CUST-1',
  name: 'Acme Foods',
  email: 'shipping@acmefoods.example',
  phone: '+1-415-555-0100',
};
const RELIABLE = {
  id: 'carrier_1',
  name: 'Reliable Freight',
  legalName: 'Reliable Freight LLC',
  email: 'dispatch@reliablefreight.example',
  phone: '+1-415-555-0110',
  vatCode: null,
  mcNumber: null,
  usdotNumber: null,
};
const MARKET_ST = {
  line1: '123 Market St',
  city: 'San Francisco',
  region: 'CA',
  postalCode: '94105',
  countryCode: 'US',
  formatted: '123 Market St, San Francisco, CA 94105',
};
// 2024-03-19 08:00–10:00 PDT.
const STOP_1_WINDOW = { start: '2024-03-19T15:00:00.000Z', end: '2024-03-19T17:00:00.000Z', timezone: 'America/Los_Angeles' };
const STOP_1_CONTACT = { name: 'Pickup Dock', email: 'pickup@acmefoods.example', phone: '+1-415-555-0101' };

describe('TrailFlow mapping of the documented example loads', () => {
  it('maps EX "List Loads Response" data[0] (all includes but vehicle)', () => {
    const raw = fixture('list-loads.response.json').data[0];

    expect(sut.map(record(raw), conn)).toStrictEqual({
      kind: 'shipment',
      externalId: 'load_123',
      // 1710808200000 = 1710806400000 + 30 min.
      providerUpdatedAt: '2024-03-19T00:30:00.000Z',
      patch: {
        reference: 'ORD-1001',
        status: 'IN_TRANSIT',
        providerStatus: { status: 'IN_TRANSIT', at: '2024-03-19T00:30:00.000Z' },
        references: REFERENCES,
        customer: ACME,
        carrier: RELIABLE,
        stops: [
          {
            sequence: 0,
            type: 'PICKUP',
            name: null,
            address: MARKET_ST,
            position: { latitude: 37.7936, longitude: -122.3958 },
            window: STOP_1_WINDOW,
            contact: STOP_1_CONTACT,
            status: 'completed',
            notes: 'Bring reference ORD-1001.',
          },
          {
            sequence: 1,
            type: 'DELIVERY',
            name: null,
            address: {
              line1: '456 Delivery Ave',
              city: 'Sacramento',
              region: 'CA',
              postalCode: '95814',
              countryCode: 'US',
              formatted: '456 Delivery Ave, Sacramento, CA 95814',
            },
            position: { latitude: 38.5816, longitude: -121.4944 },
            // scheduledDate 1710810000000 is 2024-03-19T01:00Z: its UTC date is still 2024-03-19.
            // 14:00–16:00 PDT = 21:00–23:00Z.
            window: { start: '2024-03-19T21:00:00.000Z', end: '2024-03-19T23:00:00.000Z', timezone: 'America/Los_Angeles' },
            contact: { name: 'Receiving Desk', email: 'receiving@customer.example', phone: '+1-916-555-0102' },
            status: 'scheduled',
            notes: 'Call 30 minutes before arrival.',
          },
        ],
        tracking: {
          eligible: true,
          reason: null,
          lastKnownLocation: { latitude: 37.7, longitude: -122.4, recordedAt: '2024-03-19T00:30:00.000Z', source: 'motive' },
        },
        rate: { amount: 2450, currency: null },
        notes: 'Driver checked in at pickup.',
      },
    });
  });

  it('maps EX "Get Load Response" data (fully embedded, with vehicle)', () => {
    const raw = fixture('get-load.response.json').data;

    expect(sut.map(record(raw), conn)).toStrictEqual({
      kind: 'shipment',
      externalId: 'load_123',
      // 1710805000000 = 1710806400000 - 23 min 20 s.
      providerUpdatedAt: '2024-03-18T23:36:40.000Z',
      patch: {
        reference: 'ORD-1001',
        status: 'ASSIGNED',
        providerStatus: { status: 'ASSIGNED', at: '2024-03-18T23:36:40.000Z' },
        references: REFERENCES,
        customer: ACME,
        carrier: RELIABLE,
        vehicle: { unitNumber: 'TRK-1', type: 'tractor', licensePlates: [] },
        stops: [
          {
            sequence: 0,
            type: 'PICKUP',
            name: null,
            address: MARKET_ST,
            position: { latitude: 37.7936, longitude: -122.3958 },
            window: STOP_1_WINDOW,
            contact: STOP_1_CONTACT,
            status: 'scheduled',
            notes: 'Bring reference ORD-1001.',
          },
        ],
        tracking: { eligible: true, reason: null, lastKnownLocation: null },
        rate: { amount: 2450, currency: null },
        notes: 'Assigned to primary driver.',
      },
    });
  });

  it('maps the FACTS §6 load.created webhook body without stops, parties or rate (nothing stored is erased)', () => {
    const raw = fixture('webhook-load-created.body.json');

    expect(sut.map(record(raw), conn)).toStrictEqual({
      kind: 'shipment',
      externalId: 'load_123',
      // FACTS §4 "Timestamps": 1710802000000 = 2024-03-18T22:46:40Z.
      providerUpdatedAt: '2024-03-18T22:46:40.000Z',
      patch: {
        reference: 'ORD-1001',
        status: 'ASSIGNED',
        providerStatus: { status: 'ASSIGNED', at: '2024-03-18T22:46:40.000Z' },
        references: REFERENCES,
        tracking: { eligible: true },
      },
    });
  });

  it('maps EX "Create Load Response" data', () => {
    expect(sut.map(record(fixture('create-load.response.json').data), conn)).toStrictEqual({
      kind: 'shipment',
      externalId: 'load_123',
      providerUpdatedAt: '2024-03-18T22:46:40.000Z',
      patch: {
        reference: 'ORD-1001',
        status: 'ASSIGNED',
        providerStatus: { status: 'ASSIGNED', at: '2024-03-18T22:46:40.000Z' },
        references: REFERENCES,
        tracking: { eligible: true },
        rate: { amount: 2450, currency: null },
        notes: 'Initial dispatch created from partner TMS.',
      },
    });
  });

  it('maps EX "Upsert Load Response" data', () => {
    expect(sut.map(record(fixture('upsert-load.response.json').data), conn)).toStrictEqual({
      kind: 'shipment',
      externalId: 'load_123',
      providerUpdatedAt: '2024-03-19T00:30:00.000Z',
      patch: {
        reference: 'ORD-1001',
        status: 'IN_TRANSIT',
        providerStatus: { status: 'IN_TRANSIT', at: '2024-03-19T00:30:00.000Z' },
        references: REFERENCES,
        tracking: { eligible: true },
        rate: { amount: 2450, currency: null },
        notes: 'Partner upsert refreshed the latest operational state.',
      },
    });
  });

  it('maps EX "Update Load Status Response" data (DELIVERED, no longer trackable)', () => {
    expect(sut.map(record(fixture('update-load-status.response.json').data), conn)).toStrictEqual({
      kind: 'shipment',
      externalId: 'load_123',
      // 1710810000000 = 1710806400000 + 1 h.
      providerUpdatedAt: '2024-03-19T01:00:00.000Z',
      patch: {
        reference: 'ORD-1001',
        status: 'DELIVERED',
        providerStatus: { status: 'DELIVERED', at: '2024-03-19T01:00:00.000Z' },
        references: REFERENCES,
        tracking: { eligible: false },
        rate: { amount: 2450, currency: null },
        notes: 'Marked delivered by partner dispatch.',
      },
    });
  });

  it('refuses the FACTS §4 short list example, which has no updatedAt, naming the field', () => {
    const raw = fixture('list-loads-minimal.response.json').data[0];

    expect(() => sut.map(record(raw), conn)).toThrow(
      expect.objectContaining({
        kind: 'bad_payload',
        details: [expect.objectContaining({ field: 'updatedAt' })],
      }),
    );
  });
});

describe('TrailFlow mapping rules', () => {
  const getLoad = () => fixture('get-load.response.json').data;

  it('leaves out stops, customer, carrier, vehicle, rate and notes when the load does not carry them', () => {
    const patch = toShipmentPatch(validateTrailflow(TrailflowLoad, fixture('webhook-load-created.body.json'), 'load'));

    for (const key of ['stops', 'customer', 'carrier', 'vehicle', 'rate', 'notes'] as const) {
      expect(patch).not.toHaveProperty(key);
    }
  });

  it('clears customer, carrier and vehicle that were included but are null (the load has none)', () => {
    const patch = sut.map(record({ ...getLoad(), customer: null, carrier: null, vehicle: null }), conn).patch;

    expect(patch.customer).toBeNull();
    expect(patch.carrier).toBeNull();
    expect(patch.vehicle).toBeNull();
  });

  it('falls back to the load\'s eligibleForTracking alone when tracking is null', () => {
    expect(sut.map(record({ ...getLoad(), tracking: null }), conn).patch.tracking).toStrictEqual({ eligible: true });
  });

  it('reports an unmapped status as UNKNOWN with the raw value kept', () => {
    const raw = { ...fixture('webhook-load-created.body.json'), status: 'ON_HOLD' };

    const mapped = sut.map(record(raw), conn);

    expect(mapped.unknownStatus).toBe('ON_HOLD');
    expect(mapped.patch.status).toBe('UNKNOWN');
    expect(mapped.patch.providerStatus).toStrictEqual({ status: 'ON_HOLD', at: '2024-03-18T22:46:40.000Z' });
  });

  it('does not set unknownStatus for a mapped status', () => {
    expect(sut.map(record(getLoad()), conn)).not.toHaveProperty('unknownStatus');
  });

  it('accepts unknown fields anywhere (FACTS §7) and maps as without them, leaving the input untouched', () => {
    const plain = getLoad();
    const extended = deepFreeze({
      ...plain,
      hazmat: true,
      customer: { ...plain.customer, tier: 'gold' },
      stops: [{ ...plain.stops[0], dockDoor: 7 }],
      tracking: { ...plain.tracking, etaConfidence: 0.9 },
    });

    expect(sut.map(record(extended), conn)).toStrictEqual(sut.map(record(plain), conn));
  });

  it('prefers orderNumber, then externalId, then id as the business reference', () => {
    const base = fixture('webhook-load-created.body.json');
    const referenceOf = (raw: object) => sut.map(record(raw), conn).patch.reference;

    expect(referenceOf(base)).toBe('ORD-1001');
    expect(referenceOf({ ...base, orderNumber: null })).toBe('tt_456');
    expect(referenceOf({ ...base, orderNumber: null, externalId: null })).toBe('load_123');
    expect(sut.map(record({ ...base, orderNumber: null, externalId: null }), conn).patch.references).toStrictEqual([
      { kind: 'load', value: 'load_123' },
    ]);
  });

  it('maps a null rate and null notes as "none" rather than leaving them out', () => {
    const patch: ShipmentPatch = sut.map(record({ ...getLoad(), rate: null, notes: null }), conn).patch;

    expect(patch.rate).toBeNull();
    expect(patch.notes).toBeNull();
  });

  it('reads a stop without times as the whole local day (README assumption 5)', () => {
    const raw = getLoad();
    raw.stops[0].scheduledTime = null;
    raw.stops[0].scheduledEndTime = null;

    // Local midnight 2024-03-19 and 2024-03-20 in PDT (UTC-7).
    expect(sut.map(record(raw), conn).patch.stops?.[0].window).toStrictEqual({
      start: '2024-03-19T07:00:00.000Z',
      end: '2024-03-20T07:00:00.000Z',
      timezone: 'America/Los_Angeles',
    });
  });

  it('ends a window whose end is before its start on the next local day (README assumption 5)', () => {
    const raw = getLoad();
    raw.stops[0].scheduledTime = '22:00';
    raw.stops[0].scheduledEndTime = '02:00';

    // 22:00 PDT on the 19th = 05:00Z on the 20th; 02:00 PDT on the 20th = 09:00Z.
    expect(sut.map(record(raw), conn).patch.stops?.[0].window).toStrictEqual({
      start: '2024-03-20T05:00:00.000Z',
      end: '2024-03-20T09:00:00.000Z',
      timezone: 'America/Los_Angeles',
    });
  });

  it('gives no window, position or contact when the stop has none of their fields', () => {
    const raw = getLoad();
    const { scheduledDate, latitude, contactName, email, phone, ...rest } = raw.stops[0];
    raw.stops = [rest];

    const stop = sut.map(record(raw), conn).patch.stops?.[0];

    expect(stop?.window).toBeNull();
    expect(stop?.position).toBeNull();
    expect(stop?.contact).toBeNull();
  });

  it.each([
    ['stops[0].kind', (raw: any) => (raw.stops[0].kind = 'stopover')],
    ['updatedAt', (raw: any) => (raw.updatedAt = '1710805000000')],
    ['id', (raw: any) => delete raw.id],
    ['status', (raw: any) => (raw.status = 3)],
    ['customer', (raw: any) => (raw.customer = 'customer_1')],
    ['customer.email', (raw: any) => (raw.customer.email = 42)],
    ['tracking.lastKnownLocation.latitude', (raw: any) => (raw.tracking.lastKnownLocation = { longitude: 1 })],
    ['stops[0].timezone', (raw: any) => (raw.stops[0].timezone = 'Mars/Olympus_Mons')],
    ['stops[0].scheduledTime', (raw: any) => (raw.stops[0].scheduledTime = '25:00')],
    ['stops[0].scheduledEndTime', (raw: any) => (raw.stops[0].scheduledEndTime = '10h')],
  ])('refuses a bad %s with bad_payload naming the field', (field, spoil) => {
    const raw = getLoad();
    spoil(raw);

    let thrown: unknown;
    try {
      sut.map(record(raw), conn);
    } catch (e) {
      thrown = e;
    }

    expect(thrown).toBeInstanceOf(ProviderError);
    expect((thrown as ProviderError).kind).toBe('bad_payload');
    expect((thrown as ProviderError).details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect((thrown as ProviderError).message).toContain(field);
  });

  it('refuses a body that is not an object', () => {
    expect(() => sut.map(record([getLoad()]), conn)).toThrow(
      expect.objectContaining({ kind: 'bad_payload', details: [expect.objectContaining({ field: '$' })] }),
    );
  });
});

describe('parseTrailflowAddress (README assumption 6)', () => {
  it('splits "<line1>, <city>, <ST> <zip+4>"', () => {
    expect(parseTrailflowAddress('1 Main St, Reno, NV 89501-1234')).toStrictEqual({
      line1: '1 Main St',
      city: 'Reno',
      region: 'NV',
      postalCode: '89501-1234',
      countryCode: 'US',
      formatted: '1 Main St, Reno, NV 89501-1234',
    });
  });

  it.each(['Calle Mayor 1, 28013 Madrid, Spain', '1 Main St, Suite 4, Reno, NV 89501', 'Reno, NV 89501', '1 Main St, Reno, Nevada'])(
    'keeps %p only as formatted',
    (address) => {
      expect(parseTrailflowAddress(address)).toStrictEqual({
        line1: null,
        city: null,
        region: null,
        postalCode: null,
        countryCode: null,
        formatted: address,
      });
    },
  );

  it.each([null, undefined, '', '  '])('gives no address for %p', (address) => {
    expect(parseTrailflowAddress(address)).toBeNull();
  });
});
