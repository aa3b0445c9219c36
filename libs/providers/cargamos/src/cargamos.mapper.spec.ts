import { readFileSync } from 'node:fs';
import type { Shipment, Stop } from '@waybill/canonical';
import { ProviderError } from '@waybill/provider-kit';
import {
  canonicalFieldOf,
  countryCode,
  mexicoDay,
  normalizePhone,
  readDispatchOptions,
  splitAddress,
  toDeliveryOrder,
  trackingIdFromKey,
  trackingPatch,
  webhookPatch,
  type OrderContext,
} from './cargamos.mapper.js';
import type { CargamosTrackingView, CargamosWebhookPayload } from './cargamos.schemas.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/cargamos/${name}`, import.meta.url), 'utf8')) as T;

const reforma = () => fixture<Shipment>('shipment.reforma.canonical.json');
const withDelivery = (s: Shipment, change: (stop: Stop) => void): Shipment => {
  change(s.stops[1]);
  return s;
};

describe('toDeliveryOrder (golden)', () => {
  it('builds the docs\' Reforma order by components, KG/CM, normalized phone, reference as shipperTrackingId, Mexico City days', () => {
    const { body, context } = toDeliveryOrder(reforma(), {}, 'key-1');
    expect(body).toStrictEqual(fixture('shipment.reforma.delivery-order.json'));
    expect(context).toStrictEqual({
      delivery: 1,
      dropoff: 0,
      addressForm: 'components',
      weightField: 'cargo.weightKg',
      descriptionField: 'cargo.packages[0].description',
      trackingIdFrom: 'reference',
    });
  });

  it('sends one line when the address cannot be split (no street number)', () => {
    const s = withDelivery(reforma(), (stop) => {
      stop.address = { line1: 'Mercado de Sonora, local 5', city: 'Venustiano Carranza', region: 'CDMX', postalCode: '15800', countryCode: 'MX', formatted: 'Mercado de Sonora, local 5, 15800 CDMX' };
    });
    const { body, context } = toDeliveryOrder(s);
    expect(body.recipientLocation).toStrictEqual({
      fullAddress: 'Mercado de Sonora, local 5, 15800 CDMX',
      postalCode: '15800',
      country: 'MX',
      lat: 19.4326,
      lng: -99.1332,
      notes: 'Dejar en recepción',
    });
    expect(context.addressForm).toBe('fullAddress');
  });

  it('builds the one line from the parts when there is no formatted address', () => {
    const s = withDelivery(reforma(), (stop) => {
      stop.address = { line1: 'Insurgentes Sur', city: null, region: 'Ciudad de México', postalCode: '03100', countryCode: null, formatted: null };
    });
    expect(toDeliveryOrder(s).body.recipientLocation).toMatchObject({ fullAddress: 'Insurgentes Sur, 03100, Ciudad de México', postalCode: '03100' });
    expect(toDeliveryOrder(s).body.recipientLocation).not.toHaveProperty('country');
  });

  it('takes the neighborhood from the formatted address when line1 has none', () => {
    expect(
      splitAddress({ line1: 'Av. Insurgentes Sur 1602', city: 'Benito Juárez', region: 'Ciudad de México', postalCode: '03940', countryCode: 'MX', formatted: 'Av. Insurgentes Sur 1602, Crédito Constructor, 03940 Benito Juárez, CDMX' }),
    ).toStrictEqual({ street: 'Av. Insurgentes Sur', number: '1602', intNumber: null, neighborhood: 'Crédito Constructor', administrativeArea: 'Ciudad de México', subAdministrativeArea: 'Benito Juárez' });
    expect(splitAddress({ line1: 'Av. Insurgentes Sur 1602', city: 'Benito Juárez', region: 'CDMX', postalCode: '03940', countryCode: 'MX', formatted: null })).toBeNull();
  });

  it('sends a postal code the hub finds odd as it is (the docs\' six-digit 033002): Cargamos decides', () => {
    const s = withDelivery(reforma(), (stop) => {
      stop.address!.postalCode = '033002';
    });
    expect(toDeliveryOrder(s).body.recipientLocation.postalCode).toBe('033002');
  });

  it('leaves out what is missing instead of refusing it (no phone, no dates)', () => {
    const s = withDelivery(reforma(), (stop) => {
      stop.contact = { name: null, email: null, phone: null };
      stop.window = null;
    });
    s.stops[0].window = null;
    const { body } = toDeliveryOrder(s);
    expect(body.recipientInformation).toStrictEqual({ fullName: 'John Doe' });
    expect(body).not.toHaveProperty('shipperDropoffDate');
    expect(body).not.toHaveProperty('expectedDeliveryDate');
  });

  it('always states the units, summing package weights when the cargo has no total', () => {
    const s = reforma();
    s.cargo = {
      weightKg: null,
      description: 'Two boxes',
      packages: [
        { weightKg: 1.25, lengthCm: 10, widthCm: 10, heightCm: 10, description: null },
        { weightKg: 2.5, lengthCm: 20, widthCm: 20, heightCm: 20, description: null },
      ],
    };
    const { body, context } = toDeliveryOrder(s);
    expect(body.package).toStrictEqual({ weightUnit: 'KG', dimensionsUnit: 'CM', weight: 3.75, description: 'Two boxes' });
    expect(context.weightField).toBe('cargo.packages[0].weightKg');
    s.cargo = null;
    expect(toDeliveryOrder(s).body.package).toStrictEqual({ weightUnit: 'KG', dimensionsUnit: 'CM' });
  });

  it('derives a valid shipperTrackingId from the idempotency key when the shipment has no reference', () => {
    const s = reforma();
    s.reference = null;
    const { body, context } = toDeliveryOrder(s, {}, 'idem-42');
    expect(body.shipperTrackingId).toBe(trackingIdFromKey('idem-42'));
    expect(body.shipperTrackingId).toMatch(/^[A-Za-z0-9_-]{1,50}$/);
    expect(context.trackingIdFrom).toBe('idempotencyKey');
  });

  it('uses the delivery stop for the dropoff day when there is no pickup stop', () => {
    const s = reforma();
    s.stops = [s.stops[1]];
    const { body, context } = toDeliveryOrder(s);
    expect(body.shipperDropoffDate).toBe('2026-12-01');
    expect(context).toMatchObject({ delivery: 0, dropoff: 0 });
  });

  it('refuses a shipment without a delivery stop, and unknown options', () => {
    const s = reforma();
    s.stops = [s.stops[0]];
    expect(() => toDeliveryOrder(s)).toThrow(ProviderError);
    expect(() => readDispatchOptions({ colour: 'red' })).toThrow(/packageType and lotId/);
    expect(readDispatchOptions({ packageType: 'BOX', lotId: 'L1' })).toStrictEqual({ packageType: 'BOX', lotId: 'L1' });
    expect(toDeliveryOrder(reforma(), { packageType: 'BOX', lotId: 'L1' }).body).toMatchObject({ lotId: 'L1', package: { packageType: 'BOX' } });
  });
});

