import { decodeCursor } from './cursor.js';
import { SANDBOX_ALL_SCOPES } from './trailflow.types.js';
import { createTrailflowSandbox, type TrailflowSandbox } from './trailflow-sandbox.js';
import { call } from './testing/sandbox-test-kit.js';

const KEY = 'tf_test_paging';

describe('TrailFlow sandbox: GET /v1/loads paging over HTTP', () => {
  let sandbox: TrailflowSandbox;
  let url: string;
  const get = (path: string) => call(url, 'GET', path, { key: KEY });

  /** Follows nextCursor from `path` to the end; returns the pages as served. */
  async function drain(path: string, startCursor: string | null = null): Promise<any[][]> {
    const pages: any[][] = [];
    let cursor: string | null = startCursor;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res = await get(cursor === null ? path : `${path}${sep}cursor=${encodeURIComponent(cursor)}`);
      expect(res.status).toBe(200);
      pages.push(res.json.data);
      cursor = res.json.nextCursor;
      if (pages.length > 500) throw new Error('paging never reaches nextCursor: null');
    } while (cursor !== null);
    return pages;
  }

  beforeAll(async () => {
    sandbox = createTrailflowSandbox({ seed: 3, loads: 1000, keys: [{ key: KEY, scopes: SANDBOX_ALL_SCOPES, ratePerMinute: 100_000 }] });
    url = await sandbox.listen(0);
  });
  afterAll(() => sandbox.close());

  it('returns every one of 1,000 loads exactly once, ordered by updatedAt then id, across pages of 100', async () => {
    const pages = await drain('/v1/loads?limit=100');
    const served = pages.flat();
    const expected = sandbox
      .loads()
      .sort((a, b) => a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((l) => l.id);
    expect(served.map((l) => l.id)).toEqual(expected);
    expect(pages.every((p) => p.length === 100)).toBe(true);

    // The case this paging exists for must really be present: equal updatedAt on both sides of page boundaries,
    // including a block that covers a whole page.
    const straddles = pages.slice(1).filter((p, i) => p[0].updatedAt === pages[i][pages[i].length - 1].updatedAt);
    expect(straddles.length).toBeGreaterThanOrEqual(2);
    expect(pages.some((p) => p[0].updatedAt === p[p.length - 1].updatedAt)).toBe(true);
  });

  it('encodes the cursor as base64 JSON {updatedAt, excludedIds} (README assumption 1)', async () => {
    const res = await get('/v1/loads?limit=100');
    const last = res.json.data[99];
    const cursor = decodeCursor(res.json.nextCursor);
    expect(cursor.updatedAt).toBe(last.updatedAt);
    expect(cursor.excludedIds).toEqual(res.json.data.filter((l: any) => l.updatedAt === last.updatedAt).map((l: any) => l.id));
  });

  it('defaults to 50 per page and embeds nothing unless asked', async () => {
    const res = await get('/v1/loads');
    expect(res.json.data).toHaveLength(50);
    expect(Object.keys(res.json.data[0])).toEqual([
      'id', 'externalId', 'orderNumber', 'status', 'eligibleForTracking', 'rate', 'notes', 'customerId', 'carrierId', 'vehicleId',
      'createdAt', 'updatedAt',
    ]);
  });

  it('embeds exactly what include lists', async () => {
    const res = await get('/v1/loads?limit=5&include=tracking,stops');
    for (const load of res.json.data) {
      expect(load).toHaveProperty('tracking');
      expect(load).toHaveProperty('stops');
      expect(load).not.toHaveProperty('customer');
      expect(load).not.toHaveProperty('carrier');
      expect(load).not.toHaveProperty('vehicle');
      expect(load.tracking.loadId).toBe(load.id);
    }
  });

  it('treats updatedAfter as inclusive', async () => {
    const truth = sandbox.loads();
    const counts = new Map<number, number>();
    for (const l of truth) counts.set(l.updatedAt, (counts.get(l.updatedAt) ?? 0) + 1);
    const shared = [...counts.entries()].find(([, n]) => n > 1)![0];
    const served = (await drain(`/v1/loads?limit=100&updatedAfter=${shared}`)).flat();
    expect(served.map((l) => l.id).sort()).toEqual(truth.filter((l) => l.updatedAt >= shared).map((l) => l.id).sort());
    expect(served.filter((l) => l.updatedAt === shared)).toHaveLength(counts.get(shared)!);
  });

  it('filters by statuses, eligibleOnly and externalId', async () => {
    const truth = sandbox.loads();
    const byStatus = (await drain('/v1/loads?limit=100&statuses=DRAFT,CANCELLED')).flat();
    expect(byStatus.map((l) => l.id).sort()).toEqual(truth.filter((l) => ['DRAFT', 'CANCELLED'].includes(l.status)).map((l) => l.id).sort());
    const eligible = (await drain('/v1/loads?limit=100&eligibleOnly=true')).flat();
    expect(eligible.length).toBe(truth.filter((l) => ['ASSIGNED', 'LOADED', 'IN_TRANSIT'].includes(l.status)).length);
    expect(eligible.every((l) => l.eligibleForTracking)).toBe(true);
    const one = await get(`/v1/loads?externalId=${truth[41].externalId}`);
    expect(one.json.data.map((l: any) => l.id)).toEqual([truth[41].id]);
    expect(one.json.nextCursor).toBeNull();
  });

  it('keeps paging correct when loads change between pages: changed loads come again at their new updatedAt', async () => {
    const first = await get('/v1/loads?limit=100');
    const changed = sandbox.advance(60_000, { changes: 50 });
    const rest = (await drain('/v1/loads?limit=100', first.json.nextCursor)).flat();
    const seen = [...first.json.data, ...rest].map((l) => l.id);
    expect(new Set(seen).size).toBe(1000);
    const tail = rest.slice(-changed.length).map((l) => l.id).sort();
    expect(tail).toEqual([...changed].sort());
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['updatedAfter=yesterday', 'updatedAfter'],
    ['statuses=NOPE', 'statuses'],
    ['include=driver', 'include'],
    ['eligibleOnly=yes', 'eligibleOnly'],
    ['cursor=bm90IGpzb24', 'Invalid cursor'],
  ])('answers 400 bad_request naming the parameter for %s', async (query, named) => {
    const res = await get(`/v1/loads?${query}`);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('bad_request');
    expect(res.json.error.message).toContain(named);
  });

  it('GET /v1/loads/{id} accepts the id or the externalId and embeds everything', async () => {
    const truth = sandbox.loads()[7];
    for (const ref of [truth.id, truth.externalId]) {
      const res = await get(`/v1/loads/${ref}`);
      expect(res.status).toBe(200);
      expect(res.json.data).toEqual(truth);
    }
    const missing = await get('/v1/loads/load_999999');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not_found');
  });

  it('GET /v1/tracking/{loadId} answers the tracking state, with a reason for ineligible loads', async () => {
    const truth = sandbox.loads();
    const draft = truth.find((l) => l.status === 'DRAFT')!;
    const res = await get(`/v1/tracking/${draft.externalId}`);
    expect(res.json.data).toEqual({ ...draft.tracking, eligibilityReason: 'load_status_not_trackable', eligibleForTracking: false });
    const moving = truth.find((l) => l.status === 'IN_TRANSIT' && l.tracking.lastKnownLocation !== null)!;
    expect((await get(`/v1/tracking/${moving.id}`)).json.data.lastKnownLocation).toEqual(moving.tracking.lastKnownLocation);
  });

  it.each(['customers', 'carriers'])('pages /v1/%s with limit and cursor, every item once', async (kind) => {
    const pages = await drain(`/v1/${kind}?limit=7`);
    const ids = pages.flat().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(7);
    expect(pages.flat()[0]).toHaveProperty('updatedAt');
  });
});
