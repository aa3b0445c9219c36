import { call } from '../trailflow/testing/sandbox-test-kit.js';
import { DEFAULT_CARRIERPACKET_KEY } from './carrierpacket-state.js';
import { createCarrierpacketSandbox, type CarrierpacketSandbox } from './carrierpacket-sandbox.js';

const KEY = DEFAULT_CARRIERPACKET_KEY;
const FENCED = 'cpl_fenced_key';
const LOCAL_ONLY = 'cpl_local_key';

describe('CarrierPacket sandbox: auth, envelopes, pagination, ordering, filters', () => {
  let sandbox: CarrierpacketSandbox;
  let url: string;
  const get = (path: string, key: string | null = KEY) => call(url, 'GET', path, { key });

  /** Every page of a list, `limit` rows at a time, until has_more is false. */
  async function scan(path: string, limit = 200): Promise<any[]> {
    const rows: any[] = [];
    for (let page = 1; ; page++) {
      const res = await get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&limit=${limit}`);
      expect(res.status).toBe(200);
      rows.push(...res.json.data);
      if (!res.json.pagination.has_more) return rows;
      if (page > 1000) throw new Error('has_more never false');
    }
  }

  beforeAll(async () => {
    sandbox = createCarrierpacketSandbox({
      seed: 3,
      submissions: 450,
      keys: [{ key: KEY }, { key: FENCED, allowIps: ['10.20.30.40', '192.0.2.1'] }, { key: LOCAL_ONLY, allowIps: ['10.20.30.40', '127.0.0.1'] }],
    });
    url = await sandbox.listen(0);
  });
  afterAll(() => sandbox.close());

  describe('auth', () => {
    it('accepts Authorization: Bearer and ?api_key=', async () => {
      expect((await get('/submissions?limit=1')).status).toBe(200);
      const viaQuery = await get(`/submissions?limit=1&api_key=${KEY}`, null);
      expect(viaQuery.status).toBe(200);
      expect(viaQuery.json.data).toEqual((await get('/submissions?limit=1')).json.data);
    });

    it('answers 401 unauthorized for a missing, malformed or unknown key, in the REST error envelope only', async () => {
      const answers = [
        await get('/submissions', null),
        await get('/submissions', 'cpl_unknown'),
        await call(url, 'GET', '/submissions', { headers: { authorization: `Basic ${KEY}` } }),
        await call(url, 'GET', '/submissions', { headers: { authorization: 'Bearer' } }),
        // A malformed header is refused even with a good ?api_key.
        await call(url, 'GET', `/submissions?api_key=${KEY}`, { headers: { authorization: 'Token x' } }),
        await get('/submissions?api_key=', null),
      ];
      for (const res of answers) {
        expect(res.status).toBe(401);
        expect(res.json).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
      }
      expect(answers[1].json.error.message).toBe('Invalid or revoked API key.');
    });

    it('answers 403 ip_not_allowed when the caller is not on the key’s allowlist (127.0.0.1 here)', async () => {
      const res = await get('/submissions', FENCED);
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ error: { code: 'ip_not_allowed', message: "Your IP (127.0.0.1) isn't on this key's allowlist." } });
      expect((await get(`/documents?api_key=${FENCED}`, null)).status).toBe(403);
      expect((await get('/submissions', LOCAL_ONLY)).status).toBe(200);
    });

    it('checks the key before anything else: an unknown route still 404s, a bad parameter needs a key first', async () => {
      expect((await get('/submissions?status=99', null)).status).toBe(401);
      expect((await get('/submissions?status=99')).status).toBe(400);
      const unknown = await get('/carriers');
      expect(unknown.status).toBe(404);
      expect(unknown.json).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    });
  });

  describe('envelopes and pagination', () => {
    it('serves the same API at the root and under /api/v1', async () => {
      for (const path of ['/submissions?limit=3', '/submissions/5', '/documents?limit=3', '/submissions/5/documents', '/packets', '/packets/2']) {
        const root = await get(path);
        expect(root.status).toBe(200);
        expect((await get(`/api/v1${path}`)).json).toEqual(root.json);
      }
    });

    it('wraps one object in { data } and a list in { data, pagination: { page, limit, total, has_more } }', async () => {
      const one = await get('/submissions/1');
      expect(Object.keys(one.json)).toEqual(['data']);
      expect(one.json.data).toEqual(sandbox.submissions()[0]);
      const list = await get('/submissions');
      expect(Object.keys(list.json)).toEqual(['data', 'pagination']);
      expect(list.json.pagination).toEqual({ page: 1, limit: 50, total: 450, has_more: true });
      expect(list.json.data).toHaveLength(50);
      expect(list.headers.get('content-type')).toMatch(/^application\/json/);
    });

    it('honours limit up to 200 and reports has_more and total at the boundaries', async () => {
      const max = await get('/submissions?limit=200&page=2');
      expect(max.json.data).toHaveLength(200);
      expect(max.json.pagination).toEqual({ page: 2, limit: 200, total: 450, has_more: true });
      const last = await get('/submissions?limit=200&page=3');
      expect(last.json.data).toHaveLength(50);
      expect(last.json.pagination.has_more).toBe(false);
      const exact = await get('/submissions?limit=150&page=3');
      expect(exact.json.data).toHaveLength(150);
      expect(exact.json.pagination.has_more).toBe(false);
      const past = await get('/submissions?limit=200&page=9');
      expect(past.status).toBe(200);
      expect(past.json).toEqual({ data: [], pagination: { page: 9, limit: 200, total: 450, has_more: false } });
    });

    it.each([
      '/submissions?limit=201', '/submissions?limit=0', '/submissions?limit=-5', '/submissions?limit=1.5', '/submissions?limit=ten',
      '/submissions?page=0', '/submissions?page=abc', '/submissions?page=', '/submissions?page=1&page=2', '/submissions?status=99',
      '/submissions?status=5', '/submissions?status=-1', '/submissions?status=two', '/submissions?status=', '/documents?doc_type=pdf',
      '/documents?doc_type=COI', '/documents?submission_id=x', '/documents?submission_id=-3', '/documents?expiring_within=-1',
      '/documents?expiring_within=7.5', '/packets?status=3', '/submissions/4/documents?limit=500',
    ])('answers 400 bad_request for %s', async (path) => {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    });

    it('ignores parameters it does not know', async () => {
      expect((await get('/submissions?limit=2&updated_after=2026-01-01')).status).toBe(200);
    });

    it.each(['/submissions/99999', '/submissions/abc', '/submissions/99999/documents', '/documents/999999', '/packets/99', '/documents/1/file'])(
      'answers 404 not_found for %s',
      async (path) => {
        const res = await get(path);
        expect(res.status).toBe(404);
        expect(res.json).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
      },
    );
  });

  describe('ordering and filters', () => {
    it('lists submissions newest first (id descending) across pages', async () => {
      const served = await scan('/submissions', 70);
      expect(served.map((s) => s.id)).toEqual(sandbox.submissions().map((s) => s.id).reverse());
      expect(served).toEqual([...sandbox.submissions()].reverse());
    });

    it('filters submissions by every status 0–4, totals included', async () => {
      for (const status of [0, 1, 2, 3, 4]) {
        const expected = sandbox.submissions().filter((s) => s.status === status).map((s) => s.id).reverse();
        expect(expected.length).toBeGreaterThan(0);
        const served = await scan(`/submissions?status=${status}`, 25);
        expect(served.map((s) => s.id)).toEqual(expected);
        expect((await get(`/submissions?status=${status}&limit=1`)).json.pagination.total).toBe(expected.length);
      }
    });

    it('lists documents soonest expiry first, documents without expiry last, ties by id', async () => {
      const served = await scan('/documents', 200);
      expect(served).toHaveLength(sandbox.documents().length);
      const key = (d: any) => [d.expires_on ?? '9999-99-99', d.id] as const;
      const sorted = [...sandbox.documents()].sort((a, b) => {
        const [ea, ia] = key(a);
        const [eb, ib] = key(b);
        return ea < eb ? -1 : ea > eb ? 1 : ia - ib;
      });
      expect(served).toEqual(sorted);
      const firstNull = served.findIndex((d) => d.expires_on === null);
      expect(firstNull).toBeGreaterThan(0);
      expect(served.slice(firstNull).every((d) => d.expires_on === null)).toBe(true);
      // Ties exist and are ordered by id.
      const ties = served.filter((d, i) => i > 0 && d.expires_on !== null && d.expires_on === served[i - 1].expires_on);
      expect(ties.length).toBeGreaterThan(0);
    });

    it('filters documents by doc_type and submission_id, keeping the order', async () => {
      const coi = await scan('/documents?doc_type=coi');
      expect(coi.length).toBeGreaterThan(0);
      expect(coi.every((d) => d.doc_type === 'coi')).toBe(true);
      expect(coi.map((d) => d.id)).toEqual((await scan('/documents')).filter((d) => d.doc_type === 'coi').map((d) => d.id));
      const sub = sandbox.documents().find((d) => d.expires_on !== null)!.submission_id;
      const own = await scan(`/documents?submission_id=${sub}`);
      expect(own.map((d) => d.id).sort((a, b) => a - b)).toEqual(sandbox.documents().filter((d) => d.submission_id === sub).map((d) => d.id));
      expect((await get('/documents?submission_id=99999')).json).toEqual({ data: [], pagination: { page: 1, limit: 50, total: 0, has_more: false } });
    });

    it('expiring_within=N keeps dated documents with days_until_expiry <= N, expired ones included, undated ones never', async () => {
      for (const n of [0, 7, 30]) {
        const served = await scan(`/documents?expiring_within=${n}`);
        const expected = sandbox.documents().filter((d) => d.days_until_expiry !== null && d.days_until_expiry <= n);
        expect(served.map((d) => d.id).sort((a, b) => a - b)).toEqual(expected.map((d) => d.id));
        expect(served.every((d) => d.expires_on !== null)).toBe(true);
        expect(served.some((d) => d.days_until_expiry < 0)).toBe(true);
        if (n > 0) expect(served.some((d) => d.days_until_expiry === n || d.days_until_expiry === n - 1)).toBe(true);
      }
      const both = await scan('/documents?expiring_within=30&doc_type=coi');
      expect(both.every((d) => d.doc_type === 'coi' && d.days_until_expiry <= 30)).toBe(true);
    });

    it('derives days_until_expiry from expires_on and the sandbox date (UTC here: 2026-11-01)', async () => {
      const today = Date.UTC(2026, 10, 1);
      for (const d of (await get('/documents?limit=200')).json.data) {
        expect(d.days_until_expiry).toBe(d.expires_on === null ? null : (Date.parse(`${d.expires_on}T00:00:00Z`) - today) / 86_400_000);
      }
    });

    it('lists one submission’s documents by id ascending, with the REST document fields in order', async () => {
      const withMany = sandbox.submissions().find((s) => sandbox.documents().filter((d) => d.submission_id === s.id).length >= 3)!;
      const res = await get(`/submissions/${withMany.id}/documents`);
      expect(res.json.data.map((d: any) => d.id)).toEqual(sandbox.documents().filter((d) => d.submission_id === withMany.id).map((d) => d.id));
      expect(Object.keys(res.json.data[0])).toEqual([
        'id', 'submission_id', 'doc_type', 'original_filename', 'mime_type', 'size_bytes', 'expires_on', 'days_until_expiry', 'created',
      ]);
      expect(res.json.pagination).toEqual({ page: 1, limit: 50, total: res.json.data.length, has_more: false });
      expect((await get(`/documents/${res.json.data[0].id}`)).json.data).toEqual(res.json.data[0]);
    });

    it('lists packets without settings and embed_token, gets one with them, filters by status', async () => {
      const list = await get('/packets');
      expect(list.json.data.map((p: any) => p.id)).toEqual([1, 2, 3, 4, 5]);
      expect(list.json.data[0]).not.toHaveProperty('settings');
      expect(list.json.data[0]).not.toHaveProperty('embed_token');
      const one = await get('/packets/2');
      expect(one.json.data).toEqual(sandbox.packets()[1]);
      expect(one.json.data.settings.docs).toEqual(expect.objectContaining({ w9: true, coi: true }));
      expect(one.json.data.embed_token).toMatch(/^[0-9a-f]{32}$/);
      for (const status of [0, 1, 2]) {
        const served = (await get(`/packets?status=${status}`)).json.data;
        expect(served.length).toBeGreaterThan(0);
        expect(served.every((p: any) => p.status === status)).toBe(true);
      }
    });
  });

  describe('faults', () => {
    afterEach(() => sandbox.setFaults({ errorRate: 0, dropRate: 0 }));

    it('errorRate: 500 server_error; auth is still checked first', async () => {
      sandbox.setFaults({ errorRate: 1 });
      const res = await get('/submissions');
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ error: { code: 'server_error', message: expect.any(String) } });
      expect((await get('/submissions', 'cpl_unknown')).status).toBe(401);
      sandbox.setFaults({ errorRate: 0 });
      expect((await get('/submissions')).status).toBe(200);
    });

    it('dropRate: the connection closes with no answer (a network failure)', async () => {
      sandbox.setFaults({ dropRate: 1 });
      await expect(get('/documents')).rejects.toThrow();
      sandbox.setFaults({ dropRate: 0 });
      expect((await get('/documents')).status).toBe(200);
    });

    it('refuses unknown knobs and shares outside 0..1', () => {
      expect(() => sandbox.setFaults({ errorRate: 2 })).toThrow(/errorRate/);
      expect(() => sandbox.setFaults({ slowRate: 1 } as never)).toThrow(/slowRate/);
    });
  });
});

describe('CarrierPacket sandbox: a 10,000-submission scan', () => {
  it('generates 10,000 submissions and serves every page of both scans quickly', async () => {
    const t0 = performance.now();
    const sandbox = createCarrierpacketSandbox({ submissions: 10_000 });
    const url = await sandbox.listen(0);
    try {
      const seen = new Set<number>();
      for (let page = 1; page <= 50; page++) {
        const res = await call(url, 'GET', `/submissions?page=${page}&limit=200`, { key: KEY });
        for (const s of res.json.data) seen.add(s.id);
      }
      let docs = 0;
      for (let page = 1; ; page++) {
        const res = await call(url, 'GET', `/documents?page=${page}&limit=200`, { key: KEY });
        docs += res.json.data.length;
        if (!res.json.pagination.has_more) break;
      }
      expect(seen.size).toBe(10_000);
      expect(docs).toBe(sandbox.documents().length);
      expect(performance.now() - t0).toBeLessThan(15_000);
    } finally {
      await sandbox.close();
    }
  });
});
