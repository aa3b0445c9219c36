// The default mapping, row by row, through the real client against a real local server: each row checks the
// kind, whether it is retryable, and that the client's behaviour agrees (a retryable row is sent twice with
// maxRetries 1, any other row once).
import { ProviderError, type ProviderErrorKind } from '../provider-error.js';
import { ProviderHttpClient } from '../http/provider-http-client.js';
import { refusedBaseUrl, startScriptedServer, type ScriptedReply, type ScriptedServer } from '../testing/scripted-http-server.js';
import { kindForHttpStatus } from './http-error-mapping.js';

type Row = [label: string, reply: ScriptedReply, kind: ProviderErrorKind, retryable: boolean];

const TABLE: Row[] = [
  ['400 Bad Request', { status: 400, body: { error: { code: 'bad_request' } } }, 'invalid_request', false],
  ['401 Unauthorized', { status: 401 }, 'auth', false],
  ['403 Forbidden', { status: 403, body: { error: { code: 'ip_not_allowed' } } }, 'auth', false],
  ['404 Not Found', { status: 404 }, 'not_found', false],
  ['405 Method Not Allowed', { status: 405 }, 'invalid_request', false],
  ['408 Request Timeout', { status: 408 }, 'transient', true],
  ['409 Conflict', { status: 409, body: { error: { code: 'idempotency_conflict' } } }, 'invalid_request', false],
  ['410 Gone', { status: 410 }, 'invalid_request', false],
  ['413 Content Too Large', { status: 413 }, 'invalid_request', false],
  ['422 Unprocessable Content', { status: 422 }, 'invalid_request', false],
  ['425 Too Early', { status: 425 }, 'transient', true],
  ['429 Too Many Requests', { status: 429 }, 'rate_limited', true],
  ['500 Internal Server Error', { status: 500 }, 'transient', true],
  ['501 Not Implemented', { status: 501 }, 'transient', true],
  ['502 Bad Gateway', { status: 502 }, 'transient', true],
  ['503 Service Unavailable', { status: 503 }, 'transient', true],
  ['504 Gateway Timeout', { status: 504 }, 'transient', true],
  ['200 with a body that is not JSON', { status: 200, body: 'not json' }, 'bad_payload', false],
  ['connection reset', { reset: true }, 'transient', true],
  ['timeout', { hang: true }, 'transient', true],
];

describe('default ProviderError mapping', () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer((req) => TABLE[Number(new URL(req.url, 'http://x').searchParams.get('row'))][1]);
  });
  afterAll(() => server.close());

  it.each(TABLE.map((row, index) => [...row, index] as const))(
    '%s → %s (retryable: %s)',
    async (_label, _reply, kind, retryable, index) => {
      const client = new ProviderHttpClient({
        provider: 'table',
        baseUrl: server.baseUrl,
        maxRetries: 1,
        timeoutMs: 100,
        sleep: async () => {},
      });
      const before = server.requests.length;
      const error = await client.request({ method: 'GET', path: '/', query: { row: index } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      const e = error as ProviderError;
      expect(e.kind).toBe(kind);
      expect(e.retryable).toBe(retryable);
      expect(server.requests.length - before).toBe(retryable ? 2 : 1);
      const reply = TABLE[index][1];
      if ('status' in reply) expect(e.status).toBe(reply.status);
    },
  );

  it('a refused connection → transient (retryable)', async () => {
    const client = new ProviderHttpClient({ provider: 'table', baseUrl: await refusedBaseUrl(), maxRetries: 0 });
    const error = (await client.request({ method: 'GET', path: '/' }).catch((e: unknown) => e)) as ProviderError;
    expect(error.kind).toBe('transient');
    expect(error.retryable).toBe(true);
  });

  it.each([
    [300, 'bad_payload'],
    [304, 'bad_payload'],
    [418, 'invalid_request'],
    [499, 'invalid_request'],
    [599, 'transient'],
  ] as const)('kindForHttpStatus(%p) → %s (statuses a local server cannot send back through a client as such)', (status, kind) => {
    expect(kindForHttpStatus(status)).toBe(kind);
  });
});
