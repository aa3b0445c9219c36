import type { Carrier } from '@waybill/canonical';
import { carrierItem, connection, documentItem, openCarrierStore, type CarrierTestStore } from './carrier-store.fixture.js';

const ENGINE = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const T0 = Date.UTC(2026, 1, 1);
const names = (cs: Carrier[]) => cs.map((c) => c.name);

describe(`carrier queries (${ENGINE})`, () => {
  let store: CarrierTestStore;
  beforeAll(async () => {
    // Tokyo is already on 2026-03-02 when UTC is on 03-01 at 20:00.
    store = await openCarrierStore([connection('carrierpacket', 'cp-tokyo', 'Asia/Tokyo')]);
    store.clock.now = new Date('2026-03-01T20:00:00Z');
    const verified = { status: 'VERIFIED' as const, rawStatus: 'ok', signedAt: null, verifiedAt: null };
    await store.mergeService.merge([
      carrierItem('c1', T0, { name: 'Alpha', identifiers: { mcNumber: 'MC-100' }, compliance: verified }),
      carrierItem('c2', T0, { name: 'Bravo', identifiers: { usdotNumber: '200' }, compliance: { ...verified, status: 'PENDING' } }),
      carrierItem('c3', T0, { name: 'Charlie', identifiers: { vatCode: 'FR 300' } }),
      carrierItem('c4', T0, { name: 'Delta', dispatch: { name: null, email: 'Ops@Delta.com', phone: null } }),
      carrierItem('t1', T0, { name: 'Tokyo', identifiers: { mcNumber: '500' } }, { connectionId: 'cp-tokyo' }),
    ]);
    await store.mergeService.merge([
      documentItem('d1', T0, { owner: { kind: 'carrier', externalId: 'c1' }, expiresOn: '2026-03-20' }), // 19 days
      documentItem('d2', T0, { owner: { kind: 'carrier', externalId: 'c2' }, expiresOn: '2026-02-25' }), // expired, -4
      documentItem('d3', T0, { owner: { kind: 'carrier', externalId: 'c3' }, expiresOn: '2026-06-01' }), // 92 days
      documentItem('d4', T0, { owner: { kind: 'carrier', externalId: 't1' }, expiresOn: '2026-03-04' }, { connectionId: 'cp-tokyo' }), // 2 days in Tokyo
    ]);
  });
  afterAll(() => store.close());

  it('filters on each identifier, normalized as matching normalizes', async () => {
    expect(names((await store.carriers.list({ limit: 10, mcNumber: '100' })).data)).toEqual(['Alpha']);
    expect(names((await store.carriers.list({ limit: 10, usdotNumber: 'USDOT 200' })).data)).toEqual(['Bravo']);
    expect(names((await store.carriers.list({ limit: 10, vatCode: 'fr300' })).data)).toEqual(['Charlie']);
    expect(names((await store.carriers.list({ limit: 10, email: 'OPS@delta.COM' })).data)).toEqual(['Delta']);
    expect((await store.carriers.list({ limit: 10, mcNumber: 'none' })).data).toEqual([]);
  });

  it('filters on compliance status (no status from any provider is UNKNOWN)', async () => {
    expect(names((await store.carriers.list({ limit: 10, complianceStatus: 'PENDING' })).data)).toEqual(['Bravo']);
    expect(names((await store.carriers.list({ limit: 10, complianceStatus: 'UNKNOWN' })).data).sort()).toEqual(['Charlie', 'Delta', 'Tokyo']);
  });

  it('lists carriers with a document expiring within N days, expired included, soonest first, days per connection zone', async () => {
    const page = await store.carriers.list({ limit: 10, expiringWithinDays: 30 });
    expect(names(page.data)).toEqual(['Bravo', 'Tokyo', 'Alpha']);
    expect(page.data[1]!.compliance!.documents[0]!.daysUntilExpiry).toBe(2);
    // Keyset pages on (days, id).
    const first = await store.carriers.list({ limit: 2, expiringWithinDays: 30 });
    expect(names(first.data)).toEqual(['Bravo', 'Tokyo']);
    const second = await store.carriers.list({ limit: 2, expiringWithinDays: 30, cursor: first.nextCursor! });
    expect(names(second.data)).toEqual(['Alpha']);
    expect(second.nextCursor).toBeNull();
    expect(names((await store.carriers.list({ limit: 10, expiringWithinDays: 0 })).data)).toEqual(['Bravo']);
  });

  it('pages every carrier exactly once by (updated_at, id) and refuses foreign cursors', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.carriers.list({ limit: 2, cursor });
      seen.push(...names(page.data).map(String));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Tokyo']);
    await expect(store.carriers.list({ limit: 2, cursor: 'nope' })).rejects.toMatchObject({ field: 'cursor' });
  });
});
