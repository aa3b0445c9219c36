import { readFileSync } from 'node:fs';
import { ProviderError, type ChangePage, type Checkpoint, type Connection } from '@waybill/provider-kit';
import { startScriptedServer, type RecordedRequest, type ScriptedReply, type ScriptedServer } from '../../../provider-kit/src/testing/scripted-http-server.js';
import {
  ABSENCE_CHECKS_PER_PAGE,
  CARRIERPACKET_CHECKPOINT_FORMAT,
  CarrierpacketProvider,
  type CarrierpacketCheckpoint,
} from './carrierpacket.provider.js';

// fetchChanges (the full scan), hydrate and documentContent against a real local server answering like
// CarrierPacket (README "Ordering and offset pages": submissions newest first, documents soonest expiry first).

function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../../../test/fixtures/carrierpacket/${name}`, import.meta.url), 'utf8'));
}

const STARTED = new Date('2026-11-01T12:00:00.000Z');

/** What the fake CarrierPacket holds; specs change it between pages. */
interface Tenant {
  submissions: Record<string, unknown>[];
  documents: Record<string, unknown>[];
  /** Ids `GET /submissions/{id}` answers for although the list leaves them out (moved between pages). */
  hiddenFromList: Set<number>;
  /** Replies that win over the tenant, by request URL. */
  overrides: Map<string, ScriptedReply>;
}

let server: ScriptedServer;
let tenant: Tenant;

function submission(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, hashid: `h${id}`, status: 2, legal_name: `CARRIER ${id}`, updated: '2026-10-01 10:00:00', ...extra };
}
function document(id: number, submissionId: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, submission_id: submissionId, doc_type: 'coi', original_filename: `${id}.pdf`, mime_type: 'application/pdf', size_bytes: 10, expires_on: null, created: '2026-10-01 10:00:00', ...extra };
}

function paged(rows: unknown[], query: URLSearchParams): ScriptedReply {
  const page = Number(query.get('page') ?? 1);
  const limit = Number(query.get('limit') ?? 50);
  const data = rows.slice((page - 1) * limit, page * limit);
  return { status: 200, body: { data, pagination: { page, limit, total: rows.length, has_more: page * limit < rows.length } } };
}

const notFound: ScriptedReply = { status: 404, body: { error: { code: 'not_found', message: 'Not found.' } } };

function answer(req: RecordedRequest): ScriptedReply {
  const url = new URL(req.url, 'http://x');
  const path = url.pathname.replace(/^\/api\/v1/, '');
  const override = tenant.overrides.get(path + url.search) ?? tenant.overrides.get(path);
  if (override) return override;
  if (path === '/submissions') {
    const rows = [...tenant.submissions].filter((s) => !tenant.hiddenFromList.has(s.id as number)).sort((a, b) => (b.id as number) - (a.id as number));
    return paged(rows, url.searchParams);
  }
  if (path === '/documents') return paged(tenant.documents, url.searchParams);
  let m = /^\/submissions\/(\d+)$/.exec(path);
  if (m) {
    const found = tenant.submissions.find((s) => s.id === Number(m![1]));
    return found ? { status: 200, body: { data: found } } : notFound;
  }
  m = /^\/submissions\/(\d+)\/documents$/.exec(path);
  if (m) return { status: 200, body: { data: tenant.documents.filter((d) => d.submission_id === Number(m![1])) } };
  m = /^\/documents\/(\d+)$/.exec(path);
  if (m) {
    const found = tenant.documents.find((d) => d.id === Number(m![1]));
    return found ? { status: 200, body: { data: found } } : notFound;
  }
  return notFound;
}

beforeAll(async () => {
  server = await startScriptedServer((req) => answer(req), '/api/v1');
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.requests.length = 0;
  tenant = { submissions: [], documents: [], hiddenFromList: new Set(), overrides: new Map() };
});

function connection(settings: Record<string, unknown> = {}): Connection {
  return {
    id: 'carrierpacket-default',
    provider: 'carrierpacket',
    baseUrl: server.baseUrl,
    webhookSecrets: [],
    credentials: { apiKey: 'cpl_test' },
    settings: { pageSize: 2, ...settings },
  };
}

function provider(): CarrierpacketProvider {
  const sut = new CarrierpacketProvider();
  sut.now = () => STARTED;
  sut.clientOptions = { sleep: async () => {}, maxRetries: 1 };
  return sut;
}

function urls(): string[] {
  return server.requests.map((r) => r.url.replace(/^\/api\/v1/, ''));
}

function ids(page: ChangePage): string[] {
  return page.records.map((r) => `${r.kind}:${r.externalId}`);
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

/** Runs pages until `done`, returning every page. */
async function scan(sut: CarrierpacketProvider, conn: Connection, from: Checkpoint | null): Promise<ChangePage[]> {
  const pages: ChangePage[] = [];
  let checkpoint = from;
  for (let i = 0; i < 50; i++) {
    const page = await sut.fetchChanges(conn, checkpoint);
    pages.push(page);
    checkpoint = page.next;
    if (page.done) return pages;
  }
  throw new Error('scan did not finish');
}

describe('CarrierpacketProvider.fetchChanges: the full scan', () => {
  it('reads the first submissions page newest first, with every record and its broker-time provider time', async () => {
    tenant.submissions = [submission(1), submission(2), submission(3, { updated: '2026-11-01 01:30:00' })];
    const sut = provider();

    const page = await sut.fetchChanges(connection({ timezone: 'America/Chicago' }), null);

    expect(urls()).toStrictEqual(['/submissions?page=1&limit=2']);
    expect(server.requests[0].headers.authorization).toBe('Bearer cpl_test');
    expect(page).toStrictEqual({
      records: [
        // 01:30 on the fall-back day: the earlier offset (CDT).
        { kind: 'carrier', externalId: '3', providerUpdatedAt: '2026-11-01T06:30:00.000Z', raw: tenant.submissions[2] },
        { kind: 'carrier', externalId: '2', providerUpdatedAt: '2026-10-01T15:00:00.000Z', raw: tenant.submissions[1] },
      ],
      next: {
        format: CARRIERPACKET_CHECKPOINT_FORMAT,
        scan: { phase: 'submissions', page: 2, startedAt: STARTED.toISOString() },
        seen: { submissions: [3, 2], documents: [] },
        known: { submissions: null },
      },
      done: false,
    });
  });

  it('uses limit=200 by default', async () => {
    await provider().fetchChanges({ ...connection(), settings: {} }, null);

    expect(urls()).toStrictEqual(['/submissions?page=1&limit=200']);
  });

  it('switches to documents after the last submissions page, and is done only after the last documents page', async () => {
    tenant.submissions = [submission(1), submission(2), submission(3)];
    tenant.documents = [document(11, 1), document(12, 3), document(13, 3)];

    const pages = await scan(provider(), connection(), null);

    expect(urls()).toStrictEqual([
      '/submissions?page=1&limit=2',
      '/submissions?page=2&limit=2',
      '/documents?page=1&limit=2',
      '/documents?page=2&limit=2',
    ]);
    expect(pages.map(ids)).toStrictEqual([['carrier:3', 'carrier:2'], ['carrier:1'], ['document:11', 'document:12'], ['document:13']]);
    expect(pages.map((p) => p.done)).toStrictEqual([false, false, false, true]);
    expect(pages.map((p) => (p.next as CarrierpacketCheckpoint).scan.phase)).toStrictEqual(['submissions', 'documents', 'documents', 'submissions']);
    // The first complete scan: nothing to compare with, so no GET /submissions/{id}; the next scan starts over.
    expect(pages[3].next).toStrictEqual({
      format: CARRIERPACKET_CHECKPOINT_FORMAT,
      scan: { phase: 'submissions', page: 1, startedAt: null },
      seen: { submissions: [], documents: [] },
      known: { submissions: [1, 2, 3] },
    });
    expect(pages[3].records[0]).toStrictEqual({ kind: 'document', externalId: '13', providerUpdatedAt: '2026-10-01T10:00:00.000Z', raw: tenant.documents[2] });
  });

  it('emits an id once when a submission created during the scan shifts the offset pages', async () => {
    tenant.submissions = [1, 2, 3, 4, 5].map((id) => submission(id));
    const sut = provider();
    const conn = connection();

    const first = await sut.fetchChanges(conn, null);
    tenant.submissions.push(submission(6)); // page 2 now starts with 4, already read
    const second = await sut.fetchChanges(conn, first.next);
    const third = await sut.fetchChanges(conn, second.next);

    expect([ids(first), ids(second), ids(third)]).toStrictEqual([['carrier:5', 'carrier:4'], ['carrier:3'], ['carrier:2', 'carrier:1']]);
    expect((third.next as CarrierpacketCheckpoint).seen.submissions).toStrictEqual([5, 4, 3, 2, 1]);
    expect((third.next as CarrierpacketCheckpoint).scan).toStrictEqual({ phase: 'documents', page: 1, startedAt: STARTED.toISOString() });
  });

  it('emits a document once when it moves to a later page during the scan', async () => {
    tenant.submissions = [submission(1)];
    tenant.documents = [document(11, 1), document(12, 1), document(13, 1)];
    const sut = provider();
    const conn = connection();
    const docsStart = (await sut.fetchChanges(conn, null)).next;

    const first = await sut.fetchChanges(conn, docsStart);
    // 11 is renewed: its new expiry sorts it last; page 2 now holds 13 and 11.
    tenant.documents = [document(12, 1), document(13, 1), document(11, 1, { expires_on: '2027-01-01' })];
    const second = await sut.fetchChanges(conn, first.next);

    expect([ids(first), ids(second)]).toStrictEqual([['document:11', 'document:12'], []]);
    expect(second.done).toBe(true);
  });

  it('checks submissions the previous complete scan listed and this one did not: 404 → removed, 200 → emitted', async () => {
    tenant.submissions = [1, 2, 3, 4].map((id) => submission(id));
    const sut = provider();
    const conn = connection();
    const firstScan = await scan(sut, conn, null);
    server.requests.length = 0;

    tenant.submissions = tenant.submissions.filter((s) => s.id !== 2); // gone: 404
    tenant.hiddenFromList.add(3); // moved between pages during the scan: listed nowhere, but GET answers
    const secondScan = await scan(sut, conn, firstScan.at(-1)!.next);

    expect(urls()).toStrictEqual(['/submissions?page=1&limit=2', '/documents?page=1&limit=2', '/submissions/2', '/submissions/3']);
    const last = secondScan.at(-1)!;
    expect(last.done).toBe(true);
    expect(last.records).toStrictEqual([
      { kind: 'carrier', externalId: '2', providerUpdatedAt: null, raw: { id: 2, _absent: true } },
      { kind: 'carrier', externalId: '3', providerUpdatedAt: '2026-10-01T10:00:00.000Z', raw: submission(3) },
    ]);
    // 3 was seen (by its GET); 2 is not carried into the next comparison, so it is marked once.
    expect((last.next as CarrierpacketCheckpoint).known.submissions).toStrictEqual([1, 3, 4]);
  });

  it('marks nothing while the scan is incomplete', async () => {
    tenant.submissions = [1, 2, 3].map((id) => submission(id));
    const midSubmissions: CarrierpacketCheckpoint = {
      format: CARRIERPACKET_CHECKPOINT_FORMAT,
      scan: { phase: 'submissions', page: 1, startedAt: STARTED.toISOString() },
      seen: { submissions: [], documents: [] },
      known: { submissions: [1, 2, 3, 99] },
    };
    tenant.documents = [document(11, 1), document(12, 1), document(13, 1)];
    const sut = provider();

    const a = await sut.fetchChanges(connection(), midSubmissions);
    const b = await sut.fetchChanges(connection(), a.next);
    const c = await sut.fetchChanges(connection(), b.next);

    expect(urls()).toStrictEqual(['/submissions?page=1&limit=2', '/submissions?page=2&limit=2', '/documents?page=1&limit=2']);
    expect([a, b, c].flatMap((p) => p.records).filter((r) => (r.raw as { _absent?: boolean })._absent)).toStrictEqual([]);
    expect(c.done).toBe(false);
  });

  it(`checks at most ${ABSENCE_CHECKS_PER_PAGE} missing submissions per page and finishes in an absence phase`, async () => {
    const known = Array.from({ length: ABSENCE_CHECKS_PER_PAGE + 3 }, (_, i) => 100 + i);
    const atDocuments: CarrierpacketCheckpoint = {
      format: CARRIERPACKET_CHECKPOINT_FORMAT,
      scan: { phase: 'documents', page: 1, startedAt: STARTED.toISOString() },
      seen: { submissions: [], documents: [] },
      known: { submissions: known },
    };
    const sut = provider();

    const first = await sut.fetchChanges(connection(), atDocuments);
    const second = await sut.fetchChanges(connection(), first.next);

    expect(first.records).toHaveLength(ABSENCE_CHECKS_PER_PAGE);
    expect(first.done).toBe(false);
    expect((first.next as CarrierpacketCheckpoint).scan).toStrictEqual({
      phase: 'absence',
      page: 1,
      startedAt: STARTED.toISOString(),
      toCheck: known.slice(ABSENCE_CHECKS_PER_PAGE),
    });
    expect(ids(second)).toStrictEqual(known.slice(ABSENCE_CHECKS_PER_PAGE).map((id) => `carrier:${id}`));
    expect(second.done).toBe(true);
    expect((second.next as CarrierpacketCheckpoint).known.submissions).toStrictEqual([]);
  });

  it('fails the page (no mark) when an absence check fails with anything but 404', async () => {
    tenant.overrides.set('/submissions/7', { status: 401, body: { error: { code: 'unauthorized', message: 'Invalid or revoked API key.' } } });
    const atDocuments: CarrierpacketCheckpoint = {
      format: CARRIERPACKET_CHECKPOINT_FORMAT,
      scan: { phase: 'documents', page: 1, startedAt: STARTED.toISOString() },
      seen: { submissions: [], documents: [] },
      known: { submissions: [7] },
    };

    const e = await failure(provider().fetchChanges(connection(), atDocuments));

    expect(e.kind).toBe('auth');
  });

  it('passes an unreadable row on as a record that map refuses (the raw kept), without stopping the scan', async () => {
    tenant.submissions = [submission(1), { id: 2, status: 'verified' }];
    const sut = provider();

    const page = await sut.fetchChanges(connection(), null);

    expect(page.records).toStrictEqual([
      { kind: 'carrier', externalId: '2', providerUpdatedAt: null, raw: { id: 2, status: 'verified' } },
      { kind: 'carrier', externalId: '1', providerUpdatedAt: '2026-10-01T10:00:00.000Z', raw: submission(1) },
    ]);
    expect(() => sut.map(page.records[0], connection())).toThrow(expect.objectContaining({ kind: 'bad_payload' }));
  });

  it.each([
    ['a TrailFlow checkpoint', { watermark: null, cursor: null }],
    ['another format', { format: 'carrierpacket.full-scan.v0', scan: { phase: 'submissions', page: 1, startedAt: null }, seen: { submissions: [], documents: [] }, known: { submissions: null } }],
    ['an unknown phase', { format: CARRIERPACKET_CHECKPOINT_FORMAT, scan: { phase: 'packets', page: 1, startedAt: null }, seen: { submissions: [], documents: [] }, known: { submissions: null } }],
    ['page 0', { format: CARRIERPACKET_CHECKPOINT_FORMAT, scan: { phase: 'submissions', page: 0, startedAt: null }, seen: { submissions: [], documents: [] }, known: { submissions: null } }],
    ['string ids', { format: CARRIERPACKET_CHECKPOINT_FORMAT, scan: { phase: 'submissions', page: 1, startedAt: null }, seen: { submissions: ['1'], documents: [] }, known: { submissions: null } }],
    ['an absence phase without ids', { format: CARRIERPACKET_CHECKPOINT_FORMAT, scan: { phase: 'absence', page: 1, startedAt: null }, seen: { submissions: [], documents: [] }, known: { submissions: null } }],
  ])('refuses %s as cursor_invalid without a request', async (_what, checkpoint) => {
    const e = await failure(provider().fetchChanges(connection(), checkpoint as Checkpoint));

    expect(e.kind).toBe('cursor_invalid');
    expect(urls()).toStrictEqual([]);
  });

  it.each([
    [{ pageSize: 0 }, 'settings.pageSize'],
    [{ pageSize: 201 }, 'settings.pageSize'],
    [{ pageSize: '50' }, 'settings.pageSize'],
    [{ timezone: 'Chicago' }, 'settings.timezone'],
  ])('refuses the setting %p as invalid_request', async (settings, field) => {
    const e = await failure(provider().fetchChanges(connection(settings), null));

    expect(e.kind).toBe('invalid_request');
    expect(e.details).toStrictEqual([expect.objectContaining({ field })]);
  });
});

describe('CarrierpacketProvider.hydrate', () => {
  it('fetches a carrier with its documents (the owner added where the row has no submission_id)', async () => {
    const got = fixture('get-submission.response.json');
    const docs = fixture('list-submission-documents.response.json');
    tenant.overrides.set('/submissions/1138', { status: 200, body: got });
    tenant.overrides.set('/submissions/1138/documents', { status: 200, body: docs });

    const records = await provider().hydrate(connection(), { kind: 'carrier', externalId: '1138' });

    expect(urls().sort()).toStrictEqual(['/submissions/1138', '/submissions/1138/documents']);
    expect(records).toStrictEqual([
      { kind: 'carrier', externalId: '1138', providerUpdatedAt: null, raw: got.data },
      { kind: 'document', externalId: '482', providerUpdatedAt: '2026-04-26T14:33:21.000Z', raw: { ...docs.data[0], submission_id: 1138 } },
    ]);
  });

  it('fetches a document by id, and answers not_found for a submission that is gone', async () => {
    tenant.documents = [document(11, 1)];

    expect(await provider().hydrate(connection(), { kind: 'document', externalId: '11' })).toStrictEqual([
      { kind: 'document', externalId: '11', providerUpdatedAt: '2026-10-01T10:00:00.000Z', raw: document(11, 1) },
    ]);
    expect((await failure(provider().hydrate(connection(), { kind: 'carrier', externalId: '5' }))).kind).toBe('not_found');
  });
});

describe('CarrierpacketProvider.documentContent', () => {
  it('is available only when the connection turns fileStreaming on', () => {
    const sut = provider();

    expect(sut.documentContent.available(connection())).toBe(false);
    expect(sut.documentContent.available(connection({ fileStreaming: 'true' }))).toBe(false);
    expect(sut.documentContent.available(connection({ fileStreaming: true }))).toBe(true);
  });

  it('streams GET /documents/{id}/file', async () => {
    tenant.overrides.set('/documents/11/file', {
      status: 200,
      headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="11.pdf"', 'content-length': '8' },
      body: '%PDF-1.4',
    });

    const content = await provider().documentContent.open(connection({ fileStreaming: true }), '11');
    const chunks: Buffer[] = [];
    for await (const chunk of content.stream) chunks.push(Buffer.from(chunk as Buffer));

    expect({ ...content, stream: undefined }).toStrictEqual({ stream: undefined, contentType: 'application/pdf', fileName: '11.pdf', sizeBytes: 8 });
    expect(Buffer.concat(chunks).toString()).toBe('%PDF-1.4');
  });
});

describe('CarrierpacketProvider identity', () => {
  it('declares its code and capabilities', () => {
    const sut = provider();

    expect(sut.code).toBe('carrierpacket');
    expect(sut.capabilities).toStrictEqual({ poll: true, webhooks: true, dispatch: false, documents: true });
  });
});