describe('mexicoDay (service-level dates from the stop windows)', () => {
  it('takes the calendar day in Mexico City, not in UTC', () => {
    expect(mexicoDay('2026-12-02T05:30:00.000Z')).toBe('2026-12-01');
    expect(mexicoDay('2026-12-02T06:00:00.000Z')).toBe('2026-12-02');
    expect(mexicoDay('2026-12-01T23:30:00-06:00')).toBe('2026-12-01');
    expect(mexicoDay(null)).toBeNull();
    expect(mexicoDay('not a date')).toBeNull();
  });

  it('follows the zone database across DST: summer 2022 was UTC-5, Mexico City keeps UTC-6 all year since 30 Oct 2022', () => {
    // Summer time 2022 (CDT, UTC-5): 05:30Z is 00:30 on 1 July.
    expect(mexicoDay('2022-07-01T05:30:00Z')).toBe('2022-07-01');
    // The same wall time in 2026 (no DST any more, UTC-6): 23:30 on 30 June.
    expect(mexicoDay('2026-07-01T05:30:00Z')).toBe('2026-06-30');
    // The last switch back, 30 Oct 2022 02:00 CDT → 01:00 CST.
    expect(mexicoDay('2022-10-30T05:30:00Z')).toBe('2022-10-30');
    expect(mexicoDay('2022-10-31T05:30:00Z')).toBe('2022-10-30');
    // Spring 2022: before 3 April 2022 the offset was UTC-6.
    expect(mexicoDay('2022-04-02T05:30:00Z')).toBe('2022-04-01');
    expect(mexicoDay('2022-04-04T05:30:00Z')).toBe('2022-04-04');
  });

  it('puts the window dates of a shipment in summer 2022 on the right days', () => {
    const s = reforma();
    s.stops[0].window = { start: '2022-07-01T05:30:00Z', end: null, timezone: 'America/Mexico_City' };
    s.stops[1].window = { start: null, end: '2022-07-02T04:30:00Z', timezone: 'America/Mexico_City' };
    expect(toDeliveryOrder(s).body).toMatchObject({ shipperDropoffDate: '2022-07-01', expectedDeliveryDate: '2022-07-01' });
  });
});

