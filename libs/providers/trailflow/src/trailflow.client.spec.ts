import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProviderError, type ErrorAnswer, type HttpRequest } from '@waybill/provider-kit';
import { TrailflowClient, trailflowErrorFromAnswer } from './trailflow.client.js';

// Against a real node:http server on port 0 that answers with the docs' examples (test/fixtures/trailflow).

function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../../../test/fixtures/trailflow/${name}`, import.meta.url), 'utf8'));
}

interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
}
interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const API_KEY = 'tf_test_key_123';

let server: Server;
let baseUrl: string;
let seen: Seen[];
let answer: (req: Seen, index: number) => Reply;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const text = Buffer.concat(chunks).toString('utf8');
      const request: Seen = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: text === '' ? undefined : JSON.parse(text),
      };
      seen.push(request);
      const reply = answer(request, seen.length - 1);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen = [];
  answer = () => ({ status: 500, body: { error: { code: 'internal_error', message: 'no answer scripted' } } });
});

const noWait = async () => {};

function client(maxRetries = 0): TrailflowClient {
  return new TrailflowClient({ baseUrl, credentials: { apiKey: API_KEY } }, { maxRetries, sleep: noWait });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ProviderError) return e;
    throw e;
  }
  throw new Error('expected a ProviderError');
}

describe('TrailflowClient reads', () => {
  it('lists loads with the documented query, Bearer auth, and hands back the items as received', async () => {
    const body = fixture('list-loads.response.json');
    answer = () => ({ status: 200, body });

    const page = await client().listLoads({
      updatedAfter: 1710806400000,
      cursor: null,
      limit: 100,
      include: ['tracking', 'customer', 'carrier', 'stops'],
      statuses: ['ASSIGNED', 'IN_TRANSIT'],
      eligibleOnly: true,
    });

    expect(seen).toHaveLength(1);
    expect(seen[0].method).toBe('GET');
    expect(seen[0].path).toBe('/v1/loads');
    // The docs' own "Example Sync Request" query; no cursor sent when there is none.
    expect(seen[0].query).toStrictEqual({
      eligibleOnly: 'true',
      updatedAfter: '1710806400000',
      statuses: 'ASSIGNED,IN_TRANSIT',
      include: 'tracking,customer,carrier,stops',
      limit: '100',
    });
    expect(seen[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(seen[0].headers['idempotency-key']).toBeUndefined();
    expect(page).toStrictEqual({
      data: fixture('list-loads.response.json').data,
      nextCursor: 'eyJ1cGRhdGVkQXQiOjE3MTA4MDgyMDAwMDAsImV4Y2x1ZGVkSWRzIjpbImxvYWRfMTIzIl19',
      requestId: 'req_123',
    });
  });

  it('passes the cursor on and leaves out updatedAfter when it is null', async () => {
    answer = () => ({ status: 200, body: { data: [], nextCursor: null, requestId: 'req_1' } });

    const page = await client().listLoads({ updatedAfter: null, cursor: 'abc' });

    expect(seen[0].query).toStrictEqual({ cursor: 'abc' });
    expect(page.nextCursor).toBeNull();
  });

  it('refuses a list answer that is not the documented envelope', async () => {
    answer = () => ({ status: 200, body: { data: { id: 'load_123' }, requestId: 'req_1' } });

    const error = await failure(client().listLoads());

    expect(error.kind).toBe('bad_payload');
    expect(error.details).toStrictEqual([expect.objectContaining({ field: 'data' })]);
  });

  it('gets one load by externalId (escaped in the path) and returns it as received', async () => {
    answer = () => ({ status: 200, body: fixture('get-load.response.json') });

    const got = await client().getLoad('tt/456');

    expect(seen[0].path).toBe('/v1/loads/tt%2F456');
    expect(got).toStrictEqual({ data: fixture('get-load.response.json').data, requestId: 'req_124' });
  });

  it('gets tracking state (EX "Get Tracking Response")', async () => {
    answer = () => ({ status: 200, body: fixture('get-tracking-ineligible.response.json') });

    const tracking = await client().getTracking('load_123');

    expect(seen[0].path).toBe('/v1/tracking/load_123');
    expect({ ...tracking }).toStrictEqual({
      loadId: 'load_123',
      externalId: 'tt_456',
      status: 'DRAFT',
      eligibleForTracking: false,
      eligibilityReason: 'load_status_not_trackable',
      routeCount: 2,
      lastKnownLocation: null,
    });
  });

  it.each([
    ['listCustomers', '/v1/customers', 'list-customers.response.json', 'customerName', 'Acme Foods'],
    ['listCarriers', '/v1/carriers', 'list-carriers.response.json', 'company', 'Reliable Freight LLC'],
  ] as const)('%s pages with cursor and limit; an absent nextCursor is the last page', async (method, path, file, field, value) => {
    answer = () => ({ status: 200, body: fixture(file) });

    const page = await client()[method]({ cursor: 'c1', limit: 10 });

    expect(seen[0].path).toBe(path);
    expect(seen[0].query).toStrictEqual({ cursor: 'c1', limit: '10' });
    expect(page.data).toHaveLength(1);
    expect((page.data[0] as unknown as Record<string, unknown>)[field]).toBe(value);
    expect(page.nextCursor).toBeNull();
  });

  it('lists webhooks and deletes one', async () => {
    answer = (req) =>
      req.method === 'DELETE'
        ? { status: 200, body: fixture('delete-webhook.response.json') }
        : { status: 200, body: fixture('list-webhooks.response.json') };

    const list = await client().listWebhooks();
    const deleted = await client().deleteWebhook('whsub_123');

    expect(list.data.map((w) => [w.id, w.eventTypes, w.status])).toStrictEqual([
      ['whsub_123', ['load.created', 'load.status_changed'], 'active'],
    ]);
    expect(seen[1]).toMatchObject({ method: 'DELETE', path: '/v1/webhooks/whsub_123' });
    expect(deleted.deleted).toBe(true);
  });
});

describe('TrailflowClient writes', () => {
  it('creates a webhook with the documented body and an Idempotency-Key (FACTS §6)', async () => {
    answer = () => ({ status: 201, body: fixture('create-webhook.response.json') });

    const sub = await client().createWebhook(
      'https://partner.example/webhooks/trailflow',
      ['load.created', 'load.status_changed'],
      'wh_20260321_001',
    );

    expect(seen[0]).toMatchObject({ method: 'POST', path: '/v1/webhooks' });
    expect(seen[0].body).toStrictEqual(fixture('create-webhook.request.json'));
    expect(seen[0].headers['idempotency-key']).toBe('wh_20260321_001');
    expect(seen[0].headers['content-type']).toMatch(/^application\/json/);
    expect(seen[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sub.signingSecret).toBe('tfwhsec_example_secret');
  });

  it.each([
    ['createLoad', '/v1/loads', 'create-load.request.json', 'create-load.response.json', 'req_127'],
    ['upsertLoad', '/v1/loads/upsert', 'upsert-load.request.json', 'upsert-load.response.json', 'req_128'],
  ] as const)('%s posts the body with its key and returns the load as received', async (method, path, request, response, requestId) => {
    answer = () => ({ status: 200, body: fixture(response) });

    const result = await client()[method](fixture(request), 'key-1');

    expect(seen[0]).toMatchObject({ method: 'POST', path });
    expect(seen[0].body).toStrictEqual(fixture(request));
    expect(seen[0].headers['idempotency-key']).toBe('key-1');
    expect(result).toStrictEqual({ data: fixture(response).data, requestId });
  });

  it('updates a status and returns previousStatus (EX "Update Load Status")', async () => {
    answer = () => ({ status: 200, body: fixture('update-load-status.response.json') });

    const result = await client().updateLoadStatus('load_123', 'DELIVERED', 'key-2');

    expect(seen[0]).toMatchObject({ method: 'POST', path: '/v1/loads/load_123/status' });
    expect(seen[0].body).toStrictEqual(fixture('update-load-status.request.json'));
    expect(seen[0].headers['idempotency-key']).toBe('key-2');
    expect(result.previousStatus).toBe('IN_TRANSIT');
    expect(result.data).toStrictEqual(fixture('update-load-status.response.json').data);
  });

  it('retries a failed write with the same Idempotency-Key', async () => {
    answer = (_req, i) =>
      i === 0
        ? { status: 500, body: { error: { code: 'internal_error', message: 'boom' }, requestId: 'req_1' } }
        : { status: 200, body: fixture('create-load.response.json') };

    await client(2).createLoad(fixture('create-load.request.json'), 'key-3');

    expect(seen.map((r) => r.headers['idempotency-key'])).toStrictEqual(['key-3', 'key-3']);
  });

  it('retries idempotency_in_progress until the first request has finished', async () => {
    answer = (_req, i) =>
      i === 0
        ? { status: 409, body: { error: { code: 'idempotency_in_progress', message: 'in progress' }, requestId: 'req_1' } }
        : { status: 200, body: fixture('create-load.response.json') };

    const result = await client(2).createLoad(fixture('create-load.request.json'), 'key-4');

    expect(seen).toHaveLength(2);
    expect(result.requestId).toBe('req_127');
  });

  it('does not send a write without an Idempotency-Key', async () => {
    const error = await failure(client().createLoad(fixture('create-load.request.json'), ' '));

    expect(error.kind).toBe('invalid_request');
    expect(error.details).toStrictEqual([{ field: 'idempotencyKey', message: 'required' }]);
    expect(seen).toHaveLength(0);
  });
});

describe('TrailflowClient errors', () => {
  it('maps the docs\' error envelope (409 idempotency_conflict) to invalid_request, keeping it whole', async () => {
    const envelope = fixture('error-idempotency-conflict.response.json');
    answer = () => ({ status: 409, body: envelope });

    const error = await failure(client(3).createLoad(fixture('create-load.request.json'), 'key-5'));

    expect(error.kind).toBe('invalid_request');
    expect(error.code).toBe('idempotency_conflict');
    expect(error.requestId).toBe('req_999');
    expect(error.details).toStrictEqual(envelope);
    expect(error.message).toContain('Idempotency-Key was reused with a different payload');
    expect(seen).toHaveLength(1);
  });

  it('maps the FACTS §5 rate_limited envelope to rate_limited and honours a Retry-After if one is sent', async () => {
    answer = () => ({ status: 429, body: fixture('error-rate-limited.response.json'), headers: { 'retry-after': '7' } });

    const error = await failure(client().listLoads());

    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(7000);
  });

  it('reads a 400 to a request with a cursor as cursor_invalid (README assumption 2)', async () => {
    answer = () => ({ status: 400, body: { error: { code: 'bad_request', message: 'Invalid cursor' }, requestId: 'req_2' } });

    expect((await failure(client().listLoads({ cursor: 'garbage' }))).kind).toBe('cursor_invalid');
    expect((await failure(client().listLoads({ limit: 500 }))).kind).toBe('invalid_request');
  });

  it('reads a 5xx that is not TrailFlow\'s envelope as transient (the status-based default)', async () => {
    answer = () => ({ status: 502, body: '<html>Bad Gateway</html>' });

    expect((await failure(client().getLoad('load_123'))).kind).toBe('transient');
  });

  it('refuses to build a client without an API key', () => {
    expect(() => new TrailflowClient({ baseUrl, credentials: {} })).toThrow(
      expect.objectContaining({ kind: 'auth', details: [expect.objectContaining({ field: 'credentials.apiKey' })] }),
    );
  });

  it('keeps the API key out of error messages and details', async () => {
    answer = (req) => ({ status: 401, body: { error: { code: 'unauthorized', message: `bad key ${req.headers.authorization}` } } });

    const error = await failure(client().getLoad('load_123'));

    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain(API_KEY);
    expect(JSON.stringify(error.details)).not.toContain(API_KEY);
  });
});

describe('trailflowErrorFromAnswer (FACTS §5 codes)', () => {
  const list: HttpRequest = { method: 'GET', path: '/v1/loads', query: { limit: 100 } };
  const page2: HttpRequest = { method: 'GET', path: '/v1/loads', query: { cursor: 'eyJ9' } };
  const write: HttpRequest = { method: 'POST', path: '/v1/loads', idempotent: true };
  const envelope = (code: string) => ({ error: { code, message: `${code} happened` }, requestId: 'req_9' });
  const answerOf = (status: number, data: unknown, request: HttpRequest = list): ErrorAnswer => ({ status, data, headers: {}, request });

  it.each([
    [400, 'bad_request', 'invalid_request', list],
    [400, 'missing_idempotency_key', 'invalid_request', write],
    [401, 'unauthorized', 'auth', list],
    [403, 'forbidden', 'auth', list],
    [403, 'partner_access_not_enabled', 'auth', list],
    [403, 'partner_access_disabled', 'auth', list],
    [403, 'live_access_not_enabled', 'auth', list],
    [404, 'not_found', 'not_found', list],
    [409, 'idempotency_conflict', 'invalid_request', write],
    [409, 'idempotency_in_progress', 'transient', write],
    [429, 'rate_limited', 'rate_limited', list],
    [500, 'internal_error', 'transient', list],
    [400, 'bad_request', 'cursor_invalid', page2],
  ])('HTTP %i %s → %s', (status, code, kind, request) => {
    const error = trailflowErrorFromAnswer(answerOf(status, envelope(code), request));

    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind, status, code, requestId: 'req_9', provider: 'trailflow' });
  });

  it('reads any 400 to a cursor request as cursor_invalid, even without an envelope', () => {
    expect(trailflowErrorFromAnswer(answerOf(400, 'Bad Request', page2))?.kind).toBe('cursor_invalid');
  });

  it.each([
    [502, '<html>Bad Gateway</html>'],
    [503, { error: { code: 'maintenance', message: 'later' } }],
    [418, { message: 'not an envelope' }],
  ])('leaves HTTP %i with an unknown or missing code to the status-based default', (status, data) => {
    expect(trailflowErrorFromAnswer(answerOf(status, data))).toBeUndefined();
  });
});
