import { createHash } from 'node:crypto';
import { ApiKeyRepository, ShipmentMergeService } from '@waybill/store';
import { DataSource } from 'typeorm';
import { startWaybill, type WaybillApp } from '../../src/app.factory.js';
import { mergeItem } from '../support/merge-items.js';
import { request } from '../support/http.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_ADMIN_KEY, testConfig } from '../support/test-config.js';

const T0 = Date.UTC(2026, 2, 1);

describe(`REST API skeleton over HTTP (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let db: TestDatabase;
  let app: WaybillApp;
  let readerKey: string;
  let documentsKey: string;
  const get = (path: string, key?: string) => request(`${app.url}${path}`, { key });

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startWaybill(testConfig(db, { role: 'api', redisUrl: undefined }), []);
    const keys = app.context.get(ApiKeyRepository);
    readerKey = (await keys.create('tms reader', ['shipments:read'])).key;
    documentsKey = (await keys.create('docs only', ['documents:read'])).key;
    const merge = app.context.get(ShipmentMergeService);
    await merge.merge(
      Array.from({ length: 25 }, (_, i) => mergeItem(`load_${i}`, T0 + i, { reference: `ORD-${i}`, status: i < 5 ? 'DELIVERED' : 'ASSIGNED' })),
    );
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('answers 401 unauthorized without a key, with the error envelope and a requestId', async () => {
    const res = await get('/v1/shipments');
    expect(res.status).toBe(401);
    const body = res.body;
    expect(body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) }, requestId: expect.stringMatching(/^req_/) });
    expect(res.headers.get('x-request-id')).toBe(body.requestId);
  });

  it('answers 401 for an unknown key', async () => {
    expect((await get('/v1/shipments', 'wb_not_a_key')).status).toBe(401);
  });

  it('answers 403 forbidden for a key without the scope', async () => {
    const res = await get('/v1/shipments', documentsKey);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('serves a scoped key and the admin key, and stores keys only hashed', async () => {
    expect((await get('/v1/shipments', readerKey)).status).toBe(200);
    expect((await get('/v1/shipments', TEST_ADMIN_KEY)).status).toBe(200);
    const rows = (await app.context.get(DataSource).query('SELECT key_hash FROM api_keys')) as { key_hash: string }[];
    const hashes = rows.map((r) => r.key_hash);
    expect(hashes).toContain(createHash('sha256').update(readerKey).digest('hex'));
    expect(hashes.join()).not.toContain(readerKey);
    expect(hashes.join()).not.toContain(TEST_ADMIN_KEY);
  });

  it('pages through every shipment with nextCursor', async () => {
    const refs: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/v1/shipments?limit=10${cursor ? `&cursor=${cursor}` : ''}`, readerKey);
      const body = res.body;
      expect(body.requestId).toMatch(/^req_/);
      refs.push(...body.data.map((s: { reference: string }) => s.reference));
      cursor = body.nextCursor;
    } while (cursor);
    expect(refs.sort()).toEqual(Array.from({ length: 25 }, (_, i) => `ORD-${i}`).sort());
  });

  it('filters by status, reference and provider', async () => {
    const delivered = (await get('/v1/shipments?status=DELIVERED', readerKey)).body;
    expect(delivered.data).toHaveLength(5);
    const one = (await get('/v1/shipments?reference=ORD-9&provider=trailflow', readerKey)).body;
    expect(one.data.map((s: { reference: string }) => s.reference)).toEqual(['ORD-9']);
    const none = (await get('/v1/shipments?provider=spotgo', readerKey)).body;
    expect(none.data).toEqual([]);
  });

  it('returns one shipment by id and 404 for an unknown one', async () => {
    const list = (await get('/v1/shipments?limit=1', readerKey)).body;
    const id = list.data[0].id;
    const res = await get(`/v1/shipments/${id}`, readerKey);
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe(id);
    const missing = await get('/v1/shipments/00000000-0000-4000-8000-000000000000', readerKey);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect((await get('/v1/shipments/not-a-uuid', readerKey)).status).toBe(404);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['status=LOST', 'status'],
    ['updatedAfter=yesterday', 'updatedAfter'],
    ['provider=fedex', 'provider'],
    ['cursor=garbage', 'cursor'],
    [`cursor=${Buffer.from(JSON.stringify({ u: '2024-01-01T00:00:00.000Z', i: 'nope' })).toString('base64url')}`, 'cursor'],
  ])('answers 400 validation_failed naming the field for %s', async (query, field) => {
    const res = await get(`/v1/shipments?${query}`, readerKey);
    expect(res.status).toBe(400);
    const body = res.body;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('serves health, metrics and the OpenAPI document without a key', async () => {
    expect((await get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.database.status).toBe('up');
    expect((await get('/metrics')).body).toContain('waybill_');
    const doc = (await get('/docs/json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/shipments', '/v1/shipments/{id}']));
  });
});
