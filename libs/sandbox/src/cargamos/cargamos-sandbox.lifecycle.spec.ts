import { createCargamosSandbox, type CargamosSandbox } from './cargamos-sandbox.js';
import { isAllowedTransition, MAX_LIFETIME_MS } from './shipment-lifecycle.js';
import { isFinalState } from './cargamos.types.js';
import { bearer, login, sampleOrder, send } from './testing/cargamos-test-kit.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('Cargamos sandbox: state machine on the clock, shipment tracking', () => {
  let sandbox: CargamosSandbox;
  let url: string;
  let token: string;
  /** Like a client: on 401 TOKEN_EXPIRED (tokens last one hour on the clock), log in again once. */
  async function get(path: string) {
    const res = await send(url, 'GET', path, { headers: bearer(token) });
    if (res.status !== 401 || res.json.errors[0].code !== 'TOKEN_EXPIRED') return res;
    token = await login(url);
    return send(url, 'GET', path, { headers: bearer(token) });
  }

  async function integrateMany(n: number): Promise<string[]> {
    const ids: string[] = [];
    token = await login(url);
    for (let i = 0; i < n; i++) {
      const res = await send(url, 'POST', '/v1/shipments', { headers: bearer(token), body: sampleOrder(sandbox.now(), { shipperTrackingId: `LC-${i}` }) });
      expect(res.status).toBe(200);
      ids.push(res.json.data.trackingId);
    }
    return ids;
  }

  beforeEach(async () => {
    sandbox = createCargamosSandbox({ seed: 21 });
    url = await sandbox.listen(0);
    token = await login(url);
  });
  afterEach(() => sandbox.close());

  it('moves every shipment along allowed edges only, to a final state within the maximum lifetime', async () => {
    await integrateMany(60);
    for (let t = 0; t < MAX_LIFETIME_MS; t += DAY) await sandbox.advance(DAY);
    const truth = sandbox.shipments();
    const finals = new Set<string>();
    for (const s of truth) {
      expect(s.final).toBe(true);
      expect(isFinalState(s.state)).toBe(true);
      expect(s.history[0].state).toBe('CREATED');
      for (let i = 1; i < s.history.length; i++) {
        expect(isAllowedTransition(s.history[i - 1].state, s.history[i].state)).toBe(true);
        expect(s.history[i].timestamp).toBeGreaterThan(s.history[i - 1].timestamp);
      }
      expect(s.history[s.history.length - 1].state).toBe(s.state);
      expect(s.updatedAt).toBe(s.history[s.history.length - 1].timestamp);
      finals.add(s.state);
    }
    expect(finals.has('DELIVERED')).toBe(true);
    // The seed makes a mix: some shipments saw an attempt or a mishap on the way.
    expect(truth.some((s) => s.history.some((h) => h.state === 'DELIVERY_ATTEMPTED' || h.state === 'MISHAP'))).toBe(true);
  });

  it('applies due changes at their due time (≤ now), chains included; forced changes happen at now', async () => {
    await integrateMany(10);
    const start = sandbox.now();
    const { now, changes } = await sandbox.advance(DAY);
    expect(now).toBe(start + DAY);
    expect(changes.length).toBeGreaterThan(10); // RECEIVED, OUT_FOR_DELIVERY, … in one day
    for (const c of changes) expect(c.at).toBeLessThanOrEqual(now);
    expect(changes.map((c) => c.at)).toEqual([...changes.map((c) => c.at)].sort((a, b) => a - b));

    const forced = await sandbox.advance(1, { changes: 3 });
    const active = forced.changes.filter((c) => c.at === forced.now);
    expect(active.length).toBeGreaterThanOrEqual(Math.min(3, sandbox.shipments().length));
    expect(() => sandbox.advance(0)).toThrow(/positive integer/);
  });

  it('is deterministic for a seed', async () => {
    await integrateMany(8);
    const a = await sandbox.advance(2 * DAY);
    const twin = createCargamosSandbox({ seed: 21 });
    const twinUrl = await twin.listen(0);
    try {
      const t = await login(twinUrl);
      for (let i = 0; i < 8; i++) await send(twinUrl, 'POST', '/v1/shipments', { headers: bearer(t), body: sampleOrder(twin.now(), { shipperTrackingId: `LC-${i}` }) });
      const b = await twin.advance(2 * DAY);
      expect(b.changes).toEqual(a.changes);
    } finally {
      await twin.close();
    }
  });

  describe('tracking', () => {
    it('GET /v1/shipment-tracking/{trackingId} answers the state and history; a shipmentId or unknown id is 404', async () => {
      const [id] = await integrateMany(1);
      await sandbox.advance(DAY);
      const res = await get(`/v1/shipment-tracking/${id}`);
      expect(res.status).toBe(200);
      const truth = sandbox.shipments()[0];
      expect(res.json).toEqual({
        version: '1.0.0', status: 'OK', timestamp: sandbox.now(),
        data: {
          trackingId: id, shipmentId: truth.shipmentId, shipperTrackingId: id, state: truth.state, final: truth.final,
          createdAt: truth.createdAt, updatedAt: truth.updatedAt, expectedDeliveryDate: truth.request.expectedDeliveryDate, history: truth.history,
        },
      });
      for (const missing of [truth.shipmentId, 'CH99999999999']) {
        const nf = await get(`/v1/shipment-tracking/${missing}`);
        expect(nf.status).toBe(404);
        expect(nf.json.errors).toEqual([{ code: 'NOT_FOUND', message: expect.any(String), details: expect.any(String), location: 'request.path', parameter: 'trackingId' }]);
      }
    });

    it('GET /v1/shipment-tracking?trackingIds=a,b answers in the order asked, repeats once, unknown ids left out', async () => {
      const ids = await integrateMany(3);
      const res = await get(`/v1/shipment-tracking?trackingIds=${ids[2]},UNKNOWN-1,${ids[0]},${ids[2]}`);
      expect(res.status).toBe(200);
      expect(res.json.data.map((t: any) => t.trackingId)).toEqual([ids[2], ids[0]]);
      const missing = await get('/v1/shipment-tracking');
      expect(missing.status).toBe(400);
      expect(missing.json.errors[0]).toMatchObject({ code: 'MISSING_PARAMETER', location: 'request.query', parameter: 'trackingIds' });
      const tooMany = await get(`/v1/shipment-tracking?trackingIds=${Array.from({ length: 51 }, (_, i) => `T${i}`).join(',')}`);
      expect(tooMany.status).toBe(400);
      expect(tooMany.json.errors[0]).toMatchObject({ code: 'INVALID_PARAMETER', location: 'request.query', parameter: 'trackingIds' });
    });

    it('with webhooks switched off, polling the tracking endpoint alone sees every shipment reach its final state', async () => {
      const receiver = 'http://127.0.0.1:9/never';
      sandbox.subscribe(receiver, ['*']);
      sandbox.setFaults({ webhooksOff: true });
      const ids = await integrateMany(40);
      const seen = new Map<string, string>();
      for (let t = 0; t < MAX_LIFETIME_MS; t += 6 * HOUR) {
        await sandbox.advance(6 * HOUR);
        for (let i = 0; i < ids.length; i += 50) {
          const res = await get(`/v1/shipment-tracking?trackingIds=${ids.slice(i, i + 50).join(',')}`);
          for (const row of res.json.data) seen.set(row.trackingId, row.state);
        }
        if ([...seen.values()].every((s) => isFinalState(s as never)) && seen.size === ids.length) break;
      }
      expect(sandbox.deliveries()).toEqual([]);
      for (const s of sandbox.shipments()) {
        expect(s.final).toBe(true);
        expect(seen.get(s.trackingId)).toBe(s.state);
      }
    });
  });
});
