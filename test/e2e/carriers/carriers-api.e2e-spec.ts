import type { CarrierPatch, DocumentPatch, ShipmentPatch } from '@waybill/canonical';
import type { Connection } from '@waybill/provider-kit';
import { ApiKeyRepository, type MergeItem, MergeService } from '@waybill/store';
import { startWaybill, type WaybillApp } from '../../../src/app.factory.js';
import { request } from '../../support/http.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { testConfig } from '../../support/test-config.js';

const ENGINE = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const T0 = Date.UTC(2026, 1, 1);
const TF: Connection = {
  id: 'trailflow-default',
  provider: 'trailflow',
  baseUrl: 'http://127.0.0.1:9',
  credentials: { apiKey: 'unused' },
  webhookSecrets: [],
  settings: { timezone: 'America/Chicago' },
};

function item(kind: 'carrier' | 'document' | 'shipment', externalId: string, patch: CarrierPatch | DocumentPatch | ShipmentPatch, provider: MergeItem['provider'] = 'trailflow', connectionId = TF.id): MergeItem {
  return {
    provider,
    connectionId,
    via: 'poll',
    rawBody: JSON.stringify({ kind, externalId, patch }),
    mapped: { kind, externalId, providerUpdatedAt: new Date(T0).toISOString(), patch } as MergeItem['mapped'],
  };
}
const doc = (owner: string, type: DocumentPatch['type'], expiresOn: string | null): DocumentPatch => ({
  owner: { kind: 'carrier', externalId: owner },
  type,
  rawType: type,
  status: 'ACCEPTED',
  rawStatus: 'approved',
  name: `${type.toLowerCase()}.pdf`,
  mimeType: 'application/pdf',
  sizeBytes: 10,
  expiresOn,
  uploadedAt: null,
});
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe(`carriers and documents API over HTTP (${ENGINE})`, () => {
  let db: TestDatabase;
  let app: WaybillApp;
  let reader: string;
  let docsReader: string;
  const ids: Record<string, string> = {};
  const get = (path: string, key = reader) => request(`${app.url}${path}`, { key });

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startWaybill(testConfig(db, { role: 'api', redisUrl: undefined }), [TF]);
    const keys = app.context.get(ApiKeyRepository);
    reader = (await keys.create('tms', ['shipments:read'])).key;
    docsReader = (await keys.create('docs', ['documents:read'])).key;
    const merge = app.context.get(MergeService);
    const verified = { status: 'VERIFIED' as const, rawStatus: 'ok', signedAt: null, verifiedAt: null };
    const outcomes = await merge.merge([
      item('carrier', 'c_alpha', { name: 'Alpha', identifiers: { mcNumber: 'MC-100' }, compliance: verified }),
      item('carrier', 'c_bravo', { name: 'Bravo', identifiers: { usdotNumber: '200' }, compliance: { ...verified, status: 'PENDING' } }),
      item('carrier', 'c_charlie', { name: 'Charlie', identifiers: { vatCode: 'FR 300' }, dispatch: { name: null, email: 'Ops@Charlie.fr', phone: null } }),
    ]);
    [ids.alpha, ids.bravo, ids.charlie] = outcomes.map((o) => o.entityId!);
    const docs = await merge.merge([
      item('document', 'd_alpha', doc('c_alpha', 'INSURANCE', isoDay(20))),
      item('document', 'd_bravo', doc('c_bravo', 'AUTHORITY', isoDay(-3))),
      item('document', 'd_charlie', doc('c_charlie', 'W9', isoDay(200))),
      item('document', 'd_elsewhere', doc('c_alpha', 'W9', null), 'carrierpacket', 'cp-gone'),
    ]);
    [ids.docAlpha, , , ids.docElsewhere] = docs.map((o) => o.entityId!);
    const [load] = await merge.merge([
      item('shipment', 'load_1', {
        reference: 'ORD-1',
        status: 'ASSIGNED',
        carrier: { id: 'tf-carrier-1', name: 'Alpha', legalName: null, email: null, phone: null, vatCode: null, mcNumber: '100', usdotNumber: null },
      }),
      item('shipment', 'load_2', { reference: 'ORD-2', status: 'ASSIGNED' }),
    ]);
    ids.load = load!.entityId!;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('lists carriers with compliance, filtered by each identifier (normalized)', async () => {
    const all = await get('/v1/carriers');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ nextCursor: null, requestId: expect.any(String) });
    expect(all.body.data).toHaveLength(3);
    const by = async (q: string) => (await get(`/v1/carriers?${q}`)).body.data.map((c: { name: string }) => c.name);
    expect(await by('mcNumber=100')).toEqual(['Alpha']);
    expect(await by('usdotNumber=USDOT%20200')).toEqual(['Bravo']);
    expect(await by('vatCode=fr300')).toEqual(['Charlie']);
    expect(await by('email=OPS@charlie.FR')).toEqual(['Charlie']);
    expect(await by('complianceStatus=PENDING')).toEqual(['Bravo']);
    expect(await by('expiringWithinDays=30')).toEqual(['Bravo', 'Alpha']);
    const alpha = (await get(`/v1/carriers?mcNumber=100`)).body.data[0];
    expect(alpha.compliance.documents).toEqual(
      expect.arrayContaining([{ id: ids.docAlpha, type: 'INSURANCE', expiresOn: isoDay(20), daysUntilExpiry: expect.any(Number) }]),
    );
  });

  it('pages with a cursor and refuses bad query values field by field', async () => {
    const first = await get('/v1/carriers?limit=2');
    expect(first.body.data).toHaveLength(2);
    const second = await get(`/v1/carriers?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data).toHaveLength(1);
    for (const [q, field] of [
      ['expiringWithinDays=-1', 'expiringWithinDays'],
      ['expiringWithinDays=soon', 'expiringWithinDays'],
      ['complianceStatus=GREAT', 'complianceStatus'],
      ['mcNumber=abc', 'mcNumber'],
      ['email=not-an-email', 'email'],
      ['cursor=bogus', 'cursor'],
      ['limit=0', 'limit'],
    ]) {
      const res = await get(`/v1/carriers?${q}`);
      expect([q, res.status, res.body.error.code]).toEqual([q, 400, 'validation_failed']);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('serves one carrier, and 404 not_found for an unknown or malformed id', async () => {
    expect((await get(`/v1/carriers/${ids.alpha}`)).body.data).toMatchObject({ id: ids.alpha, name: 'Alpha' });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "1'%20OR%201=1"]) {
      const res = await get(`/v1/carriers/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({ code: 'not_found', message: 'carrier not found' });
    }
  });

  it('lists the shipments a carrier runs, with the canonical carrier id and compliance summary spliced in', async () => {
    const res = await get(`/v1/shipments?carrierId=${ids.alpha}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((s: { reference: string }) => s.reference)).toEqual(['ORD-1']);
    expect(res.body.data[0].carrier).toMatchObject({ id: ids.alpha, compliance: { status: 'VERIFIED', expiredDocuments: 0, nextExpiry: { documentId: ids.docAlpha } } });
    expect((await get(`/v1/shipments?carrierId=${ids.charlie}`)).body.data).toEqual([]);
    const bad = await get('/v1/shipments?carrierId=tf-carrier-1');
    expect([bad.status, bad.body.error.details[0].field]).toEqual([400, 'carrierId']);
  });

  it('serves documents under documents:read only, and 404s unknown ones', async () => {
    const res = await get(`/v1/documents/${ids.docAlpha}`, docsReader);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: ids.docAlpha, type: 'INSURANCE', owner: { kind: 'carrier', id: ids.alpha }, daysUntilExpiry: expect.any(Number) });
    expect((await get(`/v1/documents/${ids.docAlpha}`, reader)).status).toBe(403);
    expect((await get('/v1/documents/00000000-0000-4000-8000-000000000000', docsReader)).body.error.code).toBe('not_found');
    expect((await get('/v1/documents/nope/content', docsReader)).status).toBe(404);
  });

  it('answers 409 content_unavailable when the provider cannot serve the bytes', async () => {
    // TrailFlow offers no document content; the other document's connection is not configured here.
    for (const id of [ids.docAlpha, ids.docElsewhere]) {
      const res = await get(`/v1/documents/${id}/content`, docsReader);
      expect([res.status, res.body.error.code]).toEqual([409, 'content_unavailable']);
    }
  });

  it('documents the routes in OpenAPI', async () => {
    const res = await request(`${app.url}/docs/json`);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/v1/carriers', '/v1/carriers/{id}', '/v1/documents/{id}', '/v1/documents/{id}/content']));
  });
});
