import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { ProviderError } from '../provider-error.js';
import {
  inOrder,
  refusedBaseUrl,
  startScriptedServer,
  type ScriptedReply,
  type ScriptedServer,
} from '../testing/scripted-http-server.js';
import { ProviderHttpClient, type ProviderHttpClientOptions } from './provider-http-client.js';

const ok: ScriptedReply = { status: 200, body: { data: [], requestId: 'req_ok' } };
const serverError: ScriptedReply = { status: 500, body: { error: { code: 'internal_error', message: 'boom' }, requestId: 'req_500' } };

describe('ProviderHttpClient (against a real local server)', () => {
  let server: ScriptedServer | undefined;
  let sleeps: number[];
  let retries: { attempt: number; delayMs: number; kind: string }[];

  beforeEach(() => {
    sleeps = [];
    retries = [];
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function clientFor(script: Parameters<typeof startScriptedServer>[0], options: Partial<ProviderHttpClientOptions> = {}) {
    server = await startScriptedServer(script, '/api/v1');
    return new ProviderHttpClient({
      provider: 'testprov',
      baseUrl: server.baseUrl,
      headers: () => ({ authorization: 'Bearer tp_secret_0123456789' }),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      onRetry: ({ attempt, delayMs, error }) => retries.push({ attempt, delayMs, kind: error.kind }),
      ...options,
    });
  }

  async function failure(promise: Promise<unknown>): Promise<ProviderError> {
    const error = await promise.then(
      () => {
        throw new Error('expected the request to fail');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }

  it('sends auth headers, query and path joined to a base URL that has a path, and returns parsed JSON', async () => {
    const client = await clientFor(inOrder(ok));
    const res = await client.request<{ requestId: string }>({
      method: 'GET',
      path: '/loads',
      query: { limit: 100, cursor: undefined, eligibleOnly: true },
    });
    expect(res).toEqual({
      status: 200,
      data: { data: [], requestId: 'req_ok' },
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      attempts: 1,
    });
    expect(server!.requests).toHaveLength(1);
    expect(server!.requests[0].url).toBe('/api/v1/loads?limit=100&eligibleOnly=true');
    expect(server!.requests[0].headers.authorization).toBe('Bearer tp_secret_0123456789');
    expect(server!.requests[0].headers.accept).toBe('application/json');
  });

  it('asks for auth headers on every attempt and lets request headers add to them', async () => {
    let calls = 0;
    const client = await clientFor(inOrder(serverError, ok), {
      headers: async () => ({ authorization: `Bearer token_number_${++calls}` }),
    });
    await client.request({ method: 'PUT', path: '/loads/1', body: { a: 1 }, headers: { 'idempotency-key': 'k1' } });
    expect(server!.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token_number_1', 'Bearer token_number_2']);
    expect(server!.requests[1].headers['idempotency-key']).toBe('k1');
    expect(JSON.parse(server!.requests[1].body)).toEqual({ a: 1 });
  });

  it('503 with Retry-After: 1 then 200: succeeds on the 2nd attempt after waiting the asked 1000 ms', async () => {
    const client = await clientFor(inOrder({ status: 503, headers: { 'retry-after': '1' } }, ok));
    const res = await client.request({ method: 'GET', path: '/loads' });
    expect(res.attempts).toBe(2);
    expect(server!.requests).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
    expect(retries).toEqual([{ attempt: 1, delayMs: 1000, kind: 'transient' }]);
  });

  it('honours Retry-After given as an HTTP-date', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const client = await clientFor(inOrder({ status: 429, headers: { 'retry-after': at } }, ok));
    await client.request({ method: 'GET', path: '/loads' });
    expect(sleeps).toHaveLength(1);
    // HTTP-dates have whole seconds, so up to one second is lost to rounding (and a little to the clock).
    expect(sleeps[0]).toBeGreaterThan(28_000);
    expect(sleeps[0]).toBeLessThanOrEqual(30_000);
  });

  it('400: one attempt, invalid_request, the provider body kept whole, its code and requestId copied', async () => {
    const body = { error: { code: 'bad_request', message: 'stops[0].postalCode is required' }, requestId: 'req_400' };
    const client = await clientFor(inOrder({ status: 400, body }));
    const error = await failure(client.request({ method: 'GET', path: '/loads' }));
    expect(server!.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(error.kind).toBe('invalid_request');
    expect(error.retryable).toBe(false);
    expect(error.details).toEqual(body);
    expect(error.code).toBe('bad_request');
    expect(error.requestId).toBe('req_400');
    expect(error.status).toBe(400);
    expect(error.provider).toBe('testprov');
    expect(error.message).toBe('testprov: GET /loads answered HTTP 400: stops[0].postalCode is required');
  });

  it('takes requestId from the x-request-id header when the body has none, and code from a top-level `code`', async () => {
    const client = await clientFor(inOrder({ status: 422, headers: { 'x-request-id': 'hdr_1' }, body: { code: 'E42' } }));
    const error = await failure(client.request({ method: 'GET', path: '/x' }));
    expect(error.requestId).toBe('hdr_1');
    expect(error.code).toBe('E42');
  });

  it('keeps a non-JSON error body as text', async () => {
    const client = await clientFor(inOrder({ status: 409, body: '<html>conflict</html>' }));
    const error = await failure(client.request({ method: 'GET', path: '/x' }));
    expect(error.kind).toBe('invalid_request');
    expect(error.details).toBe('<html>conflict</html>');
  });

  it('429 without Retry-After: backs off with full jitter, then succeeds', async () => {
    const client = await clientFor(inOrder({ status: 429, body: { error: { code: 'rate_limited' } } }, ok), {
      baseDelayMs: 400,
    });
    const res = await client.request({ method: 'GET', path: '/loads' });
    expect(res.attempts).toBe(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(0);
    expect(sleeps[0]).toBeLessThan(400);
    expect(retries[0].kind).toBe('rate_limited');
  });

  it('500 every time: gives up with transient after maxRetries + 1 attempts, backoff ceilings doubling', async () => {
    const client = await clientFor(inOrder(serverError), { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 350 });
    const error = await failure(client.request({ method: 'GET', path: '/loads' }));
    expect(server!.requests).toHaveLength(4);
    expect(error.kind).toBe('transient');
    expect(error.status).toBe(500);
    expect(error.code).toBe('internal_error');
    expect(error.requestId).toBe('req_500');
    expect(retries.map((r) => r.attempt)).toEqual([1, 2, 3]);
    const ceilings = [100, 200, 350];
    sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(ceilings[i]);
    });
  });

  it('uses the default of 3 retries (4 attempts)', async () => {
    const client = await clientFor(inOrder(serverError));
    await failure(client.request({ method: 'DELETE', path: '/hooks/1' }));
    expect(server!.requests).toHaveLength(4);
  });

  it('a timeout is transient and retried', async () => {
    const client = await clientFor(inOrder({ hang: true }), { timeoutMs: 100, maxRetries: 1 });
    const error = await failure(client.request({ method: 'GET', path: '/slow' }));
    expect(error.kind).toBe('transient');
    expect(error.message).toBe('testprov: GET /slow timed out after 100 ms');
    expect(server!.requests).toHaveLength(2);
  });

  it('a connection reset is transient', async () => {
    const client = await clientFor(inOrder({ reset: true }, ok));
    const res = await client.request({ method: 'GET', path: '/x' });
    expect(res.attempts).toBe(2);
    expect(retries[0].kind).toBe('transient');
  });

  it('a refused connection is transient, and the credentials are not in the error or its cause', async () => {
    const client = new ProviderHttpClient({
      provider: 'testprov',
      baseUrl: await refusedBaseUrl(),
      maxRetries: 0,
      headers: () => ({ authorization: 'Bearer tp_secret_0123456789' }),
    });
    const error = await failure(client.request({ method: 'GET', path: '/x' }));
    expect(error.kind).toBe('transient');
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify({ ...error, message: error.message, cause: String(error.cause) })).not.toMatch(/tp_secret/);
    expect((error.cause as { config?: unknown }).config).toBeUndefined();
  });

  it('non-idempotent POST on 500: not retried', async () => {
    const client = await clientFor(inOrder(serverError, ok));
    const error = await failure(client.request({ method: 'POST', path: '/loads', body: { ref: 'A' } }));
    expect(error.kind).toBe('transient');
    expect(server!.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('PATCH is not retried unless marked idempotent', async () => {
    const client = await clientFor(inOrder({ hang: true }), { timeoutMs: 100 });
    await failure(client.request({ method: 'PATCH', path: '/loads/1', body: {} }));
    expect(server!.requests).toHaveLength(1);
  });

  it('idempotent POST on 500: retried, and the same body and key sent again', async () => {
    const client = await clientFor(inOrder(serverError, ok));
    const res = await client.request({
      method: 'POST',
      path: '/loads',
      body: { ref: 'A' },
      headers: { 'Idempotency-Key': 'idem-1' },
      idempotent: true,
    });
    expect(res.attempts).toBe(2);
    expect(server!.requests.map((r) => [r.body, r.headers['idempotency-key']])).toEqual([
      ['{"ref":"A"}', 'idem-1'],
      ['{"ref":"A"}', 'idem-1'],
    ]);
  });

  it('malformed JSON on 200: bad_payload with the raw text kept, not retried', async () => {
    const client = await clientFor(
      inOrder({ status: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'r9' }, body: '{"data": [' }),
    );
    const error = await failure(client.request({ method: 'GET', path: '/loads' }));
    expect(error.kind).toBe('bad_payload');
    expect(error.details).toBe('{"data": [');
    expect(error.status).toBe(200);
    expect(error.requestId).toBe('r9');
    expect(server!.requests).toHaveLength(1);
  });

  it('an empty 2xx body is no data, not a bad payload', async () => {
    const client = await clientFor(inOrder({ status: 204 }));
    const res = await client.request({ method: 'DELETE', path: '/hooks/1' });
    expect(res.status).toBe(204);
    expect(res.data).toBeUndefined();
  });

  it('returns text and bytes untouched when asked', async () => {
    const client = await clientFor(inOrder({ status: 200, headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.7 {not json' }));
    const text = await client.request<string>({ method: 'GET', path: '/doc', responseType: 'text' });
    expect(text.data).toBe('%PDF-1.7 {not json');
    const bytes = await client.request<Buffer>({ method: 'GET', path: '/doc', responseType: 'arraybuffer' });
    expect(Buffer.isBuffer(bytes.data)).toBe(true);
    expect(bytes.data.toString('utf8')).toBe('%PDF-1.7 {not json');
  });

  it('Retry-After above maxRetryAfterMs: thrown at once with retryAfterMs, so the job can be rescheduled', async () => {
    const client = await clientFor(inOrder({ status: 429, headers: { 'retry-after': '120' } }, ok), { maxRetryAfterMs: 60_000 });
    const error = await failure(client.request({ method: 'GET', path: '/loads' }));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(120_000);
    expect(server!.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('Retry-After on a 500 is not a provider delay (only 429 and 503 carry one)', async () => {
    const client = await clientFor(inOrder({ status: 500, headers: { 'retry-after': '120' } }, ok));
    await client.request({ method: 'GET', path: '/loads' });
    expect(sleeps[0]).toBeLessThan(250);
  });

  it('never retries auth or not_found', async () => {
    const client = await clientFor((req) => (req.url.endsWith('/a') ? { status: 401 } : { status: 404 }));
    expect((await failure(client.request({ method: 'GET', path: '/a' }))).kind).toBe('auth');
    expect((await failure(client.request({ method: 'GET', path: '/b' }))).kind).toBe('not_found');
    expect(server!.requests).toHaveLength(2);
  });

  it('keeps header values out of messages and details even when the provider echoes them', async () => {
    const client = await clientFor(
      inOrder({ status: 401, body: { error: { code: 'unauthorized', message: 'key tp_secret_0123456789 revoked' } } }),
    );
    const error = await failure(client.request({ method: 'GET', path: '/x' }));
    expect(error.message).toBe('testprov: GET /x answered HTTP 401: key [redacted] revoked');
    expect(JSON.stringify(error.details)).not.toMatch(/tp_secret/);
  });

  it('keeps the query string out of messages', async () => {
    const client = await clientFor(inOrder({ status: 403 }));
    const error = await failure(client.request({ method: 'GET', path: '/submissions', query: { api_key: 'cpl_abc_def' } }));
    expect(error.message).toBe('testprov: GET /submissions answered HTTP 403');
    expect(server!.requests[0].url).toBe('/api/v1/submissions?api_key=cpl_abc_def');
  });

  it('lets toError sort an answer and falls back to the default mapping when it returns undefined', async () => {
    const client = await clientFor(
      (req) => (req.url.includes('cursor=stale') ? { status: 400, body: { code: 'cursor_expired' } } : { status: 400, body: { code: 'other' } }),
      {
        toError: ({ data, status }) =>
          (data as { code?: string }).code === 'cursor_expired'
            ? new ProviderError('cursor_invalid', 'cursor expired', { provider: 'testprov', status })
            : undefined,
      },
    );
    expect((await failure(client.request({ method: 'GET', path: '/l', query: { cursor: 'stale' } }))).kind).toBe('cursor_invalid');
    expect((await failure(client.request({ method: 'GET', path: '/l', query: { cursor: 'fresh' } }))).kind).toBe('invalid_request');
  });

  it('works on an injected HttpService (as Nest would provide it)', async () => {
    server = await startScriptedServer(inOrder(ok));
    const client = new ProviderHttpClient({ provider: 'testprov', baseUrl: server.baseUrl }, new HttpService(axios.create()));
    expect((await client.request({ method: 'GET', path: '/' })).status).toBe(200);
  });

  it('refuses a baseUrl that is not an absolute URL, naming the provider', () => {
    expect(() => new ProviderHttpClient({ provider: 'testprov', baseUrl: 'api.example.com' })).toThrow(
      /ProviderHttpClient\(testprov\): baseUrl/,
    );
  });
});
