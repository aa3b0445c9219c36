import { carrierItem, documentItem, openCarrierStore, type CarrierTestStore } from './carrier-store.fixture.js';

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const ENGINE = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

describe(`carrier merge path (${ENGINE})`, () => {
  let store: CarrierTestStore;
  beforeEach(async () => {
    store = await openCarrierStore();
  });
  afterEach(() => store.close());

  it('creates a carrier with its source, raw payload and a carrier change row', async () => {
    const [o] = await store.mergeService.merge([
      carrierItem('cp_1', T0, {
        name: 'Acme Freight',
        identifiers: { mcNumber: 'MC-123456', usdotNumber: '7654321' },
        dispatch: { name: 'Dee', email: 'Dispatch@Acme.com', phone: null },
        services: ['FTL'],
        compliance: { status: 'VERIFIED', rawStatus: 'approved', signedAt: null, verifiedAt: '2026-02-01T00:00:00.000Z' },
      }),
    ]);
    expect(o).toMatchObject({ kind: 'carrier', externalId: 'cp_1', result: 'created', version: 1, shipmentId: null });
    const carrier = await store.carriers.get(o!.entityId!);
    expect(carrier).toMatchObject({
      id: o!.entityId,
      name: 'Acme Freight',
      identifiers: { mcNumber: 'MC-123456', usdotNumber: '7654321', vatCode: null, taxId: null },
      compliance: { status: 'VERIFIED', documents: [] },
      version: 1,
      sources: [expect.objectContaining({ provider: 'carrierpacket', connection: 'cp-test', externalId: 'cp_1', removedAt: null })],
    });
    const [row] = await store.dataSource.query('SELECT mc_number, usdot_number, email FROM carriers');
    expect(row).toEqual({ mc_number: '123456', usdot_number: '7654321', email: 'dispatch@acme.com' });
    expect(await store.counts()).toMatchObject({ carriers: 1, carrier_sources: 1, raw_payloads: 1, changes: 1 });
    const [change] = await store.dataSource.query('SELECT entity, entity_id, shipment_id, version, kind, data FROM changes');
    expect(change).toMatchObject({ entity: 'carrier', entity_id: o!.entityId, shipment_id: null, version: 1, kind: 'created' });
    expect(change.data.name).toBe('Acme Freight');
  });

  it('writes nothing at all for an identical re-delivery', async () => {
    const item = carrierItem('cp_1', T0, { name: 'Acme', identifiers: { mcNumber: '1' } });
    await store.mergeService.merge([item]);
    const before = await store.counts();
    const [again] = await store.mergeService.merge([item]);
    expect(again).toMatchObject({ kind: 'carrier', result: 'unchanged', version: null });
    expect(await store.counts()).toEqual(before);
    expect((await store.carriers.get(again!.entityId!))!.version).toBe(1);
  });

  it('refuses an older update of the same source and applies a newer one', async () => {
    const [created] = await store.mergeService.merge([carrierItem('cp_1', T0 + 1000, { name: 'New name' })]);
    const [stale] = await store.mergeService.merge([carrierItem('cp_1', T0, { name: 'Old name' })]);
    expect(stale).toMatchObject({ result: 'stale', version: null });
    expect((await store.carriers.get(created!.entityId!))!.name).toBe('New name');
    const [updated] = await store.mergeService.merge([carrierItem('cp_1', T0 + 2000, { legalName: 'Acme LLC' })]);
    expect(updated).toMatchObject({ result: 'updated', version: 2, entityId: created!.entityId });
    expect(await store.carriers.get(created!.entityId!)).toMatchObject({ name: 'New name', legalName: 'Acme LLC', version: 2 });
    expect(await store.count('changes')).toBe(2);
  });

  describe('matching across sources', () => {
    it('matches on MC number first, normalized to digits', async () => {
      const [a] = await store.mergeService.merge([carrierItem('cp_1', T0, { identifiers: { mcNumber: 'MC 123-456' } })]);
      const [b] = await store.mergeService.merge([carrierItem('sg_1', T0, { identifiers: { mcNumber: '123456' } }, { provider: 'spotgo', connectionId: 'sg' })]);
      expect(b).toMatchObject({ result: 'updated', entityId: a!.entityId });
      expect((await store.carriers.get(a!.entityId!))!.sources).toHaveLength(2);
    });

    it('matches on USDOT, then VAT (upper-case, no spaces), then e-mail (lower-case)', async () => {
      const [dot] = await store.mergeService.merge([carrierItem('c_dot', T0, { identifiers: { usdotNumber: 'USDOT 99' } })]);
      const [vat] = await store.mergeService.merge([carrierItem('c_vat', T0, { identifiers: { vatCode: 'de 123 456 789' } })]);
      const [mail] = await store.mergeService.merge([carrierItem('c_mail', T0, { dispatch: { name: null, email: 'Ops@Truck.EU', phone: null } })]);
      const other = { provider: 'spotgo' as const, connectionId: 'sg' };
      const [m1] = await store.mergeService.merge([carrierItem('s1', T0, { identifiers: { usdotNumber: '99' } }, other)]);
      const [m2] = await store.mergeService.merge([carrierItem('s2', T0, { identifiers: { vatCode: 'DE123456789' } }, other)]);
      const [m3] = await store.mergeService.merge([carrierItem('s3', T0, { dispatch: { name: null, email: ' ops@truck.eu ', phone: null } }, other)]);
      expect([m1!.entityId, m2!.entityId, m3!.entityId]).toEqual([dot!.entityId, vat!.entityId, mail!.entityId]);
      expect(await store.count('carriers')).toBe(3);
    });

    it('prefers MC over USDOT over VAT over e-mail when keys point at different carriers', async () => {
      const [byMail] = await store.mergeService.merge([carrierItem('c1', T0, { dispatch: { name: null, email: 'a@x.com', phone: null } })]);
      const [byVat] = await store.mergeService.merge([carrierItem('c2', T0, { identifiers: { vatCode: 'NL1' } })]);
      const [byDot] = await store.mergeService.merge([carrierItem('c3', T0, { identifiers: { usdotNumber: '5' } })]);
      const [byMc] = await store.mergeService.merge([carrierItem('c4', T0, { identifiers: { mcNumber: '7' } })]);
      const other = { provider: 'spotgo' as const, connectionId: 'sg' };
      const email = { name: null, email: 'a@x.com', phone: null };
      const [r1] = await store.mergeService.merge([carrierItem('s1', T0, { identifiers: { vatCode: 'nl 1' }, dispatch: email }, other)]);
      expect(r1!.entityId).toBe(byVat!.entityId);
      const [r2] = await store.mergeService.merge([carrierItem('s2', T0, { identifiers: { usdotNumber: '5' }, dispatch: email }, other)]);
      expect(r2!.entityId).toBe(byDot!.entityId);
      const [r3] = await store.mergeService.merge([carrierItem('s3', T0, { identifiers: { mcNumber: '7' }, dispatch: email }, other)]);
      expect(r3!.entityId).toBe(byMc!.entityId);
      expect(byMail!.entityId).toBeDefined();
    });

    it('keeps both carriers and marks the conflict when another identifier contradicts the match', async () => {
      const [a] = await store.mergeService.merge([carrierItem('cp_1', T0, { identifiers: { mcNumber: '111', usdotNumber: '1' } })]);
      const [b] = await store.mergeService.merge([
        carrierItem('sg_1', T0, { identifiers: { mcNumber: 'MC111', usdotNumber: '2' } }, { provider: 'spotgo', connectionId: 'sg' }),
      ]);
      expect(b).toMatchObject({ result: 'created' });
      expect(b!.entityId).not.toBe(a!.entityId);
      const first = await store.carriers.get(a!.entityId!);
      const second = await store.carriers.get(b!.entityId!);
      expect(second!.conflict).toMatchObject({ carrierId: a!.entityId, identifier: 'mcNumber' });
      expect(first!.conflict).toMatchObject({ carrierId: b!.entityId, identifier: 'mcNumber' });
      expect(first!.version).toBe(2);
      expect(await store.count('carriers')).toBe(2);
      // A later record that agrees with the second carrier lands there, not on the first.
      const [c] = await store.mergeService.merge([carrierItem('x_1', T0, { identifiers: { mcNumber: '111', usdotNumber: '2' } }, { provider: 'cargamos', connectionId: 'cg' })]);
      expect(c!.entityId).toBe(b!.entityId);
    });
  });

  it('marks a removed source with removedAt and keeps the carrier', async () => {
    const [a] = await store.mergeService.merge([carrierItem('cp_1', T0, { name: 'Acme', identifiers: { mcNumber: '1' } })]);
    const [removed] = await store.mergeService.merge([carrierItem('cp_1', T0 + 5000, { removed: true })]);
    expect(removed).toMatchObject({ result: 'updated', entityId: a!.entityId, version: 2 });
    const carrier = await store.carriers.get(a!.entityId!);
    expect(carrier).toMatchObject({ name: 'Acme', version: 2 });
    expect(carrier!.sources[0]!.removedAt).toBe(new Date(T0 + 5000).toISOString());
    const [src] = await store.dataSource.query('SELECT removed_at FROM carrier_sources');
    expect(new Date(src.removed_at).getTime()).toBe(T0 + 5000);
    expect(await store.count('carriers')).toBe(1);
  });

  it('answers a re-delivered page of 100 unchanged records from one read, with no per-record statement', async () => {
    const items = Array.from({ length: 100 }, (_, i) => carrierItem(`cp_${i}`, T0, { name: `Carrier ${i}`, identifiers: { mcNumber: String(1000 + i) } }));
    await store.mergeService.merge(items);
    let statements = 0;
    const driver = store.dataSource.driver as unknown as { createQueryRunner(mode: string): { query: (...a: unknown[]) => Promise<unknown> } };
    const create = driver.createQueryRunner.bind(driver);
    driver.createQueryRunner = (mode) => {
      const runner = create(mode);
      const query = runner.query.bind(runner);
      runner.query = (...a) => {
        statements++;
        return query(...a);
      };
      return runner;
    };
    const outcomes = await store.mergeService.merge(items);
    expect(outcomes.every((o) => o.result === 'unchanged' && o.entityId)).toBe(true);
    // BEGIN, the one read of stored hashes, COMMIT.
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThanOrEqual(3);
  });

  it('merges a batch of every kind in one transaction, or nothing', async () => {
    const good = carrierItem('cp_1', T0, { name: 'Acme' });
    const doc = documentItem('d_1', T0, { owner: { kind: 'carrier', externalId: 'cp_1' } });
    const bad = { ...carrierItem('cp_2', T0, { name: 'Broken' }), rawBody: 'broken \u0000 body' };
    await expect(store.mergeService.merge([good, doc, bad])).rejects.toThrow();
    for (const [table, n] of Object.entries(await store.counts())) expect([table, n]).toEqual([table, 0]);
  });
});
