import { readFileSync } from 'node:fs';
import { applyPatch, type Shipment } from '@waybill/canonical';
import { ProviderError, type Connection, type DispatchCommand, type MappedShipment, type RawWebhook } from '@waybill/provider-kit';
import { startScriptedServer, type RecordedRequest, type ScriptedServer } from '../../../provider-kit/src/testing/scripted-http-server.js';
import { clearCargamosTokenCache } from './cargamos.client.js';
import { toDeliveryOrder } from './cargamos.mapper.js';
import { CARGAMOS_CHECKPOINT_FORMAT, CargamosProvider, ownsExisting, trackingIdsSetting } from './cargamos.provider.js';
import type { CargamosTrackingView } from './cargamos.schemas.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/cargamos/${name}`, import.meta.url), 'utf8')) as T;

const ok = (data: unknown) => ({ status: 200, body: { version: '1.0.0', status: 'OK', timestamp: 1, data } });
const LOGIN = ok({ token: 'tok', expiresIn: '3600' });

/** A tracking view for `id` in `state`, updated at `at` (epoch ms). */
const view = (id: string, state: string, at = Date.UTC(2026, 11, 1, 19)): CargamosTrackingView => ({
  ...fixture<CargamosTrackingView>('tracking.delivered.json'),
  trackingId: id,
  shipperTrackingId: id,
  state,
  final: ['DELIVERED', 'RETURNED', 'CANCELLED'].includes(state),
  updatedAt: at,
});

let server: ScriptedServer;
let states: Record<string, string>;
const conn = (settings: Record<string, unknown> = {}): Connection => ({
  id: 'cargamos-default',
  provider: 'cargamos',
  baseUrl: server.baseUrl,
  credentials: { username: 'u@x.io', password: 'p', key: 'k' },
  webhookSecrets: ['t'],
  settings,
});

function reply(req: RecordedRequest) {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/v1/login') return LOGIN;
  if (url.pathname === '/v1/shipment-tracking') {
    const ids = url.searchParams.get('trackingIds')!.split(',');
    return ok(ids.filter((id) => states[id] !== undefined).map((id) => view(id, states[id])));
  }
  const one = /^\/v1\/shipment-tracking\/(.+)$/.exec(url.pathname);
  if (one && states[one[1]] !== undefined) return ok(view(one[1], states[one[1]]));
  return { status: 404, body: { version: '1.0.0', status: 'NOT_FOUND', processId: 'p', timestamp: 1, errors: [{ code: 'NOT_FOUND', message: 'm', details: 'd', location: 'request.path', parameter: 'trackingId' }] } };
}

beforeAll(async () => {
  server = await startScriptedServer((req) => reply(req));
});
afterAll(() => server.close());
beforeEach(() => {
  clearCargamosTokenCache();
  server.requests.length = 0;
  states = {};
});

const hook = (body: unknown): RawWebhook => ({
  method: 'POST',
  path: '/webhooks/cargamos/cargamos-default',
  query: { token: 't' },
  headers: {},
  rawBody: Buffer.from(JSON.stringify(body)),
  receivedAt: new Date(),
});

describe('CargamosProvider.map', () => {
  const sut = new CargamosProvider();

  it('maps a tracking record with its provider time', () => {
    const raw = fixture('tracking.delivered.json');
    const mapped = sut.map({ kind: 'shipment', externalId: 'WB-REF-123', providerUpdatedAt: null, raw }, conn()) as MappedShipment;
    expect(mapped).toMatchObject({ kind: 'shipment', externalId: 'WB-REF-123', providerUpdatedAt: '2026-12-01T19:00:00.000Z', patch: { status: 'DELIVERED', reference: 'WB-REF-123' } });
    expect(mapped.unknownStatus).toBeUndefined();
  });

  it('maps the docs\' webhook without a provider time', () => {
    const raw = fixture('webhook.delivery-attempted.docs.json');
    expect(sut.map({ kind: 'shipment', externalId: 'CH00000000044', providerUpdatedAt: null, raw }, conn())).toMatchObject({
      externalId: 'CH00000000044',
      providerUpdatedAt: null,
      patch: { status: 'EXCEPTION', statusReason: 'RECIPIENT_ABSENT' },
    });
  });

  it('maps the integration answer (the order echoed) as CREATED, externalId = trackingId', () => {
    const raw = { ...fixture<object>('shipment.reforma.delivery-order.json'), trackingId: 'WB-REF-123', shipmentId: 'uuid-1' };
    expect(sut.map({ kind: 'shipment', externalId: 'WB-REF-123', providerUpdatedAt: null, raw }, conn())).toStrictEqual({
      kind: 'shipment',
      externalId: 'WB-REF-123',
      providerUpdatedAt: null,
      patch: {
        status: 'PENDING',
        statusReason: null,
        providerStatus: { status: 'CREATED', at: null },
        references: [
          { kind: 'tracking', value: 'WB-REF-123' },
          { kind: 'shipment', value: 'uuid-1' },
        ],
        tracking: { trackingId: 'WB-REF-123' },
        reference: 'WB-REF-123',
      },
    });
  });

  it('counts an unknown state and refuses what it cannot read', () => {
    expect(sut.map({ kind: 'shipment', externalId: 'CH1', providerUpdatedAt: null, raw: { state: 'IN_CUSTOMS', label_id: 'CH1' } }, conn())).toMatchObject({
      unknownStatus: 'IN_CUSTOMS',
      patch: { status: 'UNKNOWN', providerStatus: { status: 'IN_CUSTOMS' } },
    });
    expect(() => sut.map({ kind: 'shipment', externalId: 'x', providerUpdatedAt: null, raw: { state: 'X' } }, conn())).toThrow(expect.objectContaining({ kind: 'bad_payload' }));
    expect(() => sut.map({ kind: 'carrier', externalId: 'x', providerUpdatedAt: null, raw: {} }, conn())).toThrow(ProviderError);
  });
});

