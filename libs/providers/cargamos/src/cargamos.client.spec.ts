import { readFileSync } from 'node:fs';
import { ProviderError, type Connection, type ErrorAnswer } from '@waybill/provider-kit';
import { createCargamosSandbox, DEFAULT_CARGAMOS_ACCOUNT, type CargamosSandbox } from '@waybill/sandbox';
import { startScriptedServer, type ScriptedServer } from '../../../provider-kit/src/testing/scripted-http-server.js';
import { CargamosClient, cargamosErrorFromAnswer, clearCargamosTokenCache, tokenCacheKey } from './cargamos.client.js';
import { canonicalFieldOf, type OrderContext } from './cargamos.mapper.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/cargamos/${name}`, import.meta.url), 'utf8')) as T;

const ctx: OrderContext = { delivery: 1, dropoff: 0, addressForm: 'components', weightField: 'cargo.weightKg', descriptionField: 'cargo.description', trackingIdFrom: 'reference' };
const fieldOf = (f: string | null) => canonicalFieldOf(f, ctx);
const answer = (status: number, data: unknown): ErrorAnswer => ({ status, data, headers: {}, request: { method: 'POST', path: '/v1/shipments' } });

describe('cargamosErrorFromAnswer (README "Envelopes and errors")', () => {
  it.each([
    ['error.invalid-country.docs.json', 400, 'INVALID_PARAMETER', 'recipientLocation->country', 'stops[1].address.countryCode', "Value is not a valid enumeration member; permitted: 'mx', 'co', 'us', 'br'."],
    ['error.already-exists.docs.json', 409, 'ALREADY_EXISTS', 'shipperTrackingId', 'reference', 'The shipment you are trying to create, already exists. Integration lot id: 1. Time: 2023-07-18 21:11:29.332000'],
    ['error.coverage.docs.json', 409, 'COVERAGE_FAILURE', 'recipientLocation.postalCode', 'stops[1].address.postalCode', 'There is no coverage for the given postalCode: 033002'],
  ])('%s → invalid_request with the canonical field, code and message kept whole', (name, status, code, providerField, field, message) => {
    const body = fixture<{ processId: string }>(name);
    const e = cargamosErrorFromAnswer(answer(status, body), fieldOf);
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ kind: 'invalid_request', status, code, requestId: body.processId, provider: 'cargamos' });
    expect(e.details).toStrictEqual([{ field, providerField, code, message }]);
    expect(e.message).toContain(message);
  });

  it('lists every schema failure (both notations), MISSING_PARAMETER and SERVICE_LEVEL_FAILURE included', () => {
    const e = cargamosErrorFromAnswer(
      answer(400, {
        version: '1.0.0',
        status: 'BAD_REQUEST',
        processId: 'p',
        timestamp: 1,
        errors: [
          { code: 'MISSING_PARAMETER', message: 'A required parameter is missing.', details: 'field required', location: 'request.body', parameter: 'recipientInformation->phone' },
          { code: 'INVALID_PARAMETER', message: 'x', details: 'value is not a valid float', location: 'request.body', parameter: 'package->weight' },
          { code: 'SERVICE_LEVEL_FAILURE', message: 'y', details: 'too soon', location: 'request.body', parameter: 'expectedDeliveryDate' },
        ],
      }),
      fieldOf,
    );
    expect(e.kind).toBe('invalid_request');
    expect(e.details).toStrictEqual([
      { field: 'stops[1].contact.phone', providerField: 'recipientInformation->phone', code: 'MISSING_PARAMETER', message: 'field required' },
      { field: 'cargo.weightKg', providerField: 'package->weight', code: 'INVALID_PARAMETER', message: 'value is not a valid float' },
      { field: 'stops[1].window.end', providerField: 'expectedDeliveryDate', code: 'SERVICE_LEVEL_FAILURE', message: 'too soon' },
    ]);
  });

  it.each([
    [401, 'UNAUTHORIZED', 'auth'],
    [401, 'TOKEN_EXPIRED', 'auth'],
    [404, 'NOT_FOUND', 'not_found'],
    [500, 'INTERNAL_ERROR', 'transient'],
    [503, undefined, 'transient'],
    [429, undefined, 'rate_limited'],
  ])('HTTP %s %s → %s', (status, code, kind) => {
    const data = code ? { status: 'X', processId: 'p', errors: [{ code, message: 'm', details: 'd', location: 'request.path', parameter: 'path' }] } : 'oops';
    expect(cargamosErrorFromAnswer(answer(status, data))).toMatchObject({ kind, status });
  });

  it('keeps a body that is not the envelope as one detail', () => {
    expect(cargamosErrorFromAnswer(answer(400, 'bad')).details).toStrictEqual([{ field: null, providerField: null, code: null, message: 'bad' }]);
  });
});