describe('normalizePhone and countryCode', () => {
  it.each([
    ['5511112222', '5511112222'],
    ['+525511112222', '+525511112222'],
    ['+52 5511112222', '+525511112222'],
    ['+52 55 11112222', '+525511112222'],
    ['(55) 1111-2222', '5511112222'],
    ['55.1111.2222', '5511112222'],
    ['0052 55 1111 2222', '+525511112222'],
    ['+52 1 55 1111 2222', '+525511112222'],
    ['12', '12'],
    ['  ', null],
  ])('%s → %s', (given, expected) => {
    expect(normalizePhone(given)).toBe(expected);
  });

  it('sends ISO alpha-2 in upper case, as given otherwise', () => {
    expect(countryCode('mx')).toBe('MX');
    expect(countryCode('MEX')).toBe('MX');
    expect(countryCode('de')).toBe('DE');
    expect(countryCode(null)).toBeNull();
  });
});

describe('canonicalFieldOf: every row of the README error table, both notations', () => {
  const ctx: OrderContext = { delivery: 1, dropoff: 0, addressForm: 'components', weightField: 'cargo.weightKg', descriptionField: 'cargo.description', trackingIdFrom: 'reference' };
  it.each([
    // INVALID_PARAMETER / MISSING_PARAMETER: schema failures with `->`, whole blocks
    ['recipientLocation->country', 'stops[1].address.countryCode'],
    ['recipientLocation.country', 'stops[1].address.countryCode'],
    ['recipientLocation->postalCode', 'stops[1].address.postalCode'],
    ['recipientLocation', 'stops[1].address'],
    ['recipientLocation->street', 'stops[1].address.line1'],
    ['recipientLocation->neighborhood', 'stops[1].address.line1'],
    ['recipientLocation->administrativeArea', 'stops[1].address.region'],
    ['recipientLocation->subAdministrativeArea', 'stops[1].address.city'],
    ['recipientLocation->fullAddress', 'stops[1].address.formatted'],
    ['recipientLocation->lat', 'stops[1].position.latitude'],
    ['recipientInformation', 'stops[1].contact'],
    ['recipientInformation->phone', 'stops[1].contact.phone'],
    ['recipientInformation.phone', 'stops[1].contact.phone'],
    ['recipientInformation->fullName', 'stops[1].contact.name'],
    ['recipientInformation->email', 'stops[1].contact.email'],
    ['package', 'cargo'],
    ['package->weight', 'cargo.weightKg'],
    ['package.length', 'cargo.packages[0].lengthCm'],
    ['package->packageType', 'options.packageType'],
    ['package->items->0->units', null],
    ['package->weightUnit', null],
    // ALREADY_EXISTS (INT)
    ['shipperTrackingId', 'reference'],
    // COVERAGE_FAILURE (INT, the dotted notation)
    ['recipientLocation.postalCode', 'stops[1].address.postalCode'],
    // SERVICE_LEVEL_FAILURE
    ['shipperDropoffDate', 'stops[0].window.start'],
    ['expectedDeliveryDate', 'stops[1].window.end'],
    ['lotId', 'options.lotId'],
    // 401 / 404 / 500 name no body field
    ['Authorization', null],
    ['key', null],
    ['trackingId', null],
    ['path', null],
    [null, null],
  ])('%s → %s', (providerField, field) => {
    expect(canonicalFieldOf(providerField, ctx)).toBe(field);
  });

  it('follows the context: summed package weight, a generated shipperTrackingId', () => {
    expect(canonicalFieldOf('package->weight', { ...ctx, weightField: 'cargo.packages[0].weightKg' })).toBe('cargo.packages[0].weightKg');
    expect(canonicalFieldOf('shipperTrackingId', { ...ctx, trackingIdFrom: 'idempotencyKey' })).toBeNull();
  });
});

describe('Cargamos → canonical patches', () => {
  it('maps a tracking view: status, provider time, ids, reference', () => {
    const view = fixture<CargamosTrackingView>('tracking.delivered.json');
    expect(trackingPatch(view)).toStrictEqual({
      status: 'DELIVERED',
      statusReason: null,
      providerStatus: { status: 'DELIVERED', at: '2026-12-01T19:00:00.000Z' },
      references: [
        { kind: 'tracking', value: 'WB-REF-123' },
        { kind: 'shipment', value: '0b6c9a52-3f1e-4c1b-9d8e-2a7f5e4c1d00' },
      ],
      tracking: { trackingId: 'WB-REF-123' },
      reference: 'WB-REF-123',
    });
  });

  it('maps the docs\' webhook: the anomaly as reason, no time', () => {
    const payload = fixture<CargamosWebhookPayload>('webhook.delivery-attempted.docs.json');
    expect(webhookPatch(payload)).toStrictEqual({
      status: 'EXCEPTION',
      statusReason: 'RECIPIENT_ABSENT',
      providerStatus: { status: 'DELIVERY_ATTEMPTED', at: null },
      references: [{ kind: 'tracking', value: 'CH00000000044' }],
      tracking: { trackingId: 'CH00000000044' },
    });
  });
});
