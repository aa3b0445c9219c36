import { carrierItem, documentItem, openCarrierStore, shipmentItem, type CarrierTestStore } from './carrier-store.fixture.js';

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const ENGINE = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const onCarrier = (externalId: string) => ({ owner: { kind: 'carrier' as const, externalId } });

describe(`document merge path (${ENGINE})`, () => {
  let store: CarrierTestStore;
  beforeEach(async () => {
    store = await openCarrierStore();
    store.clock.now = new Date(Date.UTC(2026, 2, 1, 12));
  });
  afterEach(() => store.close());

  it('creates a document row with its raw payload and a document change row', async () => {
    const [carrier] = await store.mergeService.merge([carrierItem('cp_1', T0, { name: 'Acme' })]);
    const [o] = await store.mergeService.merge([documentItem('d_1', T0, { ...onCarrier('cp_1'), expiresOn: '2026-03-11' })]);
    expect(o).toMatchObject({ kind: 'document', result: 'created', version: 1, shipmentId: null });
    expect(await store.documents.get(o!.entityId!)).toMatchObject({
      id: o!.entityId,
      owner: { kind: 'carrier', id: carrier!.entityId },
      provider: 'carrierpacket',
      connection: 'cp-test',
      externalId: 'd_1',
      type: 'INSURANCE',
      name: 'd_1.pdf',
      sizeBytes: 1234,
      expiresOn: '2026-03-11',
      daysUntilExpiry: 10,
      version: 1,
    });
    const [change] = await store.dataSource.query(`SELECT entity, entity_id, kind, data FROM changes WHERE entity = 'document'`);
    expect(change).toMatchObject({ entity: 'document', entity_id: o!.entityId, kind: 'created' });
    expect(await store.count('raw_payloads')).toBe(2);
  });

  it('writes nothing for an identical re-delivery, refuses a stale one, applies an update', async () => {
    const item = documentItem('d_1', T0 + 1000, { ...onCarrier('cp_1'), status: 'IN_REVIEW' });
    const [created] = await store.mergeService.merge([item]);
    const before = await store.counts();
    const [again] = await store.mergeService.merge([item]);
    expect(again).toMatchObject({ result: 'unchanged', entityId: created!.entityId, version: null });
    expect(await store.counts()).toEqual(before);

    const [stale] = await store.mergeService.merge([documentItem('d_1', T0, { ...onCarrier('cp_1'), status: 'REJECTED' })]);
    expect(stale!.result).toBe('stale');
    const [updated] = await store.mergeService.merge([documentItem('d_1', T0 + 2000, { ...onCarrier('cp_1'), status: 'ACCEPTED' })]);
    expect(updated).toMatchObject({ result: 'updated', version: 2 });
    expect(await store.documents.get(created!.entityId!)).toMatchObject({ status: 'ACCEPTED', version: 2 });
    expect(await store.count('documents')).toBe(1);
  });

  it('keeps a document that arrives before its owner and attaches it when the owner arrives', async () => {
    const [doc] = await store.mergeService.merge([documentItem('d_1', T0, { ...onCarrier('cp_1'), expiresOn: '2026-03-05' })]);
    expect((await store.documents.get(doc!.entityId!))!.owner).toEqual({ kind: 'carrier', id: null });
    const [carrier] = await store.mergeService.merge([carrierItem('cp_1', T0, { name: 'Acme' })]);
    const attached = await store.documents.get(doc!.entityId!);
    expect(attached).toMatchObject({ owner: { kind: 'carrier', id: carrier!.entityId }, version: 2 });
    const composed = await store.carriers.get(carrier!.entityId!);
    expect(composed!.compliance).toEqual({
      status: 'UNKNOWN',
      rawStatus: null,
      signedAt: null,
      verifiedAt: null,
      documents: [{ id: doc!.entityId, type: 'INSURANCE', expiresOn: '2026-03-05', daysUntilExpiry: 4 }],
    });
    expect(await store.count(`changes WHERE entity = 'document'`)).toBe(2);
  });

  it('attaches a shipment document to its shipment, in either order', async () => {
    const opts = { provider: 'trailflow' as const, connectionId: 'tf-test' };
    const [before] = await store.mergeService.merge([documentItem('pod_1', T0, { owner: { kind: 'shipment', externalId: 'load_1' }, type: 'POD' }, opts)]);
    const [shipment] = await store.mergeService.merge([shipmentItem('load_1', T0, { reference: 'ORD-1', status: 'DELIVERED' })]);
    const [after] = await store.mergeService.merge([documentItem('bol_1', T0, { owner: { kind: 'shipment', externalId: 'load_1' }, type: 'BOL' }, opts)]);
    expect((await store.documents.get(before!.entityId!))!.owner).toEqual({ kind: 'shipment', id: shipment!.entityId });
    expect((await store.documents.get(after!.entityId!))!.owner).toEqual({ kind: 'shipment', id: shipment!.entityId });
  });

  it('answers unchanged records of a mixed batch from one read and merges the rest', async () => {
    const items = [
      carrierItem('cp_1', T0, { name: 'Acme' }),
      documentItem('d_1', T0, onCarrier('cp_1')),
      shipmentItem('load_1', T0, { reference: 'ORD-1', status: 'ASSIGNED' }),
    ];
    await store.mergeService.merge(items);
    const before = await store.counts();
    const outcomes = await store.mergeService.merge([...items, carrierItem('cp_2', T0, { name: 'Other' })]);
    expect(outcomes.map((o) => [o.kind, o.result])).toEqual([
      ['carrier', 'unchanged'],
      ['document', 'unchanged'],
      ['shipment', 'unchanged'],
      ['carrier', 'created'],
    ]);
    expect(outcomes.every((o) => o.entityId)).toBe(true);
    expect(await store.counts()).toEqual({ ...before, carriers: 2, carrier_sources: 2, raw_payloads: before.raw_payloads! + 1, changes: before.changes! + 1 });
  });
});
