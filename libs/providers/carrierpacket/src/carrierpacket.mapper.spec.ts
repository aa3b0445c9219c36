import { readFileSync } from 'node:fs';
import { ProviderError, type Connection, type ProviderRecord } from '@waybill/provider-kit';
import { brokerTimeToUtc, digitsOnly, normalizeTaxId, toAbsentSubmissionRecord } from './carrierpacket.mapper.js';
import { CarrierpacketProvider } from './carrierpacket.provider.js';

// Golden tests: the docs' own examples (copied verbatim into test/fixtures/carrierpacket) and a Chicago broker's
// page through `map`, compared with the whole expected result written out by hand.
// Times worked out by hand: in 2026 the US switches to daylight time on Sunday 8 March (02:00 CST → 03:00 CDT) and
// back on Sunday 1 November (02:00 CDT → 01:00 CST). America/Chicago is UTC-6 (CST) / UTC-5 (CDT).

function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../../../test/fixtures/carrierpacket/${name}`, import.meta.url), 'utf8'));
}

function connection(settings: Record<string, unknown> = {}): Connection {
  return {
    id: 'carrierpacket-default',
    provider: 'carrierpacket',
    baseUrl: 'http://127.0.0.1:1',
    webhookSecrets: [],
    credentials: { apiKey: 'unused' },
    settings,
  };
}
const UTC = connection();
const CHICAGO = connection({ timezone: 'America/Chicago' });

const sut = new CarrierpacketProvider();

function carrier(raw: unknown, externalId = '1138'): ProviderRecord {
  return { kind: 'carrier', externalId, providerUpdatedAt: null, raw };
}
function document(raw: unknown, externalId = '482'): ProviderRecord {
  return { kind: 'document', externalId, providerUpdatedAt: null, raw };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function refusal(fn: () => unknown): ProviderError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProviderError) return e;
    throw e;
  }
  throw new Error('expected a ProviderError');
}

const SPOKANE = {
  line1: '13323 N MAYFAIR LN',
  city: 'SPOKANE',
  region: 'WA',
  postalCode: '99208',
  countryCode: 'US',
  formatted: '13323 N MAYFAIR LN, SPOKANE, WA 99208',
};

describe('CarrierPacket mapping of the documented examples', () => {
  it('maps REST "Get a submission" (truncated: what it does not carry stays out of the patch)', () => {
    const raw = deepFreeze(fixture('get-submission.response.json').data);

    expect(sut.map(carrier(raw), UTC)).toStrictEqual({
      kind: 'carrier',
      externalId: '1138',
      // The sample has no `updated`.
      providerUpdatedAt: null,
      patch: {
        name: 'EVERGREEN SHIPPERS LLC',
        legalName: 'EVERGREEN SHIPPERS LLC',
        identifiers: { mcNumber: '896325', usdotNumber: '2569360', vatCode: null },
        dispatch: { name: null, email: 'dispatch@carrier.com', phone: null },
        address: SPOKANE,
        services: ['Flatbed', 'Reefer'],
        compliance: {
          status: 'VERIFIED',
          rawStatus: '2',
          signedAt: '2026-04-26T14:33:18.000Z',
          verifiedAt: '2026-04-26T14:51:02.000Z',
        },
      },
    });
  });

  it('reads the same sample in the broker zone (America/Chicago, CDT in April)', () => {
    const raw = fixture('get-submission.response.json').data;

    const mapped = sut.map(carrier(raw), CHICAGO);

    expect(mapped.kind === 'carrier' && mapped.patch.compliance).toStrictEqual({
      status: 'VERIFIED',
      rawStatus: '2',
      signedAt: '2026-04-26T19:33:18.000Z',
      verifiedAt: '2026-04-26T19:51:02.000Z',
    });
  });

  it('maps the FACTS §6 webhook submission (old flow, status 1) with dispatch contact and tax id', () => {
    const raw = deepFreeze(fixture('webhook-carrier-signed.body.json').submission);

    expect(sut.map(carrier(raw), UTC)).toStrictEqual({
      kind: 'carrier',
      externalId: '1138',
      providerUpdatedAt: null,
      patch: {
        name: 'EVERGREEN SHIPPERS LLC',
        legalName: 'EVERGREEN SHIPPERS LLC',
        dbaName: null,
        identifiers: { mcNumber: '896325', usdotNumber: '2569360', taxId: '88-7893200', vatCode: null },
        dispatch: { name: 'Joe Carrier', email: 'dispatch@carrier.com', phone: '+1 (719) 714-0509' },
        address: SPOKANE,
        services: ['Flatbed', 'Reefer'],
        compliance: { status: 'PENDING', rawStatus: '1', signedAt: '2026-04-26T14:33:18.000Z', verifiedAt: null },
      },
    });
  });

  it('maps REST "List documents for a submission" data[0] (no submission_id in the sample: the owner is added by hydrate)', () => {
    const raw = deepFreeze({ ...fixture('list-submission-documents.response.json').data[0], submission_id: 1138 });

    expect(sut.map(document(raw), UTC)).toStrictEqual({
      kind: 'document',
      externalId: '482',
      providerUpdatedAt: '2026-04-26T14:33:21.000Z',
      patch: {
        owner: { kind: 'carrier', externalId: '1138' },
        type: 'INSURANCE',
        rawType: 'coi',
        status: 'ACCEPTED',
        rawStatus: null,
        name: 'evergreen-coi-2026.pdf',
        mimeType: 'application/pdf',
        sizeBytes: 412573,
        // As given; days_until_expiry (142) is not mapped.
        expiresOn: '2026-09-15',
        uploadedAt: '2026-04-26T14:33:21.000Z',
      },
    });
  });
});

describe('CarrierPacket mapping of a Chicago broker across both 2026 DST changes', () => {
  const page = fixture('list-submissions-chicago.response.json');
  const docs = fixture('list-documents-chicago.response.json');

  it('maps a full submission: identifiers normalised, e-mail lower-cased, DST gap forward, ambiguous time earlier', () => {
    expect(sut.map(carrier(deepFreeze(page.data[0]), '2041'), CHICAGO)).toStrictEqual({
      kind: 'carrier',
      externalId: '2041',
      // 2026-11-01 01:30 happens twice in Chicago: the earlier, 01:30 CDT (UTC-5), is taken.
      providerUpdatedAt: '2026-11-01T06:30:00.000Z',
      patch: {
        name: 'Prairie Wind',
        legalName: 'PRAIRIE WIND TRANSPORT INC',
        dbaName: 'Prairie Wind',
        identifiers: { mcNumber: '0123456', usdotNumber: '3344556', taxId: '36-4455667', vatCode: null },
        dispatch: { name: 'Dana Ruiz', email: 'dispatch@prairiewind.example', phone: '+1 (312) 555-0143' },
        address: {
          line1: '4100 W 47TH ST',
          city: 'CHICAGO',
          region: 'IL',
          postalCode: '60632',
          countryCode: 'US',
          formatted: '4100 W 47TH ST, CHICAGO, IL 60632',
        },
        services: ['Dry Van', 'Reefer'],
        compliance: {
          status: 'PENDING',
          rawStatus: '1',
          // 2026-03-08 02:30 does not exist in Chicago: moved forward by the gap to 03:30 CDT (UTC-5).
          signedAt: '2026-03-08T08:30:00.000Z',
          verifiedAt: null,
        },
      },
    });
  });

  it('maps an unknown status to UNKNOWN with the raw value and empty fields to null', () => {
    expect(sut.map(carrier(deepFreeze(page.data[1]), '2040'), CHICAGO)).toStrictEqual({
      kind: 'carrier',
      externalId: '2040',
      // 12:10:30 CDT.
      providerUpdatedAt: '2026-07-04T17:10:30.000Z',
      unknownStatus: '7',
      patch: {
        name: 'LAKESHORE HAULING LLC',
        legalName: 'LAKESHORE HAULING LLC',
        dbaName: null,
        identifiers: { mcNumber: null, usdotNumber: '1122334', taxId: null, vatCode: null },
        dispatch: { name: null, email: null, phone: null },
        address: null,
        services: [],
        compliance: { status: 'UNKNOWN', rawStatus: '7', signedAt: '2026-07-04T17:05:00.000Z', verifiedAt: '2026-07-04T17:10:30.000Z' },
      },
    });
  });

  it('maps documents: upload time in the broker zone, other → OTHER with the raw type, null expiry kept null', () => {
    expect(docs.data.map((row: unknown) => sut.map(document(deepFreeze(row)), CHICAGO))).toStrictEqual([
      {
        kind: 'document',
        externalId: '9001',
        // 2026-11-01 01:15, ambiguous: 01:15 CDT.
        providerUpdatedAt: '2026-11-01T06:15:00.000Z',
        patch: {
          owner: { kind: 'carrier', externalId: '2041' },
          type: 'INSURANCE',
          rawType: 'coi',
          status: 'ACCEPTED',
          rawStatus: null,
          name: 'prairie-wind-coi.pdf',
          mimeType: 'application/pdf',
          sizeBytes: 208114,
          expiresOn: '2026-11-02',
          uploadedAt: '2026-11-01T06:15:00.000Z',
        },
      },
      {
        kind: 'document',
        externalId: '9002',
        // 03:10 CDT, the morning of the spring change.
        providerUpdatedAt: '2026-03-08T08:10:00.000Z',
        patch: {
          owner: { kind: 'carrier', externalId: '2041' },
          type: 'OTHER',
          rawType: 'other',
          status: 'ACCEPTED',
          rawStatus: null,
          name: 'trailer-photos.png',
          mimeType: 'image/png',
          sizeBytes: 51200,
          expiresOn: null,
          uploadedAt: '2026-03-08T08:10:00.000Z',
        },
      },
    ]);
  });

  it('maps the absence marker the full scan emits to { removed: true }', () => {
    expect(sut.map(toAbsentSubmissionRecord(2039), CHICAGO)).toStrictEqual({
      kind: 'carrier',
      externalId: '2039',
      providerUpdatedAt: null,
      patch: { removed: true },
    });
  });
});

describe('CarrierPacket map refusals name the field', () => {
  const base = () => ({ ...fixture('get-submission.response.json').data });

  it.each([
    ['id', { id: '1138' }],
    ['status', { status: '2' }],
    ['signed_at', { signed_at: '2026-04-26T14:33:18Z' }],
    ['updated', { updated: 'yesterday' }],
    ['services_provided', { services_provided: 'Flatbed' }],
    ['dispatcher_email', { dispatcher_email: 42 }],
  ])('refuses a submission with a bad %s', (field, change) => {
    const e = refusal(() => sut.map(carrier({ ...base(), ...change }), UTC));

    expect(e.kind).toBe('bad_payload');
    expect(e.message).toContain(field);
    expect((e.details as { field: string }[])[0].field).toBe(field);
  });

  it('refuses a datetime that does not exist in the calendar, naming it', () => {
    const e = refusal(() => sut.map(carrier({ ...base(), email_verified_at: '2026-02-30 10:00:00' }), UTC));

    expect(e.kind).toBe('bad_payload');
    expect((e.details as { field: string }[])[0].field).toBe('email_verified_at');
  });

  it.each([
    ['submission_id', { submission_id: null }],
    ['doc_type', { doc_type: '' }],
    ['expires_on', { expires_on: '09/15/2026' }],
    ['size_bytes', { size_bytes: -1 }],
  ])('refuses a document with a bad %s', (field, change) => {
    const row = { ...fixture('list-documents-chicago.response.json').data[0], ...change };

    const e = refusal(() => sut.map(document(row), UTC));

    expect(e.kind).toBe('bad_payload');
    expect((e.details as { field: string }[])[0].field).toBe(field);
  });

  it('refuses a record that is not an object, and a shipment record', () => {
    expect(refusal(() => sut.map(carrier('nope'), UTC)).kind).toBe('bad_payload');
    expect(refusal(() => sut.map({ kind: 'shipment', externalId: '1', providerUpdatedAt: null, raw: {} }, UTC)).details).toStrictEqual([
      { field: 'kind', message: 'CarrierPacket has no shipment records' },
    ]);
  });

  it('refuses an unknown connection time zone as an invalid setting', () => {
    const e = refusal(() => sut.map(carrier(base()), connection({ timezone: 'Mars/Olympus' })));

    expect(e.kind).toBe('invalid_request');
    expect(e.details).toStrictEqual([{ field: 'settings.timezone', message: 'must be an IANA time zone' }]);
  });
});

describe('CarrierPacket mapper helpers', () => {
  it.each([
    ['896325', '896325'],
    ['MC-896325', '896325'],
    [' 2569360 ', '2569360'],
    ['', null],
    ['MC-', null],
    [null, null],
  ])('digitsOnly(%p) = %p', (raw, expected) => {
    expect(digitsOnly(raw)).toBe(expected);
  });

  it.each([
    ['88 - 7893200', '88-7893200'],
    ['887893200', '88-7893200'],
    ['  ', null],
    ['SSN on file', 'SSN on file'],
  ])('normalizeTaxId(%p) = %p', (raw, expected) => {
    expect(normalizeTaxId(raw)).toBe(expected);
  });

  it('reads MySQL zero datetimes as no instant', () => {
    expect(brokerTimeToUtc('0000-00-00 00:00:00', 'UTC', 'signed_at')).toBeNull();
  });
});
