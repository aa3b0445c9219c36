import { createTrailflowSandbox, type TrailflowSandbox } from './trailflow-sandbox.js';
import { call, startReceiver } from './testing/sandbox-test-kit.js';
import { SANDBOX_ALL_SCOPES } from './trailflow.types.js';

const KEY = 'tf_faults';
const keys = [{ key: KEY, scopes: SANDBOX_ALL_SCOPES, ratePerMinute: 100_000 }];

describe('TrailFlow sandbox: fault knobs', () => {
  let sandbox: TrailflowSandbox;
  let url: string;
  const get = (path: string) => call(url, 'GET', path, { key: KEY });

  beforeEach(async () => {
    sandbox = createTrailflowSandbox({ seed: 2, loads: 40, keys });
    url = await sandbox.listen(0);
  });
  afterEach(() => sandbox.close());

  it('answers 500 internal_error and 429 rate_limited at share 1, normally again at share 0', async () => {
    sandbox.setFaults({ serverErrorShare: 1 });
    const failed = await get('/v1/loads');
    expect(failed.status).toBe(500);
    expect(failed.json.error.code).toBe('internal_error');
    sandbox.setFaults({ serverErrorShare: 0, rateLimitedShare: 1 });
    const limited = await get('/v1/carriers');
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('rate_limited');
    sandbox.setFaults({ rateLimitedShare: 0 });
    expect((await get('/v1/loads')).status).toBe(200);
  });

  it('malformed knob: a 200 whose body is truncated JSON; error answers stay intact', async () => {
    const whole = await get('/v1/loads?limit=5');
    sandbox.setFaults({ malformedShare: 1 });
    const cut = await get('/v1/loads?limit=5');
    expect(cut.status).toBe(200);
    expect(cut.json).toBeUndefined();
    expect(whole.text.startsWith(cut.text.replace(/"requestId":"req_\d+".*$/, ''))).toBe(true);
    expect(cut.text.length).toBeLessThan(whole.text.length);
    const missing = await get('/v1/loads/load_404040');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not_found');
  });

  it('draws faults from the seed: two sandboxes with the same seed fail the same requests', async () => {
    const other = createTrailflowSandbox({ seed: 2, loads: 40, keys, faults: { serverErrorShare: 0.5 } });
    const otherUrl = await other.listen(0);
    sandbox.setFaults({ serverErrorShare: 0.5 });
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 30; i++) {
      a.push((await get('/v1/loads?limit=1')).status);
      b.push((await call(otherUrl, 'GET', '/v1/loads?limit=1', { key: KEY })).status);
    }
    await other.close();
    expect(a).toEqual(b);
    expect(a).toContain(500);
    expect(a).toContain(200);
  });

  it('PUT /_sandbox/faults sets knobs and names a wrong one', async () => {
    const ok = await call(url, 'PUT', '/_sandbox/faults', { body: { serverErrorShare: 1 } });
    expect(ok.json.data.serverErrorShare).toBe(1);
    expect((await get('/v1/loads')).status).toBe(500);
    const bad = await call(url, 'PUT', '/_sandbox/faults', { body: { slowShare: 'often' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('slowShare');
  });

  it('faults given at creation apply from the first request', async () => {
    const faulty = createTrailflowSandbox({ loads: 5, keys, faults: { rateLimitedShare: 1 } });
    const faultyUrl = await faulty.listen(0);
    const res = await call(faultyUrl, 'GET', '/v1/loads', { key: KEY });
    await faulty.close();
    expect(res.status).toBe(429);
    expect(() => createTrailflowSandbox({ faults: { malformedShare: 3 } })).toThrow('malformedShare');
  });
});

describe('TrailFlow sandbox: /_sandbox control routes and determinism', () => {
  let sandbox: TrailflowSandbox;
  let url: string;

  beforeEach(async () => {
    sandbox = createTrailflowSandbox({ seed: 4, loads: 50, keys, webhookDelayScale: 0.001 });
    url = await sandbox.listen(0);
  });
  afterEach(() => sandbox.close());

  it('serves the truth at GET /_sandbox/loads, equal to what the API answers per load', async () => {
    const truth = (await call(url, 'GET', '/_sandbox/loads')).json.data;
    expect(truth).toEqual(sandbox.loads());
    expect(truth).toHaveLength(50);
    expect((await call(url, 'GET', `/v1/loads/${truth[9].id}`, { key: KEY })).json.data).toEqual(truth[9]);
  });

  it('POST /_sandbox/clock/advance moves loads and validates its body', async () => {
    const res = await call(url, 'POST', '/_sandbox/clock/advance', { body: { ms: 60_000, changes: 4 } });
    expect(res.json.changedIds).toHaveLength(4);
    const truth = sandbox.loads().filter((l) => res.json.changedIds.includes(l.id));
    expect(truth.every((l) => l.updatedAt === res.json.now)).toBe(true);
    for (const body of [{ ms: 0 }, { ms: 1.5 }, { ms: 10, changes: -1 }]) {
      const bad = await call(url, 'POST', '/_sandbox/clock/advance', { body });
      expect(bad.status).toBe(400);
    }
  });

  it('GET /_sandbox/deliveries lists the sends; POST /_sandbox/reset restores the first state', async () => {
    const receiver = await startReceiver();
    const initial = sandbox.loads();
    sandbox.subscribe(receiver.url, ['load.status_changed']);
    const firstChanges = sandbox.advance(1_000, { changes: 3 });
    await sandbox.idle();
    const log = (await call(url, 'GET', '/_sandbox/deliveries')).json.data;
    expect(log).toHaveLength(3);
    expect(log[0]).toMatchObject({ event: 'load.status_changed', attempt: 1, ok: true, statusCode: 200 });

    expect((await call(url, 'POST', '/_sandbox/reset')).json.reset).toBe(true);
    expect(sandbox.loads()).toEqual(initial);
    expect(sandbox.deliveries()).toEqual([]);
    expect((await call(url, 'GET', '/v1/webhooks', { key: KEY })).json.data).toEqual([]);
    // The clock's choices restart too, and nobody is subscribed any more.
    expect(sandbox.advance(1_000, { changes: 3 })).toEqual(firstChanges);
    await sandbox.idle();
    expect(receiver.received).toHaveLength(3);
    await receiver.close();
  });

  it('same seed, same data and same clock changes; another seed, other data', async () => {
    const twin = createTrailflowSandbox({ seed: 4, loads: 50 });
    const stranger = createTrailflowSandbox({ seed: 5, loads: 50 });
    expect(twin.loads()).toEqual(sandbox.loads());
    expect(stranger.loads()).not.toEqual(sandbox.loads());
    expect(twin.advance(5_000, { changes: 7 })).toEqual(sandbox.advance(5_000, { changes: 7 }));
    expect(twin.loads()).toEqual(sandbox.loads());
  });

  it('never moves a terminal load and moves others exactly one status forward', () => {
    const before = new Map(sandbox.loads().map((l) => [l.id, l.status]));
    const next: Record<string, string> = { DRAFT: 'ASSIGNED', ASSIGNED: 'LOADED', LOADED: 'IN_TRANSIT', IN_TRANSIT: 'DELIVERED' };
    const changed = sandbox.advance(1_000, { changes: 1000 });
    expect(changed.length).toBe([...before.values()].filter((s) => s in next).length);
    for (const load of sandbox.loads()) {
      const was = before.get(load.id)!;
      expect(load.status).toBe(changed.includes(load.id) ? next[was] : was);
      if (changed.includes(load.id) && load.eligibleForTracking) expect(load.tracking.lastKnownLocation?.recordedAt).toBe(load.updatedAt);
    }
  });
});
