import type { ShipmentPatch } from '@waybill/canonical';
import { mergeItem } from '../../support/merge-items.js';
import { openTestStore, type TestStore } from '../../support/test-store.js';

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const patch = (status: ShipmentPatch['status'], extra: ShipmentPatch = {}): ShipmentPatch => ({
  reference: 'ORD-1',
  status,
  providerStatus: { status: status ?? 'X', at: null },
  ...extra,
});

describe(`canonical merge transaction (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(() => store.close());

  it('stores shipment, source, raw payload and change row together', async () => {
    const [outcome] = await store.merge.merge([mergeItem('load_1', T0, patch('ASSIGNED', { notes: 'hello' }))]);
    expect(outcome).toMatchObject({ externalId: 'load_1', result: 'created', version: 1 });
    const shipment = await store.shipments.get(outcome!.shipmentId!);
    expect(shipment).toMatchObject({ reference: 'ORD-1', status: 'ASSIGNED', notes: 'hello', version: 1 });
    expect(shipment!.sources).toEqual([
      expect.objectContaining({ provider: 'trailflow', connection: 'tf-test', externalId: 'load_1', providerUpdatedAt: new Date(T0).toISOString(), via: 'poll' }),
    ]);
    expect(await store.count('shipment_sources')).toBe(1);
    expect(await store.count('raw_payloads')).toBe(1);
    expect(await store.count('changes')).toBe(1);
  });

  it('leaves nothing behind when a record fails mid-merge', async () => {
    const good = mergeItem('load_1', T0, patch('ASSIGNED'));
    // PostgreSQL refuses NUL in text: a real database error on the second record, after the first was written.
    const bad = { ...mergeItem('load_2', T0, patch('ASSIGNED', { reference: 'ORD-2' })), rawBody: 'broken \u0000 body' };
    await expect(store.merge.merge([good, bad])).rejects.toThrow();
    for (const table of ['shipments', 'shipment_sources', 'raw_payloads', 'changes']) {
      expect([table, await store.count(table)]).toEqual([table, 0]);
    }
  });

  it('leaves nothing behind when the tail (checkpoint) fails', async () => {
    const tail = async () => {
      throw new Error('checkpoint write failed');
    };
    await expect(store.merge.merge([mergeItem('load_1', T0, patch('ASSIGNED'))], tail)).rejects.toThrow('checkpoint write failed');
    expect(await store.count('shipments')).toBe(0);
    expect(await store.count('changes')).toBe(0);
  });

  it('commits the tail in the same transaction as the records', async () => {
    await store.merge.merge([mergeItem('load_1', T0, patch('ASSIGNED'))], async (tx, outcomes) => {
      await tx.query(
        `INSERT INTO sync_checkpoints (connection_id, provider, checkpoint, interval_seconds) VALUES ('tf-test', 'trailflow', $1, 60)`,
        [JSON.stringify({ cursor: 'c1', seen: outcomes.length })],
      );
    });
    const [row] = await store.dataSource.query('SELECT checkpoint FROM sync_checkpoints');
    expect(row.checkpoint).toEqual({ cursor: 'c1', seen: 1 });
  });

  it('refuses an update older than what is stored for that source', async () => {
    const [first] = await store.merge.merge([mergeItem('load_1', T0 + 1000, patch('IN_TRANSIT'))]);
    const [older] = await store.merge.merge([mergeItem('load_1', T0, patch('ASSIGNED'))]);
    expect(older).toMatchObject({ result: 'stale', version: null });
    const shipment = await store.shipments.get(first!.shipmentId!);
    expect(shipment).toMatchObject({ status: 'IN_TRANSIT', version: 1 });
    expect(await store.count('changes')).toBe(1);
  });

  it('writes nothing for a record already stored with the same timestamp and content', async () => {
    const item = mergeItem('load_1', T0, patch('ASSIGNED'));
    await store.merge.merge([item]);
    const [again] = await store.merge.merge([item]);
    expect(again!.result).toBe('unchanged');
    expect(await store.count('changes')).toBe(1);
    expect(await store.count('raw_payloads')).toBe(1);
  });

  it('never erases what a partial record does not carry', async () => {
    const stops = [
      { sequence: 0, type: 'PICKUP' as const, name: null, address: null, position: null, window: null, contact: null, status: 'scheduled', notes: null },
    ];
    const [created] = await store.merge.merge([mergeItem('load_1', T0, patch('ASSIGNED', { stops, notes: 'n1' }))]);
    await store.merge.merge([mergeItem('load_1', T0 + 1000, { status: 'IN_TRANSIT', providerStatus: { status: 'IN_TRANSIT', at: null } })]);
    const shipment = await store.shipments.get(created!.shipmentId!);
    expect(shipment).toMatchObject({ status: 'IN_TRANSIT', notes: 'n1', version: 2 });
    expect(shipment!.stops).toHaveLength(1);
  });

  it('keeps two records of one connection apart even when they share a business reference', async () => {
    const [a] = await store.merge.merge([mergeItem('load_1', T0, patch('DELIVERED'))]);
    const [b] = await store.merge.merge([mergeItem('load_2', T0 + 1, patch('DRAFT'))]);
    expect(a!.shipmentId).not.toBe(b!.shipmentId);
    expect((await store.shipments.get(a!.shipmentId!))!.status).toBe('DELIVERED');
  });

  it('loses nothing when 20 merges of one shipment run concurrently', async () => {
    // 20 connections report the same business reference at once: one shipment must collect all 20 sources.
    const items = Array.from({ length: 20 }, (_, i) =>
      mergeItem(`load_${i}`, T0 + i, patch('ASSIGNED', { references: [{ kind: 'load', value: `load_${i}` }] }), { connectionId: `conn-${i}` }),
    );
    const outcomes = await Promise.all(items.map((item) => store.merge.merge([item])));
    const ids = new Set(outcomes.map(([o]) => o!.shipmentId));
    expect(ids.size).toBe(1);
    const shipment = await store.shipments.get([...ids][0]!);
    expect(shipment!.sources).toHaveLength(20);
    expect(shipment!.references.filter((r) => r.kind === 'load')).toHaveLength(20);
    expect(shipment!.version).toBe(20);
    expect(await store.count('shipments')).toBe(1);
    expect(await store.count('changes')).toBe(20);
  });

  it('ends on the newest of 20 concurrent updates of one source, whatever order they commit in', async () => {
    const [created] = await store.merge.merge([mergeItem('load_1', T0, patch('ASSIGNED', { notes: 'v0' }))]);
    const updates = Array.from({ length: 20 }, (_, i) => mergeItem('load_1', T0 + (i + 1) * 1000, patch('IN_TRANSIT', { notes: `v${i + 1}` })));
    const shuffled = updates.map((u, i) => ({ u, k: (i * 7919) % 20 })).sort((a, b) => a.k - b.k).map((x) => x.u);
    await Promise.all(shuffled.map((item) => store.merge.merge([item])));
    const shipment = await store.shipments.get(created!.shipmentId!);
    expect(shipment!.notes).toBe('v20');
    expect(shipment!.sources[0]!.providerUpdatedAt).toBe(new Date(T0 + 20_000).toISOString());
  });
});
