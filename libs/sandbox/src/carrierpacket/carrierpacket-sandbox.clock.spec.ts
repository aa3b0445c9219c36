import { call } from '../trailflow/testing/sandbox-test-kit.js';
import { DEFAULT_CARRIERPACKET_KEY } from './carrierpacket-state.js';
import { createCarrierpacketSandbox, type CarrierpacketSandbox } from './carrierpacket-sandbox.js';

const KEY = DEFAULT_CARRIERPACKET_KEY;
const MINUTE = 60_000;

describe('CarrierPacket sandbox: the clock', () => {
  let sandbox: CarrierpacketSandbox;
  let url: string;
  const get = (path: string) => call(url, 'GET', path, { key: KEY });
  const utcText = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

  beforeEach(async () => {
    sandbox = createCarrierpacketSandbox({ seed: 4, submissions: 120 });
    url = await sandbox.listen(0);
  });
  afterEach(() => sandbox.close());

  it('starts at 2026-11-01T12:00Z by default and moves by whole positive milliseconds', async () => {
    expect(sandbox.now()).toBe(Date.UTC(2026, 10, 1, 12));
    const result = await sandbox.advance(90_000, { changes: 0 });
    expect(result).toEqual({ now: Date.UTC(2026, 10, 1, 12, 1, 30), changes: [], deliveries: [] });
    expect(sandbox.now()).toBe(result.now);
    expect(() => sandbox.advance(0)).toThrow(RangeError);
    expect(() => sandbox.advance(1.5)).toThrow(RangeError);
    expect(() => sandbox.advance(1, { changes: -1 })).toThrow(RangeError);
    expect(() => sandbox.advance(1, { kinds: ['deleted' as never] })).toThrow(/deleted/);
  });

  it('applies 10 seeded changes by default, the same ones for the same seed', async () => {
    const twin = createCarrierpacketSandbox({ seed: 4, submissions: 120 });
    const a = [await sandbox.advance(MINUTE), await sandbox.advance(MINUTE, { changes: 25 })];
    const b = [await twin.advance(MINUTE), await twin.advance(MINUTE, { changes: 25 })];
    expect(a[0].changes).toHaveLength(10);
    expect(a[1].changes).toHaveLength(25);
    expect(b).toEqual(a);
    expect(twin.submissions()).toEqual(sandbox.submissions());
    expect(twin.documents()).toEqual(sandbox.documents());
    const kinds = new Set(a.flatMap((r) => r.changes.map((c) => c.kind)));
    expect(kinds).toEqual(new Set(['created', 'verified', 'rejected', 'archived', 'renewed']));
    await twin.close();
  });

  it('creates submissions with the next ids: new flow at status 0 (carrier.intent), old flow at status 1 (carrier.signed)', async () => {
    const before = sandbox.submissions();
    const packets = new Map(sandbox.packets().map((p) => [p.id, p]));
    const { now, changes } = await sandbox.advance(5 * MINUTE, { changes: 20, kinds: ['created'] });
    expect(changes.map((c) => c.submissionId)).toEqual(Array.from({ length: 20 }, (_, i) => 121 + i));
    const byId = new Map(sandbox.submissions().map((s) => [s.id, s]));
    const stamp = utcText(now);
    for (const c of changes) {
      const s = byId.get(c.submissionId)!;
      expect(c.previousStatus).toBeNull();
      expect(c.status).toBe(s.status);
      expect(c.events).toEqual(s.status === 0 ? ['carrier.intent'] : ['carrier.signed']);
      expect([s.signed_at, s.created, s.updated]).toEqual([stamp, stamp, stamp]);
      expect(s.email_verified_at).toBeNull();
      expect(packets.get(s.packet_id)!.status).toBe(1); // only active packets take signatures
      for (const d of sandbox.documents().filter((d) => d.submission_id === s.id)) expect(d.created).toBe(stamp);
    }
    expect(new Set(changes.map((c) => c.status))).toEqual(new Set([0, 1]));
    const counts = sandbox.packets().map((p) => p.signed_count - before.filter((s) => s.packet_id === p.id).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(20);
    expect((await get('/submissions?limit=1')).json.data[0].id).toBe(140);
  });

  it('verifies (0→2 and 1→2), rejects (→3) and archives (→4), stamping updated with the clock', async () => {
    const before = new Map(sandbox.submissions().map((s) => [s.id, s]));
    const { now, changes } = await sandbox.advance(MINUTE, { changes: 30, kinds: ['verified', 'rejected', 'archived'] });
    const after = new Map(sandbox.submissions().map((s) => [s.id, s]));
    const stamp = utcText(now);
    const seen = new Set<string>();
    for (const c of changes) {
      const s = after.get(c.submissionId)!;
      expect(s.updated).toBe(stamp);
      seen.add(`${c.previousStatus}->${c.status}`);
      if (c.kind === 'verified') {
        expect([0, 1]).toContain(c.previousStatus);
        expect(c.events).toEqual(c.previousStatus === 0 ? ['carrier.signed', 'carrier.verified'] : ['carrier.verified']);
      }
      if (c.kind === 'rejected') expect(c.events).toEqual(['carrier.rejected']);
      if (c.kind === 'archived') expect(c.events).toEqual([]);
    }
    for (const c of changes.filter((c) => c.kind === 'verified')) expect(after.get(c.submissionId)!.email_verified_at).toBe(stamp);
    expect([...seen]).toEqual(expect.arrayContaining(['0->2', '1->2']));
    expect(changes.some((c) => c.status === 3) && changes.some((c) => c.status === 4)).toBe(true);
    // Submissions nobody touched keep their row exactly.
    const touched = new Set(changes.map((c) => c.submissionId));
    for (const [id, s] of before) if (!touched.has(id)) expect(after.get(id)).toEqual(s);
  });

  it('renews a dated document in place: same id, later expires_on, new file, created = now; the submission is untouched', async () => {
    const docsBefore = new Map(sandbox.documents().map((d) => [d.id, d]));
    const subsBefore = sandbox.submissions();
    const { now, changes } = await sandbox.advance(MINUTE, { changes: 8, kinds: ['renewed'] });
    expect(changes).toHaveLength(8);
    const docsAfter = new Map(sandbox.documents().map((d) => [d.id, d]));
    for (const c of changes) {
      expect(c.events).toEqual([]);
      const old = docsBefore.get(c.documentId!)!;
      const renewed = docsAfter.get(c.documentId!)!;
      expect(renewed.submission_id).toBe(old.submission_id);
      expect(renewed.doc_type).toBe(old.doc_type);
      expect(old.expires_on).not.toBeNull();
      expect(renewed.expires_on! > old.expires_on!).toBe(true);
      expect(renewed.days_until_expiry).toBeGreaterThan(300);
      expect(renewed.original_filename).not.toBe(old.original_filename);
      expect(renewed.size_bytes).toBeLessThanOrEqual(10 * 1024 * 1024);
      expect(renewed.created).toBe(utcText(now));
      // Due documents (expired or within 30 days) are renewed first.
      expect(old.days_until_expiry!).toBeLessThanOrEqual(30);
    }
    expect(sandbox.submissions()).toEqual(subsBefore);
    expect(docsAfter.size).toBe(docsBefore.size);
    // The renewed documents moved to their new place in the expiry order.
    const first = (await get('/documents?expiring_within=30&limit=200')).json.data.map((d: any) => d.id);
    for (const c of changes) expect(first).not.toContain(c.documentId);
  });

  it('shifts offset pages: a submission created between two page reads makes an id appear on both pages', async () => {
    const page1 = (await get('/submissions?page=1&limit=10')).json.data.map((s: any) => s.id);
    expect(page1).toEqual([120, 119, 118, 117, 116, 115, 114, 113, 112, 111]);
    const { changes } = await sandbox.advance(MINUTE, { changes: 1, kinds: ['created'] });
    expect(changes[0].submissionId).toBe(121);
    const page2 = (await get('/submissions?page=2&limit=10')).json.data.map((s: any) => s.id);
    expect(page2[0]).toBe(111);
    expect(page1.filter((id: number) => page2.includes(id))).toEqual([111]);
    // The new one is on neither page: the next scan (or its webhook) reads it.
    expect([...page1, ...page2]).not.toContain(121);
  });

  it('removes a submission from the tenant: 404, absent from both scans, its id never reused', async () => {
    const victim = sandbox.documents().find((d) => d.expires_on !== null)!;
    const id = victim.submission_id;
    expect(sandbox.remove(id)).toBe(true);
    expect(sandbox.remove(id)).toBe(false);
    expect((await get(`/submissions/${id}`)).status).toBe(404);
    expect((await get(`/submissions/${id}/documents`)).status).toBe(404);
    expect((await get(`/documents/${victim.id}`)).status).toBe(404);
    const all = (await get('/submissions?limit=200')).json;
    expect(all.pagination.total).toBe(119);
    expect(all.data.map((s: any) => s.id)).not.toContain(id);
    expect((await get(`/documents?submission_id=${id}`)).json.data).toEqual([]);
    expect(sandbox.documents().some((d) => d.submission_id === id)).toBe(false);
    expect(sandbox.submissions().some((s) => s.id === id)).toBe(false);
    sandbox.remove(120);
    const { changes } = await sandbox.advance(MINUTE, { changes: 1, kinds: ['created'] });
    expect(changes[0].submissionId).toBe(121);
  });

  it('reset: back to the data, clock and state right after creation', async () => {
    const submissions = sandbox.submissions();
    const documents = sandbox.documents();
    sandbox.addWebhook('http://127.0.0.1:9/hook', ['*']);
    await sandbox.advance(MINUTE, { changes: 15 });
    sandbox.remove(3);
    sandbox.setFaults({ errorRate: 1 });
    sandbox.reset();
    expect(sandbox.now()).toBe(Date.UTC(2026, 10, 1, 12));
    expect(sandbox.submissions()).toEqual(submissions);
    expect(sandbox.documents()).toEqual(documents);
    expect(sandbox.deliveries()).toEqual([]);
    expect((await get('/submissions/3')).status).toBe(200);
    const again = await sandbox.advance(MINUTE, { changes: 15 });
    expect(again.deliveries).toEqual([]); // the endpoint went with the reset
  });
});

describe('CarrierPacket sandbox: broker time zone', () => {
  it('counts days_until_expiry from the broker’s local date across the fall-back day (America/New_York)', async () => {
    // 2026-10-31 23:59 EDT. Local midnight is 04:00Z before the change and 05:00Z after it.
    const sandbox = createCarrierpacketSandbox({ seed: 6, submissions: 60, timezone: 'America/New_York', startTime: Date.UTC(2026, 10, 1, 3, 59) });
    const url = await sandbox.listen(0);
    try {
      const doc = sandbox.documents().find((d) => d.expires_on !== null && d.days_until_expiry! > 5)!;
      const days = async () => (await call(url, 'GET', `/documents/${doc.id}`, { key: KEY })).json.data.days_until_expiry;
      const expected = (localDate: string) => (Date.parse(`${doc.expires_on}T00:00:00Z`) - Date.parse(`${localDate}T00:00:00Z`)) / 86_400_000;

      expect(await days()).toBe(expected('2026-10-31'));
      await sandbox.advance(MINUTE, { changes: 0 }); // 04:00Z = Nov 1 00:00 EDT
      expect(await days()).toBe(expected('2026-11-01'));
      await sandbox.advance(24 * 60 * MINUTE + 59 * MINUTE, { changes: 0 }); // Nov 2 04:59Z = Nov 1 23:59 EST: a 25-hour day
      expect(await days()).toBe(expected('2026-11-01'));
      await sandbox.advance(MINUTE, { changes: 0 }); // 05:00Z = Nov 2 00:00 EST
      expect(await days()).toBe(expected('2026-11-02'));
      const n = expected('2026-11-02');
      const within = async (k: number) =>
        (await call(url, 'GET', `/documents?expiring_within=${k}&limit=200`, { key: KEY })).json.data.some((d: any) => d.id === doc.id);
      expect(await within(n)).toBe(true);
      expect(await within(n - 1)).toBe(false);
    } finally {
      await sandbox.close();
    }
  });

  it('writes datetimes as broker wall time: 01:30 happens twice on the fall-back day', async () => {
    const sandbox = createCarrierpacketSandbox({ seed: 6, submissions: 10, timezone: 'America/New_York', startTime: Date.UTC(2026, 10, 1, 5) });
    try {
      const first = await sandbox.advance(30 * MINUTE, { changes: 1, kinds: ['created'] }); // 05:30Z = 01:30 EDT
      const second = await sandbox.advance(60 * MINUTE, { changes: 1, kinds: ['created'] }); // 06:30Z = 01:30 EST
      const byId = new Map(sandbox.submissions().map((s) => [s.id, s]));
      expect(byId.get(first.changes[0].submissionId)!.created).toBe('2026-11-01 01:30:00');
      expect(byId.get(second.changes[0].submissionId)!.created).toBe('2026-11-01 01:30:00');
      expect(second.changes[0].submissionId).toBe(first.changes[0].submissionId + 1);
    } finally {
      await sandbox.close();
    }
  });
});
