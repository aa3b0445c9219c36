import { createSpotgoSandbox, type SpotgoSandbox } from './spotgo-sandbox.js';
import { DEFAULT_SPOTGO_KEY } from './spotgo-state.js';
import { orderBody, sg } from './testing/spotgo-test-kit.js';

const KEY = DEFAULT_SPOTGO_KEY;

describe('SpotGo sandbox: POST /api/v1/orders/query', () => {
  let sandbox: SpotgoSandbox;
  let url: string;
  const query = (body?: unknown) => sg(url, 'POST', '/api/v1/orders/query', { key: KEY, body });

  async function scan(filters: Record<string, unknown>, pageSize: number): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const r = await query({ ...filters, pageSize, continuationToken: token ?? undefined });
      expect(r.status).toBe(200);
      expect(Object.keys(r.json)).toEqual(['items', 'continuationToken']);
      expect(r.json.items.length).toBeLessThanOrEqual(pageSize);
      ids.push(...r.json.items.map((o: { orderId: string }) => o.orderId));
      token = r.json.continuationToken;
      pages++;
    } while (token !== null);
    return { ids, pages };
  }

  beforeEach(async () => {
    sandbox = createSpotgoSandbox({ seed: 5, orders: 57 });
    url = await sandbox.listen(0);
  });
  afterEach(() => sandbox.close());

  it('pages through every order with a continuation token (updatedAt, then orderId ascending); the last page has none', async () => {
    const { ids, pages } = await scan({}, 10);
    expect(pages).toBe(6);
    const truth = sandbox.orders();
    const sorted = [...truth].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.orderId.localeCompare(b.orderId));
    expect(ids).toEqual(sorted.map((o) => o.orderId));
    // An empty body is a query for everything with the default page size (50).
    const all = await query();
    expect(all.json.items).toHaveLength(50);
    expect(all.json.items[0]).toEqual(sorted[0]);
  });

  it('an order updated during a scan moves to the end and is read again; nothing is missed', async () => {
    const first = await query({ pageSize: 20 });
    const seen = first.json.items[0];
    await sg(url, 'PUT', `/api/v1/orders/${seen.orderId}`, { key: KEY, body: { internalComments: 'touched mid-scan' } });
    let token = first.json.continuationToken;
    const rest: { orderId: string; internalComments: string }[] = [];
    while (token) {
      const r = await query({ pageSize: 20, continuationToken: token });
      rest.push(...r.json.items);
      token = r.json.continuationToken;
    }
    expect(rest[rest.length - 1]).toMatchObject({ orderId: seen.orderId, internalComments: 'touched mid-scan' });
    expect(new Set([...first.json.items.map((o: { orderId: string }) => o.orderId), ...rest.map((o) => o.orderId)]).size).toBe(57);
  });

  it('filters by status (one or several), carrier (VAT code or name), order number (contains or * ? pattern) and date ranges', async () => {
    const truth = sandbox.orders();
    const inReview = await scan({ status: ['InReview'] }, 7);
    expect(inReview.ids.sort()).toEqual(truth.filter((o) => o.status === 'InReview').map((o) => o.orderId).sort());
    const two = await scan({ status: ['Completed', 'rejected'] }, 100);
    expect(two.ids.sort()).toEqual(truth.filter((o) => o.status === 'Completed' || o.status === 'Rejected').map((o) => o.orderId).sort());

    const vat = truth[0].carrier.vatCode;
    const byVat = await scan({ carrier: vat.toLowerCase() }, 100);
    expect(byVat.ids.sort()).toEqual(truth.filter((o) => o.carrier.vatCode === vat).map((o) => o.orderId).sort());
    const byName = await scan({ carrier: truth[0].carrier.name!.slice(0, 8) }, 100);
    expect(byName.ids).toContain(truth[0].orderId);

    const contains = await scan({ orderNumber: '00001' }, 100);
    expect(contains.ids.sort()).toEqual(truth.filter((o) => o.orderNumber.includes('00001')).map((o) => o.orderId).sort());
    const pattern = await scan({ orderNumber: 'sg-2026-00002?' }, 100);
    expect(pattern.ids.sort()).toEqual(truth.filter((o) => /^SG-2026-00002\d$/.test(o.orderNumber)).map((o) => o.orderId).sort());

    const loading = truth[10].locations.find((l) => l.type === 'Loading')!.startDate!;
    const byLoading = await scan({ loadingDate: { from: loading, to: loading } }, 100);
    expect(byLoading.ids.sort()).toEqual(
      truth.filter((o) => o.locations.some((l) => l.type === 'Loading' && l.startDate === loading)).map((o) => o.orderId).sort(),
    );
    const unloadFrom = '2026-03-25T00:00:00Z';
    const byUnloading = await scan({ unloadingDate: { from: unloadFrom } }, 100);
    expect(byUnloading.ids.sort()).toEqual(
      truth.filter((o) => o.locations.some((l) => l.type === 'Unloading' && l.startDate! >= '2026-03-25T00:00:00.000Z')).map((o) => o.orderId).sort(),
    );
  });

  it('updatedAt range: an incremental poll sees exactly what changed since its mark', async () => {
    const mark = new Date(sandbox.now()).toISOString();
    await sg(url, 'POST', '/api/v1/orders', { key: KEY, body: orderBody('INC-1') });
    const changed = sandbox.orders().find((o) => o.status === 'Created')!;
    await sg(url, 'PUT', `/api/v1/orders/${changed.orderId}`, { key: KEY, body: { internalComments: 'new' } });
    const { ids } = await scan({ updatedAt: { from: mark } }, 100);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(changed.orderId);
  });

  it('refuses a damaged token, a token from another query, and bad filters (400)', async () => {
    const page = await query({ pageSize: 5, status: ['Completed'] });
    const token = page.json.continuationToken as string;
    expect((await query({ pageSize: 5, status: ['Completed'], continuationToken: token })).status).toBe(200);
    const other = await query({ pageSize: 5, status: ['Created'], continuationToken: token });
    expect(other.json).toMatchObject({ status: 400, code: 'InvalidContinuationToken' });
    expect((await query({ continuationToken: 'not-a-token' })).json.code).toBe('InvalidContinuationToken');
    const bad = await query({ status: ['Lost'], pageSize: 1000, loadingDate: { from: 'yesterday' } });
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['loadingDate.from', 'pageSize', 'status']);
  });
});