describe('a state arriving after a final state does not move the status', () => {
  const sut = new CargamosProvider();
  const source = (via: 'webhook' | 'poll', connection = 'cargamos-default') => ({ provider: 'cargamos' as const, connection, externalId: 'CH1', providerUpdatedAt: null, syncedAt: '2026-12-01T20:00:00.000Z', via });
  const init = { id: 'shp_1', now: '2026-12-01T20:00:00.000Z' };

  /** What the inbox processor does: parse, hydrate the partial records, map. */
  async function process(body: unknown): Promise<MappedShipment[]> {
    const out: MappedShipment[] = [];
    for (const event of sut.webhooks.parse(hook(body))) {
      const records = event.record.partial ? await sut.hydrate(conn(), event.record) : [event.record];
      for (const r of records) out.push(sut.map(r, conn()) as MappedShipment);
    }
    return out;
  }

  it('final states outrank every other status, so another source\'s late OUT_FOR_DELIVERY loses (merge rank rule)', () => {
    const delivered = applyPatch(null, sut.map({ kind: 'shipment', externalId: 'CH1', providerUpdatedAt: null, raw: { state: 'DELIVERED', label_id: 'CH1' } }, conn()).patch as never, source('webhook'), init);
    const other = sut.map({ kind: 'shipment', externalId: 'CH1', providerUpdatedAt: null, raw: { state: 'OUT_FOR_DELIVERY', label_id: 'CH1' } }, conn());
    expect(applyPatch(delivered, other.patch as never, source('webhook', 'cargamos-second'), init).status).toBe('DELIVERED');
  });

  it('the merge follows ONE source backwards, so the adapter hydrates a non-final webhook and the tracking endpoint\'s DELIVERED wins', async () => {
    states.CH1 = 'DELIVERED';
    const [final] = await process({ state: 'DELIVERED', label_id: 'CH1', anomalies: {} });
    expect(server.requests.filter((r) => r.url.startsWith('/v1/shipment-tracking'))).toHaveLength(0);
    let shipment: Shipment = applyPatch(null, final.patch, source('webhook'), init);
    expect(shipment.status).toBe('DELIVERED');

    // What mapping the late webhook as it is would do (why it is not mapped as it is): the same source is followed.
    const naive = sut.map({ kind: 'shipment', externalId: 'CH1', providerUpdatedAt: null, raw: { state: 'OUT_FOR_DELIVERY', label_id: 'CH1' } }, conn());
    expect(applyPatch(shipment, naive.patch as never, source('webhook'), init).status).toBe('OUT_FOR_DELIVERY');

    // The adapter's path: the late OUT_FOR_DELIVERY is partial, hydrated, and carries the current DELIVERED with its time.
    const [late] = await process({ state: 'OUT_FOR_DELIVERY', label_id: 'CH1', anomalies: {} });
    expect(late.providerUpdatedAt).toBe('2026-12-01T19:00:00.000Z');
    shipment = applyPatch(shipment, late.patch, { ...source('webhook'), providerUpdatedAt: late.providerUpdatedAt }, init);
    expect(shipment.status).toBe('DELIVERED');
    expect(shipment.providerStatuses).toMatchObject([{ status: 'DELIVERED', mapped: 'DELIVERED' }]);
  });
});

