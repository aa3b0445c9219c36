import { createSpotgoSandbox, type SpotgoSandbox } from './spotgo-sandbox.js';
import { DEFAULT_SPOTGO_KEY } from './spotgo-state.js';
import { orderBody, sg } from './testing/spotgo-test-kit.js';

const KEY = DEFAULT_SPOTGO_KEY;
const PROBLEM_KEYS = ['type', 'title', 'status', 'detail', 'instance', 'code', 'traceId'];

describe('SpotGo sandbox: auth, versioning, rate limit, errors, faults', () => {
  let sandbox: SpotgoSandbox;
  let url: string;

  afterEach(() => sandbox.close());

  async function start(opts: Parameters<typeof createSpotgoSandbox>[0] = {}) {
    sandbox = createSpotgoSandbox({ seed: 2, orders: 10, ...opts });
    url = await sandbox.listen(0);
  }

  it('needs X-Api-Key (401 ProblemDetails without it or with an unknown key)', async () => {
    await start();
    const none = await sg(url, 'POST', '/api/v1/orders/query', { key: null, body: {} });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(none.json).toMatchObject({ status: 401, code: 'Unauthorized', title: 'Unauthorized', instance: '/api/v1/orders/query' });
    expect((await sg(url, 'POST', '/api/v1/orders/query', { key: 'sg_wrong', body: {} })).json.detail).toBe('Invalid API key.');
    // A Bearer token is not the documented scheme.
    expect((await sg(url, 'POST', '/api/v1/orders/query', { headers: { authorization: `Bearer ${KEY}` }, body: {} })).status).toBe(401);
    expect((await sg(url, 'POST', '/api/v1/orders/query', { key: KEY, body: {} })).status).toBe(200);
  });

  it('every error is ProblemDetails: type, title, status, detail, instance, code, traceId (+ errors for fields)', async () => {
    await start();
    const notFound = await sg(url, 'GET', '/api/v1/orders/00000000-0000-4000-8000-000000000000', { key: KEY });
    expect(Object.keys(notFound.json)).toEqual(PROBLEM_KEYS);
    expect(notFound.json.traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(notFound.json.type).toMatch(/^https:\/\/tools\.ietf\.org\/html\/rfc9110#section-15\.5\.5$/);
    const bad = await sg(url, 'POST', '/api/v1/orders', { key: KEY, body: {} });
    expect(Object.keys(bad.json)).toEqual([...PROBLEM_KEYS, 'errors']);
    expect(bad.json.errors).toEqual(expect.arrayContaining([{ field: 'orderNumber', code: 'Required', message: expect.any(String) }]));
    const malformed = await sg(url, 'POST', '/api/v1/orders', { key: KEY, body: '{"orderNumber": ' });
    expect(malformed.json).toMatchObject({ status: 400, code: 'ValidationFailed', errors: [{ code: 'InvalidJson' }] });
    const unknownRoute = await sg(url, 'GET', '/api/v1/freights', { key: KEY });
    expect(unknownRoute.json).toMatchObject({ status: 404, code: 'NotFound' });
  });

  it('x-api-version: 1.0 (or none) is served, answers carry it; another version is 400 UnsupportedApiVersion; other media types 415', async () => {
    await start();
    const ok = await sg(url, 'POST', '/api/v1/orders', { key: KEY, body: orderBody('V-1') });
    expect(ok.headers.get('content-type')).toBe('application/json; x-api-version=1.0');
    expect(ok.headers.get('api-supported-versions')).toBe('1.0');
    const plain = await sg(url, 'POST', '/api/v1/orders', { key: KEY, body: orderBody('V-2'), contentType: 'application/json' });
    expect(plain.status).toBe(201);
    const v2 = await sg(url, 'POST', '/api/v1/orders', { key: KEY, body: orderBody('V-3'), contentType: 'application/json; x-api-version=2.0' });
    expect(v2.status).toBe(400);
    expect(v2.json).toMatchObject({ code: 'UnsupportedApiVersion', detail: expect.stringContaining("'2.0'") });
    const accept = await sg(url, 'GET', `/api/v1/orders/${ok.json.orderId}`, { key: KEY, headers: { accept: 'application/json; x-api-version=3.0' } });
    expect(accept.json.code).toBe('UnsupportedApiVersion');
    expect((await sg(url, 'GET', `/api/v1/orders/${ok.json.orderId}`, { key: KEY, headers: { accept: 'application/json; x-api-version=1.0' } })).status).toBe(200);
    const xml = await sg(url, 'POST', '/api/v1/orders', { key: KEY, body: '<order/>', contentType: 'application/xml' });
    expect(xml.json).toMatchObject({ status: 415, code: 'UnsupportedMediaType' });
    expect(sandbox.orders().some((o) => o.orderNumber === 'V-3')).toBe(false);
  });

  it('rate limit: 100 requests per key per window by default, then 429 with Retry-After; refused ones do not count', async () => {
    await start({ keys: [{ key: KEY }, { key: 'sg_other', ratePerWindow: 3 }] });
    const answers = await Promise.all(Array.from({ length: 101 }, () => sg(url, 'POST', '/api/v1/orders/query', { key: KEY, body: { pageSize: 1 } })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(100);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.json).toMatchObject({ status: 429, code: 'RateLimited', title: 'Too Many Requests' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Per key: the other key has its own window and its own limit.
    for (let i = 0; i < 3; i++) expect((await sg(url, 'POST', '/api/v1/orders/query', { key: 'sg_other', body: {} })).status).toBe(200);
    expect((await sg(url, 'POST', '/api/v1/orders/query', { key: 'sg_other', body: {} })).status).toBe(429);
  });

  it('a window ends and the key recovers (short window option)', async () => {
    await start({ rateLimit: 2, rateLimitWindowMs: 300 });
    for (let i = 0; i < 2; i++) expect((await sg(url, 'POST', '/api/v1/orders/query', { key: KEY, body: {} })).status).toBe(200);
    const refused = await sg(url, 'POST', '/api/v1/orders/query', { key: KEY, body: {} });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 320));
    expect((await sg(url, 'POST', '/api/v1/orders/query', { key: KEY, body: {} })).status).toBe(200);
  });

  it('faults: errorRate → 500 ProblemDetails, rateLimitStorm → 429 Retry-After: 1, dropRate → no answer; seeded; /_sandbox is never faulted', async () => {
    await start();
    sandbox.setFaults({ rateLimitStorm: 1 });
    const storm = await sg(url, 'POST', '/api/v1/orders/query', { key: KEY, body: {} });
    expect(storm.status).toBe(429);
    expect(storm.headers.get('retry-after')).toBe('1');
    expect((await sg(url, 'GET', '/_sandbox/orders')).status).toBe(200);
    sandbox.setFaults({ rateLimitStorm: 0, errorRate: 1 });
    expect((await sg(url, 'POST', '/api/v1/orders/query', { key: KEY, body: {} })).json).toMatchObject({ status: 500, code: 'InternalError' });
    sandbox.setFaults({ errorRate: 0, dropRate: 1 });
    await expect(sg(url, 'POST', '/api/v1/orders/query', { key: KEY, body: {} })).rejects.toThrow();
    expect(() => sandbox.setFaults({ errorRate: 2 })).toThrow(/errorRate/);
    expect(() => sandbox.setFaults({ slowness: 1 } as never)).toThrow(/not a fault knob/);
    sandbox.reset();
    expect((await sg(url, 'POST', '/api/v1/orders/query', { key: KEY, body: {} })).status).toBe(200);
  });

  it('/_sandbox routes: advance, clock, truth, faults, reset', async () => {
    await start();
    const truth = await sg(url, 'GET', '/_sandbox/orders');
    expect(truth.json.items).toEqual(sandbox.orders());
    const adv = await sg(url, 'POST', '/_sandbox/advance', { body: { ms: 60_000, changes: 2 } });
    expect(adv.json).toMatchObject({ now: sandbox.now(), changes: expect.any(Array), deliveries: [] });
    expect((await sg(url, 'POST', '/_sandbox/advance', { body: { ms: -1 } })).status).toBe(400);
    expect((await sg(url, 'PUT', '/_sandbox/faults', { body: { errorRate: 0.5 } })).json).toEqual({ errorRate: 0.5, rateLimitStorm: 0, dropRate: 0 });
    expect((await sg(url, 'PUT', '/_sandbox/faults', { body: { errorRate: 5 } })).status).toBe(400);
    expect((await sg(url, 'GET', '/_sandbox/clock')).json.now).toBe(sandbox.now());
    await sg(url, 'POST', '/_sandbox/reset');
    expect((await sg(url, 'GET', '/_sandbox/faults')).json.errorRate).toBe(0);
    expect(sandbox.orders()).toEqual(truth.json.items);
  });
});
