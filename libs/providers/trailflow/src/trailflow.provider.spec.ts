import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProviderError, type Checkpoint, type Connection } from '@waybill/provider-kit';
import { nextWatermark, TrailflowProvider } from './trailflow.provider.js';

// fetchChanges and hydrate against a real node:http server on port 0 answering like TrailFlow (FACTS §4).

function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../../../test/fixtures/trailflow/${name}`, import.meta.url), 'utf8'));
}

interface Seen {
  path: string;
  query: Record<string, string>;
  authorization?: string;
}

let server: Server;
let baseUrl: string;
let seen: Seen[];
let answer: (req: Seen) => { status: number; body: unknown };

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const request: Seen = { path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization };
      seen.push(request);
      const reply = answer(request);
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
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
});

const sut = new TrailflowProvider();

// Overlap 0 unless a test says otherwise, so watermark arithmetic reads plainly; the default is tested on its own.
function connection(settings: Record<string, unknown> = {}): Connection {
  return { id: 'trailflow-default', provider: 'trailflow', baseUrl, webhookSecrets: [], credentials: { apiKey: 'tf_key' }, settings: { overlapMs: 0, ...settings } };
}

function load(id: string, updatedAt: number, extra: Record<string, unknown> = {}) {
  return { id, status: 'ASSIGNED', updatedAt, ...extra };
}

const ALL_INCLUDES = 'customer,carrier,vehicle,stops,tracking';

describe('TrailflowProvider.fetchChanges', () => {
  it('starts with no updatedAfter, asks for every include, and carries the run maximum to the next page', async () => {
    const body = fixture('list-loads.response.json');
    answer = () => ({ status: 200, body });

    const page = await sut.fetchChanges(connection(), null);

    expect(seen).toStrictEqual([
      { path: '/v1/loads', query: { include: ALL_INCLUDES, limit: '100' }, authorization: 'Bearer tf_key' },
    ]);
    expect(page).toStrictEqual({
      records: [
        { kind: 'shipment', externalId: 'load_123', providerUpdatedAt: '2024-03-19T00:30:00.000Z', raw: body.data[0] },
      ],
      next: {
        watermark: null,
        cursor: 'eyJ1cGRhdGVkQXQiOjE3MTA4MDgyMDAwMDAsImV4Y2x1ZGVkSWRzIjpbImxvYWRfMTIzIl19',
        runMaxUpdatedAt: 1710808200000,
      },
      done: false,
    });
  });

  it('on the last page moves the watermark to the largest updatedAt of the run and clears the cursor', async () => {
    answer = () => ({ status: 200, body: { data: [load('load_9', 1500)], nextCursor: null, requestId: 'r' } });

    const page = await sut.fetchChanges(connection({ pageSize: 25 }), { watermark: 1000, cursor: 'c2', runMaxUpdatedAt: 2000 });

    expect(seen[0].query).toStrictEqual({ updatedAfter: '1000', cursor: 'c2', include: ALL_INCLUDES, limit: '25' });
    expect(page.done).toBe(true);
    expect(page.next).toStrictEqual({ watermark: 2000, cursor: null, runMaxUpdatedAt: null });
  });

  it('starts the next run one minute before the newest updatedAt by default', async () => {
    answer = () => ({ status: 200, body: { data: [load('load_1', 1_000_000)], nextCursor: null, requestId: 'r' } });
    const conn = connection();
    delete conn.settings.overlapMs;
    const page = await sut.fetchChanges(conn, { watermark: 1_000, cursor: null });
    expect(page.next).toMatchObject({ watermark: 1_000_000 - 60_000, cursor: null });
  });

  it('subtracts overlapMs from the new watermark', async () => {
    answer = () => ({ status: 200, body: { data: [load('load_9', 10_000)], nextCursor: null } });

    const page = await sut.fetchChanges(connection({ overlapMs: 3_000 }), { watermark: 1_000, cursor: null });

    expect(page.next).toStrictEqual({ watermark: 7_000, cursor: null, runMaxUpdatedAt: null });
  });

  it('keeps the watermark after a run that saw nothing, with or without overlap', async () => {
    answer = () => ({ status: 200, body: { data: [], nextCursor: null } });

    expect((await sut.fetchChanges(connection({ overlapMs: 3_000 }), { watermark: 5_000, cursor: null })).next).toStrictEqual({
      watermark: 5_000,
      cursor: null,
      runMaxUpdatedAt: null,
    });
    expect((await sut.fetchChanges(connection(), null)).next).toStrictEqual({ watermark: null, cursor: null, runMaxUpdatedAt: null });
  });

  it('pages through a whole run and ends at the newest updatedAt (inclusive, so it is read again next run)', async () => {
    const pages: Record<string, { data: unknown[]; nextCursor: string | null }> = {
      first: { data: [load('a', 100), load('b', 300)], nextCursor: 'p2' },
      p2: { data: [load('c', 300), load('d', 250)], nextCursor: 'p3' },
      p3: { data: [load('e', 400)], nextCursor: null },
    };
    answer = (req) => ({ status: 200, body: pages[req.query.cursor ?? 'first'] });

    let checkpoint: Checkpoint | null = { watermark: 50, cursor: null };
    const ids: string[] = [];
    for (let done = false; !done; ) {
      const page = await sut.fetchChanges(connection(), checkpoint);
      ids.push(...page.records.map((r) => r.externalId));
      checkpoint = page.next;
      done = page.done;
    }

    expect(ids).toStrictEqual(['a', 'b', 'c', 'd', 'e']);
    expect(seen.map((r) => [r.query.updatedAfter, r.query.cursor])).toStrictEqual([
      ['50', undefined],
      ['50', 'p2'],
      ['50', 'p3'],
    ]);
    expect(checkpoint).toStrictEqual({ watermark: 400, cursor: null, runMaxUpdatedAt: null });
  });

  it('passes a malformed load on as a record that map refuses, without failing the page', async () => {
    const bad = { id: 'load_bad', status: 'ASSIGNED', updatedAt: 'soon' };
    answer = () => ({ status: 200, body: { data: [load('load_ok', 700), bad, 'not a load'], nextCursor: null } });

    const page = await sut.fetchChanges(connection(), { watermark: 1, cursor: null });

    expect(page.records).toStrictEqual([
      { kind: 'shipment', externalId: 'load_ok', providerUpdatedAt: '1970-01-01T00:00:00.700Z', raw: load('load_ok', 700) },
      { kind: 'shipment', externalId: 'load_bad', providerUpdatedAt: null, raw: bad },
      { kind: 'shipment', externalId: '', providerUpdatedAt: null, raw: 'not a load' },
    ]);
    // The bad item's timestamp cannot be trusted, so only the good one moves the watermark.
    expect(page.next).toStrictEqual({ watermark: 700, cursor: null, runMaxUpdatedAt: null });
    expect(() => sut.map(page.records[1], connection())).toThrow(
      expect.objectContaining({ kind: 'bad_payload', details: [expect.objectContaining({ field: 'updatedAt' })] }),
    );
    expect(() => sut.map(page.records[2], connection())).toThrow(expect.objectContaining({ kind: 'bad_payload' }));
  });

  it('fails the page with bad_payload when the body is not a list envelope', async () => {
    answer = () => ({ status: 200, body: { loads: [] } });

    await expect(sut.fetchChanges(connection(), null)).rejects.toMatchObject({
      kind: 'bad_payload',
      details: [expect.objectContaining({ field: 'data' })],
    });
  });

  it('refuses a checkpoint it did not write as cursor_invalid, before calling TrailFlow', async () => {
    await expect(sut.fetchChanges(connection(), { watermark: '2024-03-19', cursor: null })).rejects.toMatchObject({
      kind: 'cursor_invalid',
    });
    expect(seen).toHaveLength(0);
  });

  it.each([0, 101, 2.5, '50'])('refuses pageSize %p, naming the setting', async (pageSize) => {
    const error = await sut.fetchChanges(connection({ pageSize }), null).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'invalid_request', details: [expect.objectContaining({ field: 'settings.pageSize' })] });
    expect(seen).toHaveLength(0);
  });
});

describe('nextWatermark', () => {
  it.each([
    [null, null, 0, null],
    [null, 900, 0, 900],
    [null, 900, 100, 800],
    [500, null, 100, 500],
    [500, 900, 0, 900],
    [500, 900, 100, 800],
    [500, 550, 100, 500],
  ])('watermark %p, run max %p, overlap %p → %p', (watermark, runMax, overlap, expected) => {
    expect(nextWatermark(watermark, runMax, overlap)).toBe(expected);
  });
});

describe('TrailflowProvider.hydrate', () => {
  it('fetches the whole load with GET /v1/loads/{id} and returns it as a complete record', async () => {
    const body = fixture('get-load.response.json');
    answer = () => ({ status: 200, body });

    const [record] = await sut.hydrate(connection(), { kind: 'shipment', externalId: 'load_123' });

    expect(seen[0].path).toBe('/v1/loads/load_123');
    expect(record).toStrictEqual({
      kind: 'shipment',
      externalId: 'load_123',
      providerUpdatedAt: '2024-03-18T23:36:40.000Z',
      raw: body.data,
    });
  });

  it('reports a missing load as not_found', async () => {
    answer = () => ({ status: 404, body: { error: { code: 'not_found', message: 'Load not found' }, requestId: 'req_4' } });

    await expect(sut.hydrate(connection(), { kind: 'shipment', externalId: 'load_x' })).rejects.toMatchObject({ kind: 'not_found', requestId: 'req_4' });
  });
});
