import { DEFAULT_CARGAMOS_ACCOUNT } from './token-store.js';
import { createCargamosSandbox, type CargamosSandbox } from './cargamos-sandbox.js';
import { basicHeader, bearer, login, sampleOrder, send } from './testing/cargamos-test-kit.js';

const ACCOUNT = DEFAULT_CARGAMOS_ACCOUNT;
const SECOND = { username: 'ana@shipper-two.mx', password: 'otra', key: 'cgm_key_two' };
const COLLEAGUE = { username: 'luis@gmail.com', password: 'pw-luis', key: ACCOUNT.key };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The INT error body, exactly: nothing else in it. */
function expectErrorBody(json: any, status: string, code: string, location: string, parameter: string): void {
  expect(Object.keys(json)).toEqual(['version', 'status', 'processId', 'timestamp', 'errors']);
  expect(json).toEqual({
    version: '1.0.0', status, processId: expect.stringMatching(UUID), timestamp: expect.any(Number),
    errors: [{ code, message: expect.any(String), details: expect.any(String), location, parameter }],
  });
}

describe('Cargamos sandbox: login, tokens, password recovery', () => {
  let sandbox: CargamosSandbox;
  let url: string;
  const loginAs = (key: string, authorization?: string, body?: unknown) =>
    send(url, 'GET', `/v1/login?key=${encodeURIComponent(key)}`, { headers: authorization ? { authorization } : {}, body });
  const track = (token: string) => send(url, 'GET', '/v1/shipment-tracking/CH00000000044', { headers: bearer(token) });

  beforeEach(async () => {
    sandbox = createCargamosSandbox({ seed: 4, accounts: [ACCOUNT, COLLEAGUE, SECOND] });
    url = await sandbox.listen(0);
  });
  afterEach(() => sandbox.close());

  it('answers the documented envelope for the docs\' own Basic header, with the docs\' -d \'{}\' body on the GET', async () => {
    const res = await loginAs(ACCOUNT.key, 'Basic am9obi5kb2VAZ21haWwuY29tOnNoaXBwZXI=', {});
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['version', 'status', 'timestamp', 'data']);
    expect(res.json).toEqual({ version: '1.0.0', status: 'OK', timestamp: sandbox.now(), data: { token: expect.any(String), expiresIn: '3600' } });
    expect(Object.keys(res.json.data)).toEqual(['token', 'expiresIn']);
    expect(sandbox.logins()).toBe(1);
  });

  it('gives users of the same shipper (same key) their own tokens; the key and the e-mail case do not matter to Basic', async () => {
    const a = await login(url, COLLEAGUE);
    const b = await login(url, { ...ACCOUNT, username: ACCOUNT.username.toUpperCase() });
    expect(a).not.toBe(b);
    expect(sandbox.logins()).toBe(2);
  });

  it.each([
    ['wrong password', () => basicHeader(ACCOUNT.username, 'nope'), ACCOUNT.key],
    ['unknown user', () => basicHeader('who@example.com', ACCOUNT.password), ACCOUNT.key],
    ['a user of another shipper', () => basicHeader(SECOND.username, SECOND.password), ACCOUNT.key],
    ['no Authorization', () => undefined, ACCOUNT.key],
    ['a Bearer instead of Basic', () => 'Bearer abc', ACCOUNT.key],
    ['Basic without a colon', () => `Basic ${Buffer.from('nocolon').toString('base64')}`, ACCOUNT.key],
  ])('refuses %s with 401 UNAUTHORIZED on the Authorization header', async (_label, header, key) => {
    const res = await loginAs(key, header());
    expect(res.status).toBe(401);
    expectErrorBody(res.json, 'UNAUTHORIZED', 'UNAUTHORIZED', 'request.headers', 'Authorization');
    expect(sandbox.logins()).toBe(0);
  });

  it('checks the key: unknown → 401 on request.query key; missing → 400 MISSING_PARAMETER', async () => {
    const unknown = await loginAs('cgm_nope', basicHeader(ACCOUNT.username, ACCOUNT.password));
    expect(unknown.status).toBe(401);
    expectErrorBody(unknown.json, 'UNAUTHORIZED', 'UNAUTHORIZED', 'request.query', 'key');
    const missing = await send(url, 'GET', '/v1/login', { headers: { authorization: basicHeader(ACCOUNT.username, ACCOUNT.password) } });
    expect(missing.status).toBe(400);
    expectErrorBody(missing.json, 'BAD_REQUEST', 'MISSING_PARAMETER', 'request.query', 'key');
  });

  it('expires tokens on the sandbox clock: valid until TTL, then 401 TOKEN_EXPIRED; a new login works', async () => {
    const token = await login(url);
    await sandbox.advance(3600_000 - 1);
    expect((await track(token)).status).toBe(404); // still valid: the shipment is simply unknown
    await sandbox.advance(1);
    const expired = await track(token);
    expect(expired.status).toBe(401);
    expectErrorBody(expired.json, 'UNAUTHORIZED', 'TOKEN_EXPIRED', 'request.headers', 'Authorization');
    expect((await track(await login(url))).status).toBe(404);
    expect(sandbox.logins()).toBe(2);
  });

  it('honours tokenTtlSeconds in expiresIn and on the clock', async () => {
    const short = createCargamosSandbox({ tokenTtlSeconds: 60 });
    const shortUrl = await short.listen(0);
    try {
      const res = await send(shortUrl, 'GET', `/v1/login?key=${ACCOUNT.key}`, { headers: { authorization: basicHeader(ACCOUNT.username, ACCOUNT.password) } });
      expect(res.json.data.expiresIn).toBe('60');
      await short.advance(60_000);
      expect((await send(shortUrl, 'GET', '/v1/shipment-tracking/X', { headers: bearer(res.json.data.token) })).json.errors[0].code).toBe('TOKEN_EXPIRED');
    } finally {
      await short.close();
    }
  });

  it('expireTokens() expires every token now; /_sandbox/tokens/expire does the same; logins are counted', async () => {
    const t1 = await login(url);
    const t2 = await login(url, SECOND);
    expect(sandbox.expireTokens()).toBe(2);
    for (const t of [t1, t2]) expect((await track(t)).json.errors[0].code).toBe('TOKEN_EXPIRED');
    const t3 = await login(url);
    expect((await send(url, 'POST', '/_sandbox/tokens/expire')).json).toEqual({ expired: 1 });
    expect((await track(t3)).status).toBe(401);
    expect(sandbox.logins()).toBe(3);
    await loginAs(ACCOUNT.key, basicHeader(ACCOUNT.username, 'bad'));
    expect((await send(url, 'GET', '/_sandbox/logins')).json).toEqual({ successful: 3, failed: 1 });
  });

  it('one login serves many calls (nothing counts but /v1/login)', async () => {
    const token = await login(url);
    for (let i = 0; i < 20; i++) {
      const res = await send(url, 'POST', '/v1/shipments', { headers: bearer(token), body: sampleOrder(sandbox.now(), { shipperTrackingId: `MANY-${i}` }) });
      expect(res.status).toBe(200);
    }
    expect(sandbox.logins()).toBe(1);
  });

  it.each([
    ['no header', {}, 'UNAUTHORIZED'],
    ['an unknown token', bearer('cgm_tok_unknown'), 'UNAUTHORIZED'],
    ['a Basic header', { authorization: basicHeader(ACCOUNT.username, ACCOUNT.password) }, 'UNAUTHORIZED'],
  ])('refuses API calls with %s: 401 on request.headers Authorization', async (_label, headers, code) => {
    const res = await send(url, 'POST', '/v1/shipments', { headers, body: sampleOrder(sandbox.now()) });
    expect(res.status).toBe(401);
    expectErrorBody(res.json, 'UNAUTHORIZED', code, 'request.headers', 'Authorization');
  });

  it('tokens belong to their shipper: another shipper cannot track the shipment', async () => {
    const mine = await login(url);
    const created = await send(url, 'POST', '/v1/shipments', { headers: bearer(mine), body: sampleOrder(sandbox.now(), { shipperTrackingId: 'OWN-1' }) });
    expect(created.status).toBe(200);
    expect((await send(url, 'GET', '/v1/shipment-tracking/OWN-1', { headers: bearer(await login(url, COLLEAGUE)) })).status).toBe(200);
    expect((await send(url, 'GET', '/v1/shipment-tracking/OWN-1', { headers: bearer(await login(url, SECOND)) })).status).toBe(404);
  });

  describe('password recovery (POST /v1/password/recovery?key=)', () => {
    it('answers 200 and records the request, for a known or unknown e-mail alike', async () => {
      for (const email of [ACCOUNT.username, 'stranger@example.com']) {
        const res = await send(url, 'POST', `/v1/password/recovery?key=${ACCOUNT.key}`, { body: { email } });
        expect(res.status).toBe(200);
        expect(res.json).toEqual({ version: '1.0.0', status: 'OK', timestamp: sandbox.now(), data: { message: expect.any(String) } });
      }
      const log = await send(url, 'GET', '/_sandbox/password-recoveries');
      expect(log.json.data.map((r: any) => r.email)).toEqual([ACCOUNT.username, 'stranger@example.com']);
    });

    it('refuses a missing key (400), an unknown key (401), a missing or bad e-mail (400)', async () => {
      const noKey = await send(url, 'POST', '/v1/password/recovery', { body: { email: ACCOUNT.username } });
      expectErrorBody(noKey.json, 'BAD_REQUEST', 'MISSING_PARAMETER', 'request.query', 'key');
      const badKey = await send(url, 'POST', '/v1/password/recovery?key=nope', { body: { email: ACCOUNT.username } });
      expect(badKey.status).toBe(401);
      const noEmail = await send(url, 'POST', `/v1/password/recovery?key=${ACCOUNT.key}`, { body: {} });
      expectErrorBody(noEmail.json, 'BAD_REQUEST', 'MISSING_PARAMETER', 'request.body', 'email');
      const badEmail = await send(url, 'POST', `/v1/password/recovery?key=${ACCOUNT.key}`, { body: { email: 'not-an-email' } });
      expectErrorBody(badEmail.json, 'BAD_REQUEST', 'INVALID_PARAMETER', 'request.body', 'email');
    });
  });

  it('errorRate answers 500 in the documented body, login included; no token is issued then', async () => {
    sandbox.setFaults({ errorRate: 1 });
    const res = await loginAs(ACCOUNT.key, basicHeader(ACCOUNT.username, ACCOUNT.password));
    expect(res.status).toBe(500);
    expectErrorBody(res.json, 'INTERNAL_SERVER_ERROR', 'INTERNAL_ERROR', 'request.path', 'path');
    expect(sandbox.logins()).toBe(0);
    sandbox.setFaults({ errorRate: 0 });
    expect(typeof (await login(url))).toBe('string');
  });

  it('unknown routes answer 404 NOT_FOUND in the error body; there is no list endpoint', async () => {
    const token = await login(url);
    const res = await send(url, 'GET', '/v1/shipments', { headers: bearer(token) });
    expect(res.status).toBe(404);
    expectErrorBody(res.json, 'NOT_FOUND', 'NOT_FOUND', 'request.path', 'path');
  });
});
