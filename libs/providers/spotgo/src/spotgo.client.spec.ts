import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { ProviderError } from '@waybill/provider-kit';
import { inOrder, startScriptedServer, type ScriptedReply, type ScriptedServer } from '../../../provider-kit/src/testing/scripted-http-server.js';
import { SpotgoClient, fileNameOf, spotgoErrorFromAnswer } from './spotgo.client.js';

// The client against a real local server that answers from a script: headers sent, ProblemDetails → kinds.

const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/spotgo/${name}`, import.meta.url), 'utf8'));
const MEDIA = 'application/json; x-api-version=1.0';
const order = fixture('order.in-review.json');

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(...replies: ScriptedReply[]): Promise<SpotgoClient> {
  server = await startScriptedServer(inOrder(...replies));
  return new SpotgoClient({ baseUrl: server.baseUrl, credentials: { apiKey: 'sg_key_1' } }, { sleep: async () => {}, maxRetries: 2 });
}

const problem = (status: number, code: string, extra: object = {}): ScriptedReply => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ title: 't', status, detail: `${code} detail`, code, traceId: '00-abc-01-00', ...extra }),
});

async function rejection(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error('expected a ProviderError');
}

describe('SpotgoClient requests', () => {
  it('sends X-Api-Key and the x-api-version media type on reads and on bodies', async () => {
    const client = await clientFor({ status: 200, body: order }, { status: 200, body: { created: true, updated: false, linkChanged: true, order } });
    await client.getOrder('3F2A');
    await client.upsertOrder(fixture('shipment.vilnius-berlin.upsert-body.json'));

    const [get, post] = server!.requests;
    expect(get).toMatchObject({ method: 'GET', url: '/api/v1/orders/3F2A' });
    expect(get.headers['x-api-key']).toBe('sg_key_1');
    expect(get.headers.accept).toBe(MEDIA);
    expect(post).toMatchObject({ method: 'POST', url: '/api/v1/orders/upsert' });
    expect(post.headers['content-type']).toBe(MEDIA);
    expect(post.headers.accept).toBe(MEDIA);
    expect(post.headers['x-api-key']).toBe('sg_key_1');
    expect(JSON.parse(post.body)).toStrictEqual(fixture('shipment.vilnius-berlin.upsert-body.json'));
  });

  it('queries with the continuation token and hands rows back unvalidated', async () => {
    const client = await clientFor({ status: 200, body: { items: [order, { junk: true }], continuationToken: 'tok-2' } });
    const page = await client.queryOrders({ updatedAt: { from: '2026-03-30T07:58:00.000Z' }, pageSize: 100, continuationToken: 'tok-1' });
    expect(page).toStrictEqual({ items: [order, { junk: true }], continuationToken: 'tok-2' });
    expect(JSON.parse(server!.requests[0].body)).toStrictEqual({ updatedAt: { from: '2026-03-30T07:58:00.000Z' }, pageSize: 100, continuationToken: 'tok-1' });
  });

  it('refuses a connection without an API key', () => {
    expect(() => new SpotgoClient({ baseUrl: 'http://127.0.0.1:1', credentials: {} })).toThrow(ProviderError);
  });

  it('refuses an answer that is not an order, naming the field', async () => {
    const client = await clientFor({ status: 200, body: { ...order, orderId: 42 } });
    const e = await rejection(client.getOrder('x'));
    expect(e.kind).toBe('bad_payload');
    expect(e.details).toStrictEqual([{ field: 'orderId', message: 'orderId must be a string' }]);
  });
});

describe('SpotgoClient ProblemDetails → ProviderError', () => {
  it.each([
    [401, 'Unauthorized', 'auth'],
    [404, 'NotFound', 'not_found'],
    [400, 'InvalidContinuationToken', 'cursor_invalid'],
    [409, 'OrderCompleted', 'invalid_request'],
    [413, 'PayloadTooLarge', 'invalid_request'],
    [415, 'UnsupportedMediaType', 'invalid_request'],
    [500, 'InternalError', 'transient'],
  ])('%i %s → %s', async (status, code, kind) => {
    const client = await clientFor(problem(status, code));
    const e = await rejection(client.getOrder('x'));
    expect(e).toMatchObject({ kind, status, code, provider: 'spotgo', requestId: '00-abc-01-00' });
  });

  it('a 5xx is retried, then given up on', async () => {
    const client = await clientFor(problem(500, 'InternalError'));
    expect((await rejection(client.getOrder('x'))).kind).toBe('transient');
    expect(server!.requests).toHaveLength(3);
  });

  it('429 honours Retry-After, then succeeds', async () => {
    const waits: number[] = [];
    server = await startScriptedServer(inOrder({ ...problem(429, 'RateLimited'), headers: { 'retry-after': '7' } }, { status: 200, body: order }));
    const client = new SpotgoClient({ baseUrl: server.baseUrl, credentials: { apiKey: 'k' } }, { sleep: async (ms) => void waits.push(ms) });
    await client.getOrder('x');
    expect(waits).toStrictEqual([7_000]);
  });

  it('429 past the patience limit is thrown with retryAfterMs for the job to reschedule', async () => {
    const client = await clientFor({ ...problem(429, 'RateLimited'), headers: { 'retry-after': '600' } });
    expect(await rejection(client.getOrder('x'))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 600_000 });
  });

  it('validation errors name each field, mapped back to canonical paths where known', async () => {
    const client = await clientFor({ status: 400, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(fixture('problem.validation.json')) });
    const e = await rejection(client.upsertOrder(fixture('shipment.vilnius-berlin.upsert-body.json')));
    expect(e.kind).toBe('invalid_request');
    expect(e.message).toContain('One or more validation errors occurred.');
    expect(e.details).toStrictEqual([
      { field: 'stops[1].address.postalCode', providerField: 'locations[1].postalCode', code: 'Invalid', message: 'locations[1].postalCode must be a string.' },
      { field: 'stops[0].window.start', providerField: 'locations[0].startDate', code: 'Invalid', message: expect.any(String) },
      { field: 'vehicle.licensePlates[1]', providerField: 'details.licensePlates[1]', code: 'TooLong', message: 'too long' },
      { field: 'carrier.vatCode', providerField: 'carrier.vatCode', code: 'Required', message: 'carrier.vatCode is required.' },
      { field: null, providerField: 'somethingElse', code: 'Invalid', message: '?' },
    ]);
    // The upsert is its own idempotency: a refusal is final, not retried.
    expect(server!.requests).toHaveLength(1);
  });

  it('a refusal without errors[] keeps the detail whole as one entry', () => {
    const e = spotgoErrorFromAnswer({
      status: 409,
      data: { status: 409, code: 'OrderCompleted', detail: 'Order 3f… is Completed; it cannot be changed.' },
      headers: {},
      request: { method: 'POST', path: '/api/v1/orders/upsert' },
    });
    expect(e.details).toStrictEqual([{ field: null, providerField: null, code: 'OrderCompleted', message: 'Order 3f… is Completed; it cannot be changed.' }]);
  });

  it('an answer that is not ProblemDetails is sorted by status alone', () => {
    const e = spotgoErrorFromAnswer({ status: 502, data: '<html>bad gateway</html>', headers: {}, request: { method: 'GET', path: '/api/v1/orders/x' } });
    expect(e).toMatchObject({ kind: 'transient', status: 502, code: undefined });
  });
});

describe('SpotgoClient documents', () => {
  it('uploads multipart: documentType field and the streamed file part', async () => {
    const doc = { documentId: 'd1', name: 'a.pdf', documentType: 'cmr', status: 'Processing', source: 'Customer' };
    const client = await clientFor({ status: 201, body: doc });
    const file = { stream: Readable.from([Buffer.from('%PDF-'), Buffer.from('1.7')]), fileName: 'a "b".pdf', contentType: 'application/pdf', sizeBytes: 8 };
    expect(await client.uploadDocument('o1', file, 'cmr')).toMatchObject(doc);

    const req = server!.requests[0];
    expect(req).toMatchObject({ method: 'POST', url: '/api/v1/orders/o1/documents' });
    expect(req.headers['x-api-key']).toBe('sg_key_1');
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(String(req.headers['content-type']))![1];
    expect(req.body).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="documentType"\r\n\r\ncmr\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a %22b%22.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n` +
        `--${boundary}--\r\n`,
    );
  });

  it('an upload refusal is a ProviderError with its field', async () => {
    const client = await clientFor(problem(413, 'PayloadTooLarge', { errors: [{ field: 'file', code: 'FileTooLarge', message: 'At most 10485760 bytes.' }] }));
    const e = await rejection(client.uploadDocument('o1', { stream: Readable.from([Buffer.from('x')]), fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: 1 }, 'cmr'));
    expect(e).toMatchObject({ kind: 'invalid_request', status: 413, details: [{ field: null, providerField: 'file', code: 'FileTooLarge', message: 'At most 10485760 bytes.' }] });
  });

  it('streams content with its type, name and length, retrying a 503 first', async () => {
    const bytes = Buffer.from('PNG:1');
    const client = await clientFor(problem(503, 'InternalError'), {
      status: 200,
      headers: { 'content-type': 'image/png', 'content-length': '5', 'content-disposition': `attachment; filename="x.png"; filename*=UTF-8''%C5%BEem%C4%97.png` },
      body: bytes.toString('utf8'),
    });
    const file = await client.openDocumentContent('o1', 'd1');
    const chunks: Buffer[] = [];
    for await (const c of file.stream) chunks.push(Buffer.from(c as Buffer));
    expect(file).toMatchObject({ contentType: 'image/png', fileName: 'žemė.png', sizeBytes: 5 });
    expect(server!.requests.map((r) => r.url)).toStrictEqual(['/api/v1/orders/o1/documents/d1/content', '/api/v1/orders/o1/documents/d1/content']);
    expect(server!.requests[1].headers['x-api-key']).toBe('sg_key_1');
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('reads Content-Disposition file names', () => {
    expect(fileNameOf('attachment; filename="a.pdf"')).toBe('a.pdf');
    expect(fileNameOf('attachment; filename=a.pdf')).toBe('a.pdf');
    expect(fileNameOf(null)).toBeNull();
  });
});
