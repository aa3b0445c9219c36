import { carrierItem, openCarrierStore, shipmentCarrier, shipmentItem, type CarrierTestStore } from './carrier-store.fixture.js';

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const ENGINE = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

// On PostgreSQL these run on separate connections at once; the advisory locks on sources and match keys decide.
describe(`concurrent carrier merges (${ENGINE})`, () => {
  let store: CarrierTestStore;
  beforeEach(async () => {
    store = await openCarrierStore();
  });
  afterEach(() => store.close());

  it('makes one carrier of 10 providers\' records with the same MC number arriving at once', async () => {
    const items = Array.from({ length: 10 }, (_, i) => carrierItem(`c_${i}`, T0, { identifiers: { mcNumber: `MC-${'77'}` } }, { connectionId: `conn-${i}` }));
    const outcomes = await Promise.all(items.map((item) => store.mergeService.merge([item])));
    expect(new Set(outcomes.map(([o]) => o!.entityId)).size).toBe(1);
    expect(await store.count('carriers')).toBe(1);
    expect((await store.carriers.get(outcomes[0]![0]!.entityId!))!.sources).toHaveLength(10);
  });

  it('links shipments and a carrier merged at the same time, whichever commits first', async () => {
    const shipments = Array.from({ length: 10 }, (_, i) =>
      shipmentItem(`load_${i}`, T0, { reference: `ORD-${i}`, status: 'ASSIGNED', carrier: shipmentCarrier({ email: 'Ops@Acme.com' }) }),
    );
    const carrier = carrierItem('cp_1', T0, { dispatch: { name: null, email: 'ops@acme.com', phone: null } });
    const all = [...shipments.slice(0, 5), carrier, ...shipments.slice(5)];
    const results = await Promise.all(all.map((item) => store.mergeService.merge([item])));
    const carrierId = results[5]![0]!.entityId;
    const linked = await store.shipmentsAt.list({ limit: 50, carrierId: carrierId! });
    expect(linked.data).toHaveLength(10);
    expect(linked.data.every((s) => s.carrier!.id === carrierId && s.version === 1)).toBe(true);
  });
});
