import { carrierItem, documentItem, openCarrierStore, shipmentCarrier, shipmentItem, type CarrierTestStore } from './carrier-store.fixture.js';

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const ENGINE = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const spotgo = { provider: 'spotgo' as const, connectionId: 'sg-test' };

describe(`shipment ↔ carrier linking (${ENGINE})`, () => {
  let store: CarrierTestStore;
  beforeEach(async () => {
    store = await openCarrierStore();
    store.clock.now = new Date(Date.UTC(2026, 2, 1, 12));
  });
  afterEach(() => store.close());

  it('links a shipment merged before its carrier, without a shipment version bump', async () => {
    const [load] = await store.mergeService.merge([
      shipmentItem('load_1', T0, { reference: 'ORD-1', status: 'ASSIGNED', carrier: shipmentCarrier({ id: 'tf_carrier_9', name: 'Acme', email: 'Dispatch@Acme.com' }) }),
    ]);
    let shipment = await store.shipmentsAt.get(load!.entityId!);
    // Unmatched: null, and the provider's own carrier id never shows as the canonical id.
    expect(shipment!.carrier).toMatchObject({ id: null, name: 'Acme', compliance: null });

    const [carrier] = await store.mergeService.merge([carrierItem('cp_1', T0, { name: 'Acme Freight', dispatch: { name: null, email: 'dispatch@acme.com', phone: null } })]);
    shipment = await store.shipmentsAt.get(load!.entityId!);
    expect(shipment!.carrier).toMatchObject({ id: carrier!.entityId, compliance: { status: 'UNKNOWN', expiredDocuments: 0, nextExpiry: null } });
    expect(shipment!.version).toBe(1);
    expect(await store.count(`changes WHERE entity = 'shipment'`)).toBe(1);
  });

  it('links a shipment merged after its carrier, and a second provider\'s shipment by VAT to the same carrier', async () => {
    const [carrier] = await store.mergeService.merge([
      carrierItem('cp_1', T0, {
        identifiers: { vatCode: 'DE 811 907 980' },
        dispatch: { name: null, email: 'ops@trucker.de', phone: null },
        compliance: { status: 'VERIFIED', rawStatus: 'approved', signedAt: null, verifiedAt: null },
      }),
    ]);
    const [tf] = await store.mergeService.merge([shipmentItem('load_1', T0, { reference: 'ORD-1', status: 'ASSIGNED', carrier: shipmentCarrier({ name: 'Trucker', email: 'OPS@trucker.de' }) })]);
    const [sg] = await store.mergeService.merge([
      shipmentItem('order_1', T0, { reference: 'ORD-2', status: 'ASSIGNED', carrier: shipmentCarrier({ id: 'sg-77', vatCode: 'de811907980' }) }, spotgo),
    ]);
    for (const id of [tf!.entityId!, sg!.entityId!]) {
      expect((await store.shipmentsAt.get(id))!.carrier!.id).toBe(carrier!.entityId);
    }
    const page = await store.shipmentsAt.list({ limit: 10, carrierId: carrier!.entityId! });
    expect(page.data.map((s) => s.reference).sort()).toEqual(['ORD-1', 'ORD-2']);
    expect((await store.shipmentsAt.list({ limit: 10, carrierId: '00000000-0000-4000-8000-000000000000' })).data).toEqual([]);
  });

  it('follows a shipment whose carrier changes to another carrier', async () => {
    const [a] = await store.mergeService.merge([carrierItem('cp_a', T0, { identifiers: { mcNumber: '1' } })]);
    const [b] = await store.mergeService.merge([carrierItem('cp_b', T0, { identifiers: { mcNumber: '2' } })]);
    const [load] = await store.mergeService.merge([shipmentItem('load_1', T0, { reference: 'ORD-1', status: 'ASSIGNED', carrier: shipmentCarrier({ mcNumber: 'MC1' }) })]);
    expect((await store.shipmentsAt.get(load!.entityId!))!.carrier!.id).toBe(a!.entityId);
    await store.mergeService.merge([shipmentItem('load_1', T0 + 1000, { carrier: shipmentCarrier({ mcNumber: 'MC2' }) })]);
    expect((await store.shipmentsAt.get(load!.entityId!))!.carrier!.id).toBe(b!.entityId);
  });

  it('summarizes the carrier\'s compliance on the shipment: expired documents and the next expiry', async () => {
    const [carrier] = await store.mergeService.merge([
      carrierItem('cp_1', T0, { identifiers: { mcNumber: '42' }, compliance: { status: 'VERIFIED', rawStatus: 'ok', signedAt: null, verifiedAt: null } }),
    ]);
    const owner = { kind: 'carrier' as const, externalId: 'cp_1' };
    const [, w9, coi] = await store.mergeService.merge([
      documentItem('d_old', T0, { owner, type: 'AUTHORITY', expiresOn: '2026-02-20' }),
      documentItem('d_w9', T0, { owner, type: 'W9', expiresOn: '2026-03-20' }),
      documentItem('d_coi', T0, { owner, type: 'INSURANCE', expiresOn: '2026-03-04' }),
    ]);
    const [load] = await store.mergeService.merge([shipmentItem('load_1', T0, { reference: 'ORD-1', status: 'ASSIGNED', carrier: shipmentCarrier({ mcNumber: '42' }) })]);
    const shipment = await store.shipmentsAt.get(load!.entityId!);
    expect(shipment!.carrier!.compliance).toEqual({
      status: 'VERIFIED',
      expiredDocuments: 1,
      nextExpiry: { documentId: coi!.entityId, type: 'INSURANCE', expiresOn: '2026-03-04', daysUntilExpiry: 3 },
    });
    expect(w9!.entityId).toBeDefined();
    expect(carrier!.entityId).toBe(shipment!.carrier!.id);
  });
});
