import { createTrailflowSandbox, type TrailflowSandbox } from './trailflow-sandbox.js';
import { call } from './testing/sandbox-test-kit.js';
import { SANDBOX_ALL_SCOPES } from './trailflow.types.js';

describe('TrailFlow sandbox: keys, scopes, rate limit, envelope', () => {
  let sandbox: TrailflowSandbox;
  let url: string;

  beforeAll(async () => {
    sandbox = createTrailflowSandbox({
      loads: 20,
      keys: [
        { key: 'tf_all', scopes: SANDBOX_ALL_SCOPES, ratePerMinute: 10_000 },
        { key: 'tf_loads_only', scopes: ['loads:read'], ratePerMinute: 10_000 },
        { key: 'tf_tiny', scopes: SANDBOX_ALL_SCOPES, ratePerMinute: 3 },
      ],
    });
    url = await sandbox.listen(0);
  });
  afterAll(() => sandbox.close());

  it('answers 401 unauthorized without a key and with an unknown key', async () => {
    for (const key of [null, 'tf_nobody']) {
      const res = await call(url, 'GET', '/v1/loads', { key });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('unauthorized');
    }
    const notBearer = await call(url, 'GET', '/v1/loads', { headers: { authorization: 'Basic dGZfYWxs' } });
    expect(notBearer.status).toBe(401);
  });

  it.each([
    ['GET', '/v1/customers', 'customers:read'],
    ['GET', '/v1/carriers', 'carriers:read'],
    ['GET', '/v1/tracking/load_1', 'tracking:read'],
    ['GET', '/v1/webhooks', 'webhooks:manage'],
    ['DELETE', '/v1/webhooks/whsub_1', 'webhooks:manage'],
    ['POST', '/v1/loads', 'loads:write'],
    ['POST', '/v1/loads/upsert', 'loads:write'],
    ['POST', '/v1/loads/load_1/status', 'loads:write'],
  ])('answers 403 forbidden for %s %s without %s', async (method, path, scope) => {
    const res = await call(url, method, path, { key: 'tf_loads_only', idempotencyKey: 'k1', body: method === 'POST' ? {} : undefined });
    expect(res.status).toBe(403);
    expect(res.json.error).toEqual({ code: 'forbidden', message: expect.stringContaining(scope) });
  });

  it('lets a key with the scope through', async () => {
    expect((await call(url, 'GET', '/v1/loads/load_1', { key: 'tf_loads_only' })).status).toBe(200);
  });

  it('puts the same req_<n> requestId in every body and in x-request-id, success or error', async () => {
    const answers = [
      await call(url, 'GET', '/v1/loads?limit=1', { key: 'tf_all' }),
      await call(url, 'GET', '/v1/loads', { key: null }),
      await call(url, 'GET', '/v1/loads/nope', { key: 'tf_all' }),
      await call(url, 'GET', '/health/api'),
    ];
    const ids = answers.map((a) => a.json.requestId);
    for (const a of answers) {
      expect(a.json.requestId).toMatch(/^req_\d+$/);
      expect(a.headers.get('x-request-id')).toBe(a.json.requestId);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers /health/api without a key', async () => {
    const res = await call(url, 'GET', '/health/api');
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('ok');
  });

  it('limits each key per minute: 429 rate_limited without Retry-After, other keys unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(url, 'GET', '/v1/loads?limit=1', { key: 'tf_tiny' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(url, 'GET', '/v1/loads?limit=1', { key: 'tf_tiny' });
    expect(limited.json.error).toEqual({ code: 'rate_limited', message: 'Rate limit exceeded' });
    expect(limited.headers.get('retry-after')).toBeNull();
    expect((await call(url, 'GET', '/v1/loads?limit=1', { key: 'tf_all' })).status).toBe(200);
  });

  it('answers unknown routes with the not_found envelope', async () => {
    const res = await call(url, 'GET', '/v1/drivers', { key: 'tf_all' });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
  });
});
