import { createCargamosSandbox, type CargamosSandbox } from './cargamos-sandbox.js';
import { DEFAULT_CARGAMOS_START } from './cargamos-state.js';
import { MAX_LIFETIME_MS } from './shipment-lifecycle.js';
import { bearer, login, sampleOrder, send, startHookReceiver, type HookReceiver } from './testing/cargamos-test-kit.js';

const DAY = 86_400_000;
const payloads = (r: HookReceiver) => r.received.map((h) => JSON.parse(h.rawBody));

describe('Cargamos sandbox: state webhooks, subscriptions, faults', () => {
  let sandbox: CargamosSandbox;
  let url: string;
  let receivers: HookReceiver[] = [];

  async function receiver(status?: (n: number) => number): Promise<HookReceiver> {
    const r = await startHookReceiver(status);
    receivers.push(r);
    return r;
  }

  async function integrate(n: number, prefix = 'WH'): Promise<string[]> {
    const token = await login(url);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await send(url, 'POST', '/v1/shipments', { headers: bearer(token), body: sampleOrder(sandbox.now(), { shipperTrackingId: `${prefix}-${i}` }) });
      expect(res.status).toBe(200);
      ids.push(res.json.data.trackingId);
    }
    await sandbox.idle();
    return ids;
  }

  async function runToTheEnd(): Promise<void> {
    for (let t = 0; t < MAX_LIFETIME_MS; t += DAY) await sandbox.advance(DAY);
    await sandbox.idle();
  }

  beforeEach(async () => {
    sandbox = createCargamosSandbox({ seed: 31 });
    url = await sandbox.listen(0);
  });
  afterEach(async () => {
    await sandbox.close();
    await Promise.all(receivers.map((r) => r.close()));
    receivers = [];
  });

  it('posts { state, label_id, anomalies } (snake_case, no delivery id, no timestamp) to the subscribed URL, token included', async () => {
    const r = await receiver();
    sandbox.subscribe(r.url, ['*']);
    const [id] = await integrate(1);
    expect(r.received).toHaveLength(1);
    const hook = r.received[0];
    expect(JSON.parse(hook.rawBody)).toEqual({ state: 'CREATED', label_id: id, anomalies: {} });
    expect(Object.keys(JSON.parse(hook.rawBody))).toEqual(['state', 'label_id', 'anomalies']);
    expect(hook.path).toBe('/webhooks/cargamos/cargamos-default?token=t0k');
    expect(hook.headers['content-type']).toBe('application/json');
    expect(Object.keys(hook.headers).filter((h) => /signature|delivery|timestamp|id$/i.test(h))).toEqual([]);
  });

  it('sends one POST per shipment and state change, in order, matching the truth\'s history', async () => {
    const r = await receiver();
    sandbox.subscribe(r.url, ['*']);
    await integrate(15);
    await runToTheEnd();
    const got = payloads(r);
    for (const s of sandbox.shipments()) {
      const mine = got.filter((p) => p.label_id === s.trackingId);
      expect(mine).toEqual(s.history.map((h) => ({ state: h.state, label_id: s.trackingId, anomalies: h.anomalies })));
    }
    const anomalous = got.filter((p) => p.state === 'DELIVERY_ATTEMPTED' || p.state === 'MISHAP');
    expect(anomalous.length).toBeGreaterThan(0);
    for (const p of anomalous) expect(p.anomalies).toEqual({ anomaly: expect.any(String), description: expect.any(String) });
    expect(sandbox.deliveries().every((d) => d.ok && d.statusCode === 200 && !d.late && !d.duplicate)).toBe(true);
  });

  it('sends only the subscribed states; subscribing again replaces the shipper\'s one URL; unsubscribe stops it', async () => {
    const first = await receiver();
    const second = await receiver();
    sandbox.subscribe(first.url, ['DELIVERED', 'OUT_FOR_DELIVERY']);
    await integrate(10);
    await sandbox.advance(DAY);
    await sandbox.idle();
    expect(first.received.length).toBeGreaterThan(0);
    expect(new Set(payloads(first).map((p) => p.state))).toEqual(new Set(['DELIVERED', 'OUT_FOR_DELIVERY']));

    const { id } = sandbox.subscribe(second.url, ['DELIVERED']);
    const before = first.received.length;
    await runToTheEnd();
    expect(first.received.length).toBe(before);
    expect(payloads(second).every((p) => p.state === 'DELIVERED')).toBe(true);
    expect(sandbox.unsubscribe(id)).toBe(true);
    expect(sandbox.unsubscribe(id)).toBe(false);
  });

  it('sends a shipper only its own shipments\' changes', async () => {
    const other = { username: 'ops@otro.mx', password: 'x', key: 'cgm_other' };
    const multi = createCargamosSandbox({ seed: 31, accounts: [{ username: 'a@a.mx', password: 'a', key: 'cgm_a' }, other] });
    const multiUrl = await multi.listen(0);
    try {
      const ra = await receiver();
      const rb = await receiver();
      multi.subscribe(ra.url, ['*']);
      multi.subscribe(rb.url, ['*'], { key: 'cgm_other' });
      const res = await send(multiUrl, 'POST', '/v1/shipments', { headers: bearer(await login(multiUrl, other)), body: sampleOrder(multi.now(), { shipperTrackingId: 'B-1' }) });
      expect(res.status).toBe(200);
      await multi.idle();
      expect(ra.received).toHaveLength(0);
      expect(payloads(rb)).toEqual([{ state: 'CREATED', label_id: 'B-1', anomalies: {} }]);
      expect(() => multi.subscribe(ra.url, ['*'], { key: 'nope' })).toThrow(/key/);
    } finally {
      await multi.close();
    }
  });

  it.each([
    ['ftp://x/h', ['*'], /url/],
    ['http://127.0.0.1:9/h', [], /states/],
    ['http://127.0.0.1:9/h', ['LOST'], /LOST/],
    ['http://127.0.0.1:9/h', ['*', 'DELIVERED'], /\*/],
  ])('refuses subscription %s %j', (u, states, message) => {
    expect(() => sandbox.subscribe(u, states as never)).toThrow(message);
  });

  it('logs failed sends (non-2xx, unreachable) and does not retry them', async () => {
    const r = await receiver(() => 500);
    sandbox.subscribe(r.url, ['CREATED']);
    await integrate(2);
    expect(r.received).toHaveLength(2);
    expect(sandbox.deliveries().map((d) => [d.statusCode, d.ok])).toEqual([[500, false], [500, false]]);
    sandbox.subscribe('http://127.0.0.1:9/closed', ['CREATED']);
    await integrate(1, 'GONE');
    const last = sandbox.deliveries().at(-1)!;
    expect(last).toMatchObject({ statusCode: null, ok: false, error: expect.stringMatching(/fetch failed/) });
  });

  describe('faults', () => {
    it('webhooksOff: nothing is sent or logged while on; sends resume when off', async () => {
      const r = await receiver();
      sandbox.subscribe(r.url, ['*']);
      sandbox.setFaults({ webhooksOff: true });
      await integrate(5);
      await sandbox.advance(DAY);
      await sandbox.idle();
      expect(r.received).toHaveLength(0);
      expect(sandbox.deliveries()).toEqual([]);
      sandbox.setFaults({ webhooksOff: false });
      const { changes, deliveries } = await sandbox.advance(DAY);
      expect(deliveries).toHaveLength(changes.length);
      expect(r.received.length).toBe(changes.length);
    });

    it('lateStates: the previous state is sent again after the newer one (a late OUT_FOR_DELIVERY after DELIVERED)', async () => {
      const r = await receiver();
      sandbox.subscribe(r.url, ['*']);
      sandbox.setFaults({ lateStates: 1 });
      await integrate(10);
      await runToTheEnd();
      const log = sandbox.deliveries();
      const lateAfterDelivered = log.filter((d, i) => d.late && d.state === 'OUT_FOR_DELIVERY' && log[i - 1]?.state === 'DELIVERED' && log[i - 1].trackingId === d.trackingId);
      expect(lateAfterDelivered.length).toBeGreaterThan(0);
      for (const d of lateAfterDelivered) expect(JSON.parse(d.body)).toEqual({ state: 'OUT_FOR_DELIVERY', label_id: d.trackingId, anomalies: {} });
      // A receiver that takes the last send as the truth would go wrong: the final state came before.
      const truth = new Map(sandbox.shipments().map((s) => [s.trackingId, s.state]));
      const lastSeen = new Map(payloads(r).map((p) => [p.label_id, p.state]));
      expect([...truth].some(([id, state]) => lastSeen.get(id) !== state)).toBe(true);
    });

    it('duplicateSends: every send is made twice with the same bytes', async () => {
      const r = await receiver();
      sandbox.subscribe(r.url, ['*']);
      sandbox.setFaults({ duplicateSends: 1 });
      await integrate(3);
      const log = sandbox.deliveries();
      expect(log).toHaveLength(6);
      for (let i = 0; i < 6; i += 2) {
        expect(log[i].duplicate).toBe(false);
        expect(log[i + 1].duplicate).toBe(true);
        expect(log[i + 1].body).toBe(log[i].body);
      }
      expect(r.received.map((h) => h.rawBody)).toEqual(log.map((d) => d.body));
    });

    it('partial shares repeat exactly for a seed', async () => {
      const run = async (s: CargamosSandbox, sUrl: string) => {
        const r = await receiver();
        s.subscribe(r.url, ['*']);
        s.setFaults({ lateStates: 0.3, duplicateSends: 0.3 });
        const t = await login(sUrl);
        for (let i = 0; i < 6; i++) await send(sUrl, 'POST', '/v1/shipments', { headers: bearer(t), body: sampleOrder(s.now(), { shipperTrackingId: `R-${i}` }) });
        for (let d = 0; d < 10; d++) await s.advance(DAY);
        await s.idle();
        return s.deliveries().map((d) => [d.trackingId, d.state, d.late, d.duplicate]);
      };
      const twin = createCargamosSandbox({ seed: 31 });
      const twinUrl = await twin.listen(0);
      try {
        const a = await run(sandbox, url);
        const b = await run(twin, twinUrl);
        expect(b).toEqual(a);
        expect(a.some((d) => d[2] === true) && a.some((d) => d[3] === true)).toBe(true);
      } finally {
        await twin.close();
      }
    });

    it('refuses unknown knobs and bad values', () => {
      expect(() => sandbox.setFaults({ nope: 1 } as never)).toThrow(/nope/);
      expect(() => sandbox.setFaults({ errorRate: 2 })).toThrow(/errorRate/);
      expect(() => sandbox.setFaults({ webhooksOff: 1 as never })).toThrow(/webhooksOff/);
    });
  });

  describe('/_sandbox control routes', () => {
    it('subscribes, advances, sets faults, shows the truth and the log, resets', async () => {
      const r = await receiver();
      const sub = await send(url, 'PUT', '/_sandbox/subscriptions', { body: { url: r.url, states: ['*'] } });
      expect(sub.status).toBe(201);
      expect(sub.json.data).toMatchObject({ id: expect.any(String), url: r.url, states: ['*'] });
      expect((await send(url, 'GET', '/_sandbox/subscriptions')).json.data).toHaveLength(1);
      expect((await send(url, 'PUT', '/_sandbox/subscriptions', { body: { url: 'nope', states: ['*'] } })).status).toBe(400);

      await integrate(3);
      const adv = await send(url, 'POST', '/_sandbox/advance', { body: { ms: DAY, changes: 1 } });
      expect(adv.status).toBe(200);
      expect(adv.json).toEqual({ now: sandbox.now(), changes: expect.any(Array), deliveries: expect.any(Array) });
      expect((await send(url, 'POST', '/_sandbox/advance', { body: { ms: -5 } })).status).toBe(400);
      expect((await send(url, 'GET', '/_sandbox/clock')).json).toEqual({ now: sandbox.now() });

      expect((await send(url, 'PUT', '/_sandbox/faults', { body: { webhooksOff: true } })).json.data).toEqual({ errorRate: 0, webhooksOff: true, lateStates: 0, duplicateSends: 0 });
      expect((await send(url, 'PUT', '/_sandbox/faults', { body: { lateStates: 'x' } })).status).toBe(400);
      expect((await send(url, 'GET', '/_sandbox/faults')).json.data.webhooksOff).toBe(true);

      const shipments = await send(url, 'GET', '/_sandbox/shipments');
      expect(shipments.json.data).toEqual(sandbox.shipments());
      expect((await send(url, 'GET', '/_sandbox/deliveries')).json.data).toEqual(sandbox.deliveries());

      expect((await send(url, 'DELETE', `/_sandbox/subscriptions/${sub.json.data.id}`)).json).toEqual({ removed: true });
      expect((await send(url, 'DELETE', `/_sandbox/subscriptions/${sub.json.data.id}`)).status).toBe(404);

      expect((await send(url, 'POST', '/_sandbox/reset')).json).toEqual({ reset: true });
      expect(sandbox.shipments()).toEqual([]);
      expect(sandbox.deliveries()).toEqual([]);
      expect(sandbox.logins()).toBe(0);
      expect(sandbox.now()).toBe(DEFAULT_CARGAMOS_START);
      expect((await send(url, 'GET', '/_sandbox/faults')).json.data.webhooksOff).toBe(false);
    });
  });
});