describe('CargamosClient token cache (against the sandbox)', () => {
  let sandbox: CargamosSandbox;
  let baseUrl: string;
  const conn = (over: Partial<Connection> = {}): Connection => ({
    id: 'cargamos-default',
    provider: 'cargamos',
    baseUrl,
    credentials: { ...DEFAULT_CARGAMOS_ACCOUNT },
    webhookSecrets: [],
    settings: {},
    ...over,
  });

  beforeAll(async () => {
    sandbox = createCargamosSandbox({ seed: 3 });
    baseUrl = await sandbox.listen();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.reset();
    clearCargamosTokenCache();
  });

  it('100 concurrent calls through 100 clients of one connection share one login', async () => {
    const calls = Array.from({ length: 100 }, () => new CargamosClient(conn()).trackingMany(['CH00000000000']));
    expect(await Promise.all(calls)).toStrictEqual(Array.from({ length: 100 }, () => []));
    expect(sandbox.logins()).toBe(1);
    await new CargamosClient(conn()).trackingMany(['CH00000000000']);
    expect(sandbox.logins()).toBe(1);
  });

  it('a token expired early (401 TOKEN_EXPIRED) costs one re-login for all concurrent calls, each repeated once', async () => {
    await new CargamosClient(conn()).trackingMany(['A']);
    expect(sandbox.expireTokens()).toBe(1);
    const calls = Array.from({ length: 30 }, () => new CargamosClient(conn()).trackingMany(['A']));
    await Promise.all(calls);
    expect(sandbox.logins()).toBe(2);
  });

  it('renews the token once its expiresIn (minus the 60 s margin) has passed, without waiting for a 401', async () => {
    let now = 1_000_000;
    const client = () => new CargamosClient(conn(), { now: () => now });
    await client().trackingMany(['A']);
    now += 3_539_000;
    await client().trackingMany(['A']);
    expect(sandbox.logins()).toBe(1);
    now += 1_000;
    await Promise.all([client().trackingMany(['A']), client().trackingMany(['A'])]);
    expect(sandbox.logins()).toBe(2);
  });

  it('keeps one slot per connection id and credentials', async () => {
    await new CargamosClient(conn()).trackingMany(['A']);
    await new CargamosClient(conn({ id: 'cargamos-other' })).trackingMany(['A']);
    expect(sandbox.logins()).toBe(2);
    expect(tokenCacheKey(conn())).not.toBe(tokenCacheKey(conn({ credentials: { ...DEFAULT_CARGAMOS_ACCOUNT, password: 'rotated' } })));
    expect(tokenCacheKey(conn())).not.toContain(DEFAULT_CARGAMOS_ACCOUNT.password);
  });

  it.each([
    ['password', { password: 'wrong-password-123' }],
    ['username', { username: 'nobody@example.com' }],
    ['key', { key: 'cgm_unknown_key_999' }],
  ])('wrong %s → an auth error naming no secret; no login is cached', async (_what, over) => {
    const credentials = { ...DEFAULT_CARGAMOS_ACCOUNT, ...over };
    const err = await new CargamosClient(conn({ credentials })).trackingMany(['A']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ kind: 'auth', status: 401 });
    const shown = `${(err as Error).message} ${JSON.stringify((err as ProviderError).details)} ${String((err as Error).stack)}`;
    for (const secret of Object.values(credentials)) expect(shown).not.toContain(secret);
    expect(shown).not.toContain(Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64'));
    expect(sandbox.logins()).toBe(0);
  });

  it('refuses a connection without credentials', () => {
    expect(() => new CargamosClient(conn({ credentials: { username: 'a' } }))).toThrow(/credentials.password, credentials.key/);
  });
});

describe('CargamosClient: a 401 after a fresh login is auth (scripted server)', () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer((req) =>
      req.url.startsWith('/v1/login')
        ? { status: 200, body: { version: '1.0.0', status: 'OK', timestamp: 1, data: { token: `tok-${Math.random()}`, expiresIn: '3600' } } }
        : { status: 401, body: { version: '1.0.0', status: 'UNAUTHORIZED', processId: 'p', timestamp: 1, errors: [{ code: 'UNAUTHORIZED', message: 'no', details: 'Invalid access token.', location: 'request.headers', parameter: 'Authorization' }] } },
    );
  });
  afterAll(() => server.close());

  it('logs in twice, repeats the call once, then throws auth without the token', async () => {
    clearCargamosTokenCache();
    const conn: Connection = { id: 'c', provider: 'cargamos', baseUrl: server.baseUrl, credentials: { username: 'u@x.io', password: 'pw-secret', key: 'k-secret' }, webhookSecrets: [], settings: {} };
    const err = (await new CargamosClient(conn).tracking('CH1').catch((e: unknown) => e)) as ProviderError;
    expect(err).toMatchObject({ kind: 'auth', status: 401, code: 'UNAUTHORIZED' });
    expect(server.requests.map((r) => r.url.split('?')[0])).toStrictEqual(['/v1/login', '/v1/shipment-tracking/CH1', '/v1/login', '/v1/shipment-tracking/CH1']);
    expect(server.requests[0].url).toBe('/v1/login?key=k-secret');
    expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('u@x.io:pw-secret').toString('base64')}`);
    expect(err.message).not.toMatch(/tok-|pw-secret|k-secret/);
    expect(JSON.stringify(err.details)).not.toMatch(/tok-|pw-secret|k-secret/);
  });
});
