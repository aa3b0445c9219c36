import { readFileSync } from 'node:fs';
import { applyPatch, type Shipment } from '@waybill/canonical';
import { ProviderError, type ChangePage, type Checkpoint, type Connection, type MappedShipment } from '@waybill/provider-kit';
import { createCargamosSandbox, DEFAULT_CARGAMOS_ACCOUNT, type CargamosSandbox } from '@waybill/sandbox';
import { startHookReceiver } from '../../../sandbox/src/cargamos/testing/cargamos-test-kit.js';
import { clearCargamosTokenCache } from './cargamos.client.js';
import { CargamosProvider } from './cargamos.provider.js';

// The adapter against the Cargamos sandbox over real HTTP (the contract both implement is ../README.md).

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/cargamos/${name}`, import.meta.url), 'utf8')) as T;

const DAY = 86_400_000;
let sandbox: CargamosSandbox;
let baseUrl: string;

const conn = (settings: Record<string, unknown> = {}): Connection => ({
  id: 'cargamos-default',
  provider: 'cargamos',
  baseUrl,
  credentials: { ...DEFAULT_CARGAMOS_ACCOUNT },
  webhookSecrets: ['t0k'],
  settings,
});

function provider(): CargamosProvider {
  const sut = new CargamosProvider();
  sut.clientOptions = { sleep: async () => {} };
  return sut;
}

/** The docs' Reforma shipment with its windows on the sandbox clock: pickup today, delivery tomorrow (Mexico City). */
function shipment(reference: string, change: (s: Shipment) => void = () => {}): Shipment {
  const s = fixture<Shipment>('shipment.reforma.canonical.json');
  const now = sandbox.now();
  s.reference = reference;
  s.stops[0].window = { start: new Date(now).toISOString(), end: new Date(now + 2 * 3_600_000).toISOString(), timezone: 'America/Mexico_City' };
  s.stops[1].window = { start: new Date(now + DAY).toISOString(), end: new Date(now + DAY + 3_600_000).toISOString(), timezone: 'America/Mexico_City' };
  change(s);
  return s;
}

const dispatch = (s: Shipment, externalId: string | null = null, key = `key-${s.reference}`) =>
  provider().commands.dispatch(conn(), { shipment: s, externalId, options: {} }, key);

async function refusal(p: Promise<unknown>): Promise<ProviderError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ProviderError);
  return e as ProviderError;
}

beforeAll(async () => {
  sandbox = createCargamosSandbox({ seed: 11 });
  baseUrl = await sandbox.listen();
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  clearCargamosTokenCache();
});

describe('dispatch against the sandbox', () => {
  it('a valid order returns the trackingId (= the reference) as externalId, and the record maps to PENDING', async () => {
    const result = await dispatch(shipment('WB-REF-123'));
    const truth = sandbox.shipments();
    expect(truth).toHaveLength(1);
    expect(result).toMatchObject({ externalId: 'WB-REF-123', trackingId: 'WB-REF-123', details: { created: true, shipmentId: truth[0].shipmentId } });
    expect(truth[0].request).toStrictEqual({ ...fixture<object>('shipment.reforma.delivery-order.json'), shipperDropoffDate: '2026-11-30', expectedDeliveryDate: '2026-12-01' });
    const mapped = provider().map(result.records[0], conn()) as MappedShipment;
    expect(mapped).toMatchObject({ externalId: 'WB-REF-123', providerUpdatedAt: null, patch: { status: 'PENDING', reference: 'WB-REF-123' } });
  });

  it('the docs\' uncovered six-digit postal code 033002 is sent and refused by Cargamos: COVERAGE_FAILURE on the postal code', async () => {
    const e = await refusal(dispatch(shipment('WB-CP', (s) => (s.stops[1].address!.postalCode = '033002'))));
    expect(e).toMatchObject({ kind: 'invalid_request', status: 409, code: 'COVERAGE_FAILURE' });
    expect(e.details).toStrictEqual([
      { field: 'stops[1].address.postalCode', providerField: 'recipientLocation.postalCode', code: 'COVERAGE_FAILURE', message: 'There is no coverage for the given postalCode: 033002' },
    ]);
  });

  it('a country Cargamos does not serve → INVALID_PARAMETER on recipientLocation->country', async () => {
    const e = await refusal(dispatch(shipment('WB-DE', (s) => (s.stops[1].address!.countryCode = 'DE'))));
    expect(e).toMatchObject({ kind: 'invalid_request', status: 400, code: 'INVALID_PARAMETER' });
    expect(e.details).toStrictEqual([
      { field: 'stops[1].address.countryCode', providerField: 'recipientLocation->country', code: 'INVALID_PARAMETER', message: expect.stringContaining("'mx', 'co', 'us', 'br'") },
    ]);
  });

  it('a missing recipient phone → MISSING_PARAMETER on recipientInformation->phone', async () => {
    const e = await refusal(dispatch(shipment('WB-NOPHONE', (s) => (s.stops[1].contact!.phone = null))));
    expect(e).toMatchObject({ kind: 'invalid_request', status: 400, code: 'MISSING_PARAMETER' });
    expect(e.details).toStrictEqual([{ field: 'stops[1].contact.phone', providerField: 'recipientInformation->phone', code: 'MISSING_PARAMETER', message: 'field required' }]);
  });

  it('a duplicate tracking id used by another shipment → ALREADY_EXISTS on the reference', async () => {
    await dispatch(shipment('WB-DUP'));
    const other = shipment('WB-DUP', (s) => (s.stops[1].window!.end = new Date(sandbox.now() + 3 * DAY).toISOString()));
    const e = await refusal(dispatch(other, null, 'another-key'));
    expect(e).toMatchObject({ kind: 'invalid_request', status: 409, code: 'ALREADY_EXISTS' });
    expect(e.details).toStrictEqual([
      { field: 'reference', providerField: 'shipperTrackingId', code: 'ALREADY_EXISTS', message: expect.stringMatching(/^The shipment you are trying to create, already exists\. Integration lot id: \d+\. Time: /) },
    ]);
    expect(sandbox.shipments()).toHaveLength(1);
  });

  it('ALREADY_EXISTS for a re-dispatch of the same shipment answers the existing shipment (lost answer, and recorded dispatch)', async () => {
    const s = shipment('WB-AGAIN');
    const first = await dispatch(s);
    const truth = sandbox.shipments()[0];
    for (const externalId of [null, first.externalId]) {
      const again = await dispatch(s, externalId);
      expect(again).toMatchObject({ externalId: 'WB-AGAIN', trackingId: 'WB-AGAIN', details: { created: false, alreadyExisted: true, shipmentId: truth.shipmentId } });
      expect(again.records).toHaveLength(1);
      expect(provider().map(again.records[0], conn())).toMatchObject({ externalId: 'WB-AGAIN', providerUpdatedAt: new Date(truth.updatedAt).toISOString(), patch: { status: 'PENDING' } });
    }
    expect(sandbox.shipments()).toHaveLength(1);
  });

  it('100 concurrent dispatches use one login; tokens expired at Cargamos cost one more', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => dispatch(shipment(`WB-C${i}`))));
    expect(new Set(results.map((r) => r.externalId)).size).toBe(100);
    expect(sandbox.logins()).toBe(1);
    sandbox.expireTokens();
    await Promise.all(Array.from({ length: 20 }, (_, i) => dispatch(shipment(`WB-D${i}`))));
    expect(sandbox.logins()).toBe(2);
  });

  it('wrong credentials → auth, with no secret in the message', async () => {
    const sut = provider();
    const bad = { ...conn(), credentials: { ...DEFAULT_CARGAMOS_ACCOUNT, password: 'not-the-password' } };
    const e = await refusal(sut.commands.dispatch(bad, { shipment: shipment('WB-AUTH'), externalId: null, options: {} }, 'k'));
    expect(e.kind).toBe('auth');
    expect(`${e.message} ${JSON.stringify(e.details)}`).not.toMatch(/not-the-password|cgm_sandbox_shipper_key/);
  });
});

describe('webhooks from the sandbox', () => {
  it('label_id of the CREATED webhook is the dispatch\'s externalId; the URL token verifies', async () => {
    const receiver = await startHookReceiver();
    try {
      sandbox.subscribe(receiver.url, ['*']);
      const result = await dispatch(shipment('WB-HOOK'));
      await sandbox.idle();
      expect(receiver.received).toHaveLength(1);
      const got = receiver.received[0];
      const url = new URL(got.path, 'http://x');
      const raw = {
        method: 'POST',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: got.headers as Record<string, string>,
        rawBody: Buffer.from(got.rawBody),
        receivedAt: new Date(),
      };
      const sut = provider();
      expect(() => sut.webhooks.verify(raw, conn())).not.toThrow();
      expect(() => sut.webhooks.verify({ ...raw, query: { token: 'nope' } }, conn())).toThrow(/token/);
      const [event] = sut.webhooks.parse(raw);
      expect(event).toMatchObject({ eventType: 'CREATED', record: { externalId: result.externalId, partial: true } });
      const [hydrated] = await sut.hydrate(conn(), event.record);
      expect(sut.map(hydrated, conn())).toMatchObject({ externalId: result.externalId, patch: { status: 'PENDING' } });
    } finally {
      await receiver.close();
    }
  });
});

describe('webhooks with late states and duplicates (sandbox faults)', () => {
  it('processed as the inbox does (verify, parse, hydrate partial, map, merge), every shipment ends in its true state', async () => {
    const receiver = await startHookReceiver();
    try {
      sandbox.setFaults({ lateStates: 0.5, duplicateSends: 0.3 });
      sandbox.subscribe(receiver.url, ['*']);
      const sut = provider();
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push((await dispatch(shipment(`WB-L${i}`))).externalId);
      const merged = new Map<string, Shipment>();
      let processed = 0;
      let hydrations = 0;
      const drain = async () => {
        await sandbox.idle();
        for (; processed < receiver.received.length; processed++) {
          const got = receiver.received[processed];
          const url = new URL(got.path, 'http://x');
          const raw = { method: 'POST', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: {}, rawBody: Buffer.from(got.rawBody), receivedAt: new Date() };
          sut.webhooks.verify(raw, conn());
          for (const event of sut.webhooks.parse(raw)) {
            const records = event.record.partial ? (hydrations++, await sut.hydrate(conn(), event.record)) : [event.record];
            for (const record of records) {
              const m = sut.map(record, conn()) as MappedShipment;
              const src = { provider: 'cargamos' as const, connection: 'cargamos-default', externalId: m.externalId, providerUpdatedAt: m.providerUpdatedAt, syncedAt: new Date().toISOString(), via: 'webhook' as const };
              merged.set(m.externalId, applyPatch(merged.get(m.externalId) ?? null, m.patch, src, { id: m.externalId, now: src.syncedAt }));
            }
          }
        }
      };
      for (let hour = 0; hour < 15 * 24; hour += 6) {
        await sandbox.advance(6 * 3_600_000);
        await drain();
      }
      const deliveries = sandbox.deliveries();
      // Late states after a final one, and duplicates, did happen.
      expect(deliveries.filter((d) => d.late && ['OUT_FOR_DELIVERY', 'DELIVERY_ATTEMPTED', 'MISHAP', 'RECEIVED'].includes(d.state)).length).toBeGreaterThan(0);
      expect(deliveries.filter((d) => d.duplicate).length).toBeGreaterThan(0);
      expect(hydrations).toBeGreaterThan(0);
      for (const t of sandbox.shipments()) {
        expect(t.final).toBe(true);
        const expected = t.state === 'DELIVERED' ? 'DELIVERED' : 'CANCELLED';
        expect({ id: t.trackingId, status: merged.get(t.trackingId)?.status }).toStrictEqual({ id: t.trackingId, status: expected });
      }
    } finally {
      await receiver.close();
    }
  });
});

describe('injected server errors', () => {
  it('GETs and the order POST (idempotent through shipperTrackingId) are retried; each order is integrated once', async () => {
    sandbox.setFaults({ errorRate: 0.3 });
    const sut = new CargamosProvider();
    sut.clientOptions = { sleep: async () => {}, maxRetries: 20 };
    const results = [];
    for (let i = 0; i < 15; i++) results.push(await sut.commands.dispatch(conn(), { shipment: shipment(`WB-E${i}`), externalId: null, options: {} }, `k${i}`));
    expect(results.map((r) => r.externalId)).toStrictEqual(Array.from({ length: 15 }, (_, i) => `WB-E${i}`));
    expect(sandbox.shipments()).toHaveLength(15);
  });
});

describe('tracking poll with webhooks off', () => {
  it('brings every dispatched shipment to its final state from the tracking endpoint alone', async () => {
    sandbox.setFaults({ webhooksOff: true });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await dispatch(shipment(`WB-P${i}`))).externalId);
    const sut = provider();
    const c = conn({ trackingIds: ids });
    const latest = new Map<string, MappedShipment>();
    let checkpoint: Checkpoint | null = null;
    const scan = async () => {
      for (;;) {
        const page: ChangePage = await sut.fetchChanges(c, checkpoint);
        for (const r of page.records) latest.set(r.externalId, sut.map(r, c) as MappedShipment);
        checkpoint = page.next;
        if (page.done) return;
      }
    };
    await scan();
    expect([...latest.values()].every((m) => m.patch.status === 'PENDING')).toBe(true);
    for (let day = 0; day < 15; day++) {
      await sandbox.advance(DAY);
      await scan();
    }
    expect(sandbox.deliveries()).toHaveLength(0);
    const truth = new Map(sandbox.shipments().map((t) => [t.trackingId, t]));
    expect(latest.size).toBe(60);
    for (const id of ids) {
      const t = truth.get(id)!;
      expect(t.final).toBe(true);
      const mapped = latest.get(id)!;
      expect(mapped.patch.providerStatus).toStrictEqual({ status: t.state, at: new Date(t.updatedAt).toISOString() });
      expect(['DELIVERED', 'CANCELLED']).toContain(mapped.patch.status);
    }
    // Every shipment final: the next scan asks nothing.
    expect(checkpoint).toMatchObject({ active: [] });
    const page = await sut.fetchChanges(c, checkpoint);
    expect(page).toMatchObject({ records: [], done: true });
  });
});
