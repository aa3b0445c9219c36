import { readFileSync } from 'node:fs';
import { ProviderError } from '@waybill/provider-kit';
import {
  inOrder,
  startScriptedServer,
  type RecordedRequest,
  type ScriptedReply,
  type ScriptedServer,
} from '../../../provider-kit/src/testing/scripted-http-server.js';
import { CarrierpacketClient, carrierpacketErrorFromAnswer, fileNameOf } from './carrierpacket.client.js';

// Against a real node:http server on port 0 (provider-kit's scripted server) answering with the docs' examples.
// The base URL carries the documented `/api/v1` path, so every path must be appended to it.

function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../../../test/fixtures/carrierpacket/${name}`, import.meta.url), 'utf8'));
}

const API_KEY = 'cpl_a1b2c3_x9z7y';
const noWait = async () => {};

let server: ScriptedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(script: (req: RecordedRequest, index: number) => ScriptedReply): Promise<CarrierpacketClient> {
  server = await startScriptedServer(script, '/api/v1');
  return new CarrierpacketClient({ baseUrl: server.baseUrl, credentials: { apiKey: API_KEY } }, { sleep: noWait });
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

const error = (status: number, code: string, message: string): ScriptedReply => ({ status, body: { error: { code, message } } });
const emptyPage = { data: [], pagination: { page: 1, limit: 200, total: 0, has_more: false } };

describe('CarrierpacketClient reads', () => {
  it('lists submissions with page, limit and status, Bearer auth, never ?api_key=', async () => {
    const body = fixture('list-submissions-chicago.response.json');
    const client = await serve(() => ({ status: 200, body }));

    const page = await client.listSubmissions({ page: 2, limit: 200, status: 2 });

    expect(server!.requests).toHaveLength(1);
    expect(server!.requests[0].method).toBe('GET');
    expect(server!.requests[0].url).toBe('/api/v1/submissions?page=2&limit=200&status=2');
    expect(server!.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(page).toStrictEqual({ data: body.data, pagination: body.pagination });
  });

  it('leaves optional filters out and names the documents filters as REST does', async () => {
    const client = await serve(() => ({ status: 200, body: emptyPage }));

    await client.listDocuments({ page: 1, limit: 50 });
    await client.listDocuments({ page: 3, limit: 10, docType: 'coi', submissionId: 1138, expiringWithin: 30 });
    await client.listSubmissions({ page: 1, limit: 200 });

    expect(server!.requests.map((r) => r.url)).toStrictEqual([
      '/api/v1/documents?page=1&limit=50',
      '/api/v1/documents?page=3&limit=10&doc_type=coi&submission_id=1138&expiring_within=30',
      '/api/v1/submissions?page=1&limit=200',
    ]);
  });

  it('gets a submission, a document and a submission\'s documents (the sample without pagination)', async () => {
    const submission = fixture('get-submission.response.json');
    const documents = fixture('list-submission-documents.response.json');
    const doc = { data: { ...documents.data[0], submission_id: 1138 } };
    const client = await serve((req) => {
      if (req.url === '/api/v1/submissions/1138') return { status: 200, body: submission };
      if (req.url === '/api/v1/submissions/1138/documents') return { status: 200, body: documents };
      if (req.url === '/api/v1/documents/482') return { status: 200, body: doc };
      return error(404, 'not_found', 'Not found.');
    });

    expect(await client.getSubmission(1138)).toStrictEqual(submission.data);
    expect(await client.listSubmissionDocuments('1138')).toStrictEqual(documents.data);
    expect(await client.getDocument(482)).toStrictEqual(doc.data);
  });

  it('refuses an answer whose envelope is wrong, naming the field', async () => {
    const client = await serve(inOrder(
      { status: 200, body: { data: [] } },
      { status: 200, body: { data: [], pagination: { page: 1, limit: 200, has_more: 'no' } } },
      { status: 200, body: { data: [1138] } },
      { status: 200, body: 'not json' },
    ));

    const missing = await failure(client.listSubmissions({ page: 1, limit: 200 }));
    const wrong = await failure(client.listDocuments({ page: 1, limit: 200 }));
    const notObject = await failure(client.getSubmission(1138));
    const notJson = await failure(client.getSubmission(1138));

    expect([missing.kind, wrong.kind, notObject.kind, notJson.kind]).toStrictEqual(['bad_payload', 'bad_payload', 'bad_payload', 'bad_payload']);
    expect((missing.details as { field: string }[])[0].field).toBe('pagination');
    expect((wrong.details as { field: string }[])[0].field).toBe('pagination.has_more');
    expect((notObject.details as { field: string }[])[0].field).toBe('data');
  });

  it('refuses a connection without an API key before any request', () => {
    expect(() => new CarrierpacketClient({ baseUrl: 'http://127.0.0.1:1', credentials: {} })).toThrow(
      expect.objectContaining({ kind: 'auth' }),
    );
  });
});

describe('CarrierpacketClient errors and retries (REST "Errors", "Retry strategy")', () => {
  it.each([
    [400, 'bad_request', 'invalid_request'],
    [401, 'unauthorized', 'auth'],
    [403, 'ip_not_allowed', 'auth'],
    [404, 'not_found', 'not_found'],
  ])('HTTP %i %s is %s and is not retried', async (status, code, kind) => {
    const client = await serve(() => error(status, code, 'the provider says why'));

    const e = await failure(client.listSubmissions({ page: 1, limit: 200 }));

    expect(e).toMatchObject({ kind, status, code, provider: 'carrierpacket' });
    expect(e.message).toContain('the provider says why');
    expect(e.details).toStrictEqual({ error: { code, message: 'the provider says why' } });
    expect(server!.requests).toHaveLength(1);
  });

  it('retries 500 server_error and succeeds on the third attempt', async () => {
    const client = await serve(inOrder(error(500, 'server_error', 'oops'), error(502, 'server_error', 'oops'), { status: 200, body: emptyPage }));

    const page = await client.listSubmissions({ page: 1, limit: 200 });

    expect(page.data).toStrictEqual([]);
    expect(server!.requests).toHaveLength(3);
  });

  it('gives up after 5 retries (6 attempts) with a transient error', async () => {
    const client = await serve(() => error(500, 'server_error', 'Unexpected.'));

    const e = await failure(client.getSubmission(1));

    expect(e).toMatchObject({ kind: 'transient', status: 500, code: 'server_error' });
    expect(server!.requests).toHaveLength(6);
  });

  it('retries a dropped connection', async () => {
    const client = await serve(inOrder({ reset: true }, { status: 200, body: emptyPage }));

    await client.listDocuments({ page: 1, limit: 200 });

    expect(server!.requests).toHaveLength(2);
  });

  it('honours Retry-After on a 429 (not documented, kept by the kit default)', async () => {
    const waits: number[] = [];
    server = await startScriptedServer(inOrder({ status: 429, headers: { 'retry-after': '2' }, body: { error: { code: 'rate_limited', message: 'slow' } } }, { status: 200, body: emptyPage }));
    const client = new CarrierpacketClient(
      { baseUrl: server.baseUrl, credentials: { apiKey: API_KEY } },
      { sleep: async (ms) => void waits.push(ms) },
    );

    await client.listSubmissions({ page: 1, limit: 200 });

    expect(waits).toStrictEqual([2000]);
  });

  it('sorts answers without CarrierPacket\'s envelope by status (kit default)', () => {
    const request = { method: 'GET' as const, path: '/submissions' };
    expect(carrierpacketErrorFromAnswer({ status: 502, data: '<html>bad gateway</html>', headers: {}, request })).toBeUndefined();
    expect(carrierpacketErrorFromAnswer({ status: 409, data: { error: { code: 'ip_not_allowed' } }, headers: {}, request })?.kind).toBe('auth');
    expect(carrierpacketErrorFromAnswer({ status: 403, data: { error: { code: 'ip_not_allowed', message: 'Your IP (76.135.204.132) isn\'t on this key\'s allowlist.' } }, headers: {}, request })).toMatchObject({
      kind: 'auth',
      code: 'ip_not_allowed',
    });
  });
});

describe('CarrierpacketClient.openDocumentFile (REST "What\'s coming")', () => {
  it('streams the bytes with type, file name and size from the headers', async () => {
    const bytes = '%PDF-1.4\n' + 'x'.repeat(70_000) + '\n%%EOF\n';
    const client = await serve(() => ({
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': 'attachment; filename="evergreen-coi-2026.pdf"',
        'content-length': String(Buffer.byteLength(bytes)),
      },
      body: bytes,
    }));

    const file = await client.openDocumentFile(482);
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream) chunks.push(Buffer.from(chunk));

    expect(server!.requests[0].url).toBe('/api/v1/documents/482/file');
    expect(server!.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect({ contentType: file.contentType, fileName: file.fileName, sizeBytes: file.sizeBytes }).toStrictEqual({
      contentType: 'application/pdf',
      fileName: 'evergreen-coi-2026.pdf',
      sizeBytes: Buffer.byteLength(bytes),
    });
    expect(Buffer.concat(chunks).toString('utf8')).toBe(bytes);
  });

  it('maps the error envelope (404 not_found, not retried) and retries a 500', async () => {
    const client = await serve(inOrder(error(404, 'not_found', 'Not found.'), error(500, 'server_error', 'x'), {
      status: 200,
      headers: { 'content-type': 'application/pdf' },
      body: 'pdf',
    }));

    const e = await failure(client.openDocumentFile(1));
    const file = await client.openDocumentFile(2);
    file.stream.resume();

    expect(e).toMatchObject({ kind: 'not_found', status: 404, code: 'not_found' });
    expect(server!.requests.map((r) => r.url)).toStrictEqual(['/api/v1/documents/1/file', '/api/v1/documents/2/file', '/api/v1/documents/2/file']);
    expect(file.fileName).toBeNull();
  });

  it.each([
    ['attachment; filename="a b.pdf"', 'a b.pdf'],
    ['attachment; filename=plain.pdf', 'plain.pdf'],
    ['attachment; filename="x.pdf"; filename*=UTF-8\'\'%C3%A9t%C3%A9.pdf', 'été.pdf'],
    ['inline', null],
    [null, null],
  ])('reads the file name of %p', (header, expected) => {
    expect(fileNameOf(header)).toBe(expected);
  });
});
