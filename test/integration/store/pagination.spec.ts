import { mergeItem } from '../../support/merge-items.js';
import { openTestStore, type TestStore } from '../../support/test-store.js';

const T0 = Date.UTC(2026, 2, 1);

describe(`shipment keyset pagination (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
    const items = Array.from({ length: 120 }, (_, i) => mergeItem(`load_${i}`, T0 + i, { reference: `ORD-${i}`, status: i % 2 ? 'IN_TRANSIT' : 'ASSIGNED' }));
    // One batch: every row gets the same updated_at, so ties on the first sort key cross page boundaries.
    await store.merge.merge(items);
  });
  afterAll(() => store.close());

  it('returns every row exactly once while rows are being inserted', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let inserted = 0;
    do {
      const page = await store.shipments.list({ limit: 7, cursor });
      seen.push(...page.data.map((s) => s.reference!));
      cursor = page.nextCursor ?? undefined;
      if (cursor && inserted < 30) {
        await store.merge.merge([mergeItem(`new_${inserted}`, T0 + 10_000 + inserted, { reference: `NEW-${inserted}`, status: 'DRAFT' })]);
        inserted++;
      }
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (let i = 0; i < 120; i++) expect(seen).toContain(`ORD-${i}`);
    // Rows inserted during the walk sort after the cursor and are served too.
    expect(seen.filter((r) => r.startsWith('NEW-')).length).toBe(inserted);
  });

  it('filters by status and reference', async () => {
    const page = await store.shipments.list({ limit: 200, status: ['IN_TRANSIT'] });
    expect(page.data.length).toBe(60);
    expect(page.data.every((s) => s.status === 'IN_TRANSIT')).toBe(true);
    const one = await store.shipments.list({ limit: 10, reference: 'ORD-7' });
    expect(one.data.map((s) => s.reference)).toEqual(['ORD-7']);
  });

  it('refuses a cursor it did not issue', async () => {
    await expect(store.shipments.list({ limit: 5, cursor: 'not-a-cursor' })).rejects.toMatchObject({ field: 'cursor' });
  });
});
