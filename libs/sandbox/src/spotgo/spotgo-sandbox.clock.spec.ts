import { AUTO_ACCEPT_SECONDS, PROCESSING_SECONDS } from './order-commands.js';
import { createSpotgoSandbox, type SpotgoSandbox } from './spotgo-sandbox.js';
import { DEFAULT_SPOTGO_KEY, DEFAULT_SPOTGO_START } from './spotgo-state.js';
import { multipartBody, orderBody, sg } from './testing/spotgo-test-kit.js';

const MINUTE = 60_000;
const KEY = DEFAULT_SPOTGO_KEY;

describe('SpotGo sandbox: the clock', () => {
  const open: SpotgoSandbox[] = [];
  const make = (opts: Parameters<typeof createSpotgoSandbox>[0]) => {
    const s = createSpotgoSandbox(opts);
    open.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it('starts at the fixed instant; the same seed gives the same data and the same changes', async () => {
    const a = make({ seed: 4, orders: 30 });
    const b = make({ seed: 4, orders: 30 });
    expect(a.now()).toBe(DEFAULT_SPOTGO_START);
    expect(a.orders()).toEqual(b.orders());
    expect((await a.advance(10 * MINUTE)).changes).toEqual((await b.advance(10 * MINUTE)).changes);
    expect(a.orders()).toEqual(b.orders());
    expect(make({ seed: 5, orders: 30 }).orders()).not.toEqual(a.orders());
  });

  it('carriers open share links (Created → Active) and upload documents (Processing); processing ends → InReview', async () => {
    const s = make({ seed: 8, orders: 30, workflow: 'B' });
    const created = s.orders().filter((o) => o.status === 'Created').length;
    expect(created).toBeGreaterThanOrEqual(2);
    const opened = await s.advance(MINUTE, { changes: 2, kinds: ['opened'] });
    expect(opened.changes.filter((c) => c.kind === 'opened')).toHaveLength(2);
    expect(s.orders().filter((o) => o.status === 'Created')).toHaveLength(created - 2);
    for (const c of opened.changes.filter((x) => x.kind === 'opened')) expect(c.orderStatus).toBe('Active');

    const up = await s.advance(MINUTE, { changes: 1, kinds: ['uploaded'] });
    const [u] = up.changes.filter((c) => c.kind === 'uploaded');
    expect(u).toMatchObject({ documentStatus: 'Processing', at: s.now() });
    const doc = () => s.orders().find((o) => o.orderId === u.orderId)!.documents.find((d) => d.documentId === u.documentId)!;
    expect(doc()).toMatchObject({ status: 'Processing', source: 'Carrier', uploadedAt: new Date(s.now()).toISOString() });

    const later = await s.advance(PROCESSING_SECONDS[1] * 1000, { changes: 0 });
    const processed = later.changes.find((c) => c.documentId === u.documentId)!;
    expect(processed).toMatchObject({ kind: 'processed', documentStatus: 'InReview', orderStatus: 'InReview' });
    expect(processed.at).toBeLessThanOrEqual(later.now);
    expect(doc().status).toBe('InReview');
    // Workflow B: it waits for the broker, however long.
    await s.advance(24 * 60 * MINUTE, { changes: 0 });
    expect(doc().status).toBe('InReview');
  });

  it('generated Processing documents finish within 5 minutes of the start', async () => {
    const s = make({ seed: 8, orders: 40, workflow: 'B' });
    const processing = s.orders().flatMap((o) => o.documents.filter((d) => d.status === 'Processing'));
    expect(processing.length).toBeGreaterThan(0);
    const { changes } = await s.advance(PROCESSING_SECONDS[1] * 1000, { changes: 0 });
    expect(changes.filter((c) => c.kind === 'processed').map((c) => c.documentId).sort()).toEqual(processing.map((d) => d.documentId).sort());
    expect(s.orders().flatMap((o) => o.documents).filter((d) => d.status === 'Processing')).toEqual([]);
  });

  it('workflow A: SpotGo accepts documents in review itself; the order completes once every required type is accepted', async () => {
    const s = make({ seed: 8, orders: 40, workflow: 'A' });
    const inReview = s.orders().flatMap((o) => o.documents.filter((d) => d.status === 'InReview'));
    expect(inReview.length).toBeGreaterThan(0);
    const { changes } = await s.advance((PROCESSING_SECONDS[1] + AUTO_ACCEPT_SECONDS[1]) * 1000, { changes: 0 });
    const accepted = changes.filter((c) => c.kind === 'accepted');
    for (const d of inReview) expect(accepted.map((c) => c.documentId)).toContain(d.documentId);
    // Documents still processing at the start are processed, then accepted, in the same move.
    expect(changes.filter((c) => c.kind === 'processed').every((p) => accepted.some((a) => a.documentId === p.documentId && a.at > p.at))).toBe(true);
    expect(s.orders().flatMap((o) => o.documents).filter((d) => d.status === 'InReview' || d.status === 'Processing')).toEqual([]);
    const completed = changes.filter((c) => c.kind === 'completed');
    expect(completed.length).toBeGreaterThan(0);
    for (const c of completed) expect(s.orders().find((o) => o.orderId === c.orderId)!.status).toBe('Completed');
  });

  it('workflow per order: a function of the order number decides, for generated and API-created orders', async () => {
    const s = make({ seed: 8, orders: 0, workflow: (n) => (n.startsWith('A-') ? 'A' : 'B') });
    const url = await s.listen(0);
    const ids: Record<string, string> = {};
    for (const n of ['A-1', 'B-1']) {
      const { json: order } = await sg(url, 'POST', '/api/v1/orders', { key: KEY, body: orderBody(n) });
      const { body, contentType } = multipartBody([{ name: 'documentType', value: 'invoice' }, { name: 'file', filename: 'x.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF') }]);
      await sg(url, 'POST', `/api/v1/orders/${order.orderId}/documents`, { key: KEY, raw: body, contentType });
      ids[n] = order.orderId;
    }
    // The broker's own uploads are accepted once processed (nobody reviews them), whatever the workflow.
    await s.advance(PROCESSING_SECONDS[1] * 1000, { changes: 0 });
    for (const id of Object.values(ids)) expect(s.orders().find((o) => o.orderId === id)!.documents[0].status).toBe('Accepted');
    // Carrier uploads: A is accepted by the clock, B waits.
    await s.advance(MINUTE, { changes: 0 });
    for (let i = 0; i < 20; i++) await s.advance(MINUTE, { changes: 1, kinds: ['opened', 'uploaded'] });
    await s.advance((PROCESSING_SECONDS[1] + AUTO_ACCEPT_SECONDS[1]) * 1000, { changes: 0 });
    const docs = (id: string) => s.orders().find((o) => o.orderId === id)!.documents.filter((d) => d.source === 'Carrier');
    expect(docs(ids['A-1']).length).toBeGreaterThan(0);
    expect(docs(ids['B-1']).length).toBeGreaterThan(0);
    expect(docs(ids['A-1']).every((d) => d.status === 'Accepted')).toBe(true);
    expect(docs(ids['B-1']).every((d) => d.status === 'InReview')).toBe(true);
  });

  it('refuses bad moves and unknown kinds; reset restores the start', async () => {
    const s = make({ seed: 1, orders: 10 });
    const before = s.orders();
    expect(() => s.advance(0)).toThrow(/positive/);
    expect(() => s.advance(MINUTE, { kinds: ['accepted' as never] })).toThrow(/unknown change/);
    await s.advance(60 * MINUTE);
    expect(s.orders()).not.toEqual(before);
    s.reset();
    expect(s.now()).toBe(DEFAULT_SPOTGO_START);
    expect(s.orders()).toEqual(before);
  });
});