describe('CargamosProvider.fetchChanges (tracking poll)', () => {
  const sut = new CargamosProvider();

  it('has nothing to poll without ids: done at once, no call', async () => {
    expect(await sut.fetchChanges(conn(), null)).toStrictEqual({
      records: [],
      next: { format: CARGAMOS_CHECKPOINT_FORMAT, active: [], offset: 0, drop: [], finals: [] },
      done: true,
    });
    expect(server.requests).toHaveLength(0);
  });

  it('polls settings.trackingIds 50 per page, drops final ids from the next scans and unknown ones from the checkpoint', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `CH${String(i).padStart(11, '0')}`);
    ids.forEach((id, i) => {
      if (i < 115) states[id] = i % 3 === 0 ? 'DELIVERED' : 'OUT_FOR_DELIVERY';
    });
    const c = conn({ trackingIds: ids });
    const pages = [];
    let cp = null;
    for (;;) {
      const page = await sut.fetchChanges(c, cp);
      pages.push(page);
      cp = page.next;
      if (page.done) break;
    }
    expect(pages.map((p) => p.records.length)).toStrictEqual([50, 50, 15]);
    expect(pages[0].records[0]).toMatchObject({ kind: 'shipment', externalId: ids[0], providerUpdatedAt: '2026-12-01T19:00:00.000Z' });
    const calls = server.requests.filter((r) => r.url.startsWith('/v1/shipment-tracking?'));
    expect(calls).toHaveLength(3);
    const nonFinal = ids.filter((_, i) => i < 115 && i % 3 !== 0);
    expect(cp).toMatchObject({ active: nonFinal, offset: 0, drop: [] });
    expect((cp as { finals: string[] }).finals).toHaveLength(39);

    // Next scan: only the non-final ones are asked again; everything delivered now → all dropped.
    for (const id of nonFinal) states[id] = 'DELIVERED';
    server.requests.length = 0;
    let page = await sut.fetchChanges(c, cp);
    expect(page.records).toHaveLength(50);
    page = await sut.fetchChanges(c, page.next);
    expect(page.done).toBe(true);
    expect(page.records).toHaveLength(nonFinal.length - 50);
    expect(page.next).toMatchObject({ active: [] });
    const asked = server.requests.flatMap((r) => new URL(r.url, 'http://x').searchParams.get('trackingIds')?.split(',') ?? []);
    // Ids of the settings that Cargamos does not know (yet) are asked again each scan; known finals never again.
    expect(asked.sort()).toStrictEqual([...nonFinal, ...ids.slice(115)].sort());
  });

  it('refuses a checkpoint it did not write (cursor_invalid) and a bad trackingIds setting', async () => {
    await expect(sut.fetchChanges(conn(), { format: 'other' })).rejects.toMatchObject({ kind: 'cursor_invalid' });
    await expect(sut.fetchChanges(conn(), { format: CARGAMOS_CHECKPOINT_FORMAT, active: ['a'], offset: 5, drop: [], finals: [] })).rejects.toMatchObject({ kind: 'cursor_invalid' });
    expect(() => trackingIdsSetting(conn({ trackingIds: 5 }))).toThrow(ProviderError);
    expect(trackingIdsSetting(conn({ trackingIds: ' a, b,a ,' }))).toStrictEqual(['a', 'b']);
  });
});

describe('ownsExisting (ALREADY_EXISTS: is it this hub\'s dispatch?)', () => {
  const shipment = fixture<Shipment>('shipment.reforma.canonical.json');
  const { body } = toDeliveryOrder(shipment);
  const cmd = (over: Partial<DispatchCommand> = {}): DispatchCommand => ({ shipment, externalId: null, options: {}, ...over });
  const existing = (over: Partial<CargamosTrackingView> = {}) => ({ ...view('WB-REF-123', 'CREATED'), ...over });

  it('yes when the hub recorded the dispatch (externalId), no when it recorded another', () => {
    expect(ownsExisting(existing(), cmd({ externalId: 'WB-REF-123' }), conn(), body)).toBe(true);
    expect(ownsExisting(existing(), cmd({ externalId: 'WB-OTHER' }), conn(), body)).toBe(false);
  });

  it('yes when the shipment already carries the trackingId from this connection', () => {
    const known = { ...shipment, references: [{ provider: 'cargamos' as const, connection: 'cargamos-default', kind: 'tracking' as const, value: 'WB-REF-123' }] };
    expect(ownsExisting(existing({ expectedDeliveryDate: '2030-01-01' }), cmd({ shipment: known }), conn(), body)).toBe(true);
  });

  it('a lost answer (nothing recorded): yes when Cargamos holds the same promise date, else a real duplicate', () => {
    expect(ownsExisting(existing({ expectedDeliveryDate: '2026-12-01' }), cmd(), conn(), body)).toBe(true);
    expect(ownsExisting(existing({ expectedDeliveryDate: '2026-12-05' }), cmd(), conn(), body)).toBe(false);
  });
});
