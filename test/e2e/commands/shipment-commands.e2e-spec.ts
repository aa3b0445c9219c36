import { startTrailflowHub, type TrailflowHub } from '../../support/trailflow-hub.js';

// POST /v1/shipments, PATCH, and Idempotency-Key, over real HTTP against a hub (PGlite, or PostgreSQL + Redis when
// DATABASE_URL / REDIS_URL are set).
describe('TMS shipment commands', () => {
  let hub: TrailflowHub;

  beforeAll(async () => {
    hub = await startTrailflowHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  const create = (json: unknown, headers: Record<string, string> = {}) => hub.api('/v1/shipments', { method: 'POST', json, headers });

  it('creates a shipment owned by the TMS: a source of its own (tms/tms, via command)', async () => {
    const res = await create({
      reference: 'ORD-C-1',
      customer: { code: 'ACME', name: 'Acme Retail' },
      stops: [
        { sequence: 1, type: 'PICKUP', address: { line1: '1 Main St', city: 'Austin', region: 'TX', postalCode: '78701', countryCode: 'US' } },
        { sequence: 2, type: 'DELIVERY', window: { start: '2026-03-02T14:00:00Z', end: '2026-03-02T16:00:00Z', timezone: 'America/Chicago' } },
      ],
      cargo: { weightKg: 1200, packages: [{ weightKg: 600 }] },
      rate: { amount: 1500, currency: 'usd' },
      requiredDocuments: ['POD', 'BOL'],
    });
    expect(res.status).toBe(201);
    const s = res.body.data;
    expect(s).toMatchObject({
      reference: 'ORD-C-1',
      status: 'DRAFT',
      customer: { code: 'ACME', name: 'Acme Retail', email: null },
      rate: { amount: 1500, currency: 'USD' },
      requiredDocuments: ['POD', 'BOL'],
      sources: [{ provider: 'tms', connection: 'tms', externalId: 'ORD-C-1', via: 'command' }],
    });
    expect(s.stops).toHaveLength(2);
    expect(s.stops[1].window.start).toBe('2026-03-02T14:00:00Z');
    const got = await hub.api(`/v1/shipments/${s.id}`);
    expect(got.body.data.id).toBe(s.id);
    const listed = await hub.api('/v1/shipments?provider=tms&reference=ORD-C-1');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((x: { id: string }) => x.id)).toEqual([s.id]);
  });

  it('refuses an invalid body with 400 validation_failed naming each field', async () => {
    const res = await create({
      customer: { email: 'not-an-email' },
      stops: [{ sequence: 1, type: 'SOMEWHERE', address: { countryCode: 'usa' } }],
      rate: { amount: -1 },
      unknownField: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(['reference', 'customer.email', 'stops.0.type', 'stops.0.address.countryCode', 'rate.amount', 'unknownField']),
    );
  });

  it('answers a second create with the same reference 409 already_exists with the existing id', async () => {
    const first = await create({ reference: 'ORD-C-DUP' });
    expect(first.status).toBe(201);
    const second = await create({ reference: 'ORD-C-DUP', notes: 'again' });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'already_exists', details: { id: first.body.data.id, reference: 'ORD-C-DUP' } });
    expect(await hub.count('shipments', `reference = 'ORD-C-DUP'`)).toBe(1);
  });

  it('PATCH changes TMS-owned fields and keeps the rest', async () => {
    const created = (await create({ reference: 'ORD-C-PATCH', customer: { code: 'ACME' }, notes: 'first' })).body.data;
    const res = await hub.api(`/v1/shipments/${created.id}`, { method: 'PATCH', json: { notes: 'second', rate: { amount: 99, currency: 'EUR' } } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: created.id, notes: 'second', rate: { amount: 99, currency: 'EUR' }, customer: { code: 'ACME' } });
    expect(res.body.data.version).toBe(created.version + 1);
    expect(res.body.dispatches).toEqual([]);

    const bad = await hub.api(`/v1/shipments/${created.id}`, { method: 'PATCH', json: { reference: 'OTHER' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('reference');
    const missing = await hub.api('/v1/shipments/8d2f4a10-3c5b-4e6f-9a7b-1c2d3e4f5a6b', { method: 'PATCH', json: { notes: 'x' } });
    expect(missing.status).toBe(404);
  });

  describe('Idempotency-Key', () => {
    it('replays the stored answer for the same key and body, with Idempotent-Replayed: true', async () => {
      const body = { reference: 'ORD-C-IDEM-1', notes: 'n' };
      const first = await create(body, { 'idempotency-key': 'key-1' });
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      // Same body with the keys in another order: the same request.
      const again = await create({ notes: 'n', reference: 'ORD-C-IDEM-1' }, { 'idempotency-key': 'key-1' });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.data).toStrictEqual(first.body.data);
      expect(await hub.count('shipments', `reference = 'ORD-C-IDEM-1'`)).toBe(1);
    });

    it('refuses the same key with another body: 409 idempotency_conflict', async () => {
      expect((await create({ reference: 'ORD-C-IDEM-2' }, { 'idempotency-key': 'key-2' })).status).toBe(201);
      const other = await create({ reference: 'ORD-C-IDEM-2b' }, { 'idempotency-key': 'key-2' });
      expect(other.status).toBe(409);
      expect(other.body.error.code).toBe('idempotency_conflict');
      expect(await hub.count('shipments', `reference = 'ORD-C-IDEM-2b'`)).toBe(0);
    });

    it('stores refusals too: a replayed 409 already_exists is the same answer', async () => {
      await create({ reference: 'ORD-C-IDEM-3' });
      const first = await create({ reference: 'ORD-C-IDEM-3' }, { 'idempotency-key': 'key-3' });
      const again = await create({ reference: 'ORD-C-IDEM-3' }, { 'idempotency-key': 'key-3' });
      expect(first.status).toBe(409);
      expect(again.status).toBe(409);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.error).toStrictEqual(first.body.error);
    });

    it('executes 10 concurrent requests with one key once', async () => {
      const body = { reference: 'ORD-C-CONC', notes: 'concurrent' };
      const answers = await Promise.all(Array.from({ length: 10 }, () => create(body, { 'idempotency-key': 'key-conc' })));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
      expect(new Set(answers.map((a) => a.body.data.id)).size).toBe(1);
      expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
      expect(await hub.count('shipments', `reference = 'ORD-C-CONC'`)).toBe(1);
      expect(await hub.count('changes', `shipment_id = '${answers[0]!.body.data.id}'`)).toBe(1);
      expect(await hub.count('idempotency_keys', `key = 'key-conc'`)).toBe(1);
    });

    it('scopes keys to the API key', async () => {
      const rows = await hub.dataSource.query(`SELECT api_key_id FROM idempotency_keys WHERE key = 'key-1'`);
      expect(rows).toHaveLength(1);
      expect(rows[0].api_key_id).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
