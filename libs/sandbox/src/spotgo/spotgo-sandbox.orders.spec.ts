import { createSpotgoSandbox, type SpotgoSandbox } from './spotgo-sandbox.js';
import { DEFAULT_SPOTGO_KEY } from './spotgo-state.js';
import { orderBody, sg } from './testing/spotgo-test-kit.js';

const KEY = DEFAULT_SPOTGO_KEY;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('SpotGo sandbox: orders', () => {
  let sandbox: SpotgoSandbox;
  let url: string;
  const call = (method: string, path: string, body?: unknown) => sg(url, method, path, { key: KEY, body });

  beforeEach(async () => {
    sandbox = createSpotgoSandbox({ seed: 3, orders: 30 });
    url = await sandbox.listen(0);
  });
  afterEach(() => sandbox.close());

  it('POST /orders creates once (201, the order with its share link) and refuses the same order number (409 OrderNumberExists)', async () => {
    const first = await call('POST', '/api/v1/orders', orderBody('NEW-1'));
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ orderId: expect.stringMatching(GUID), status: 'Created', orderNumber: 'NEW-1', requiredDocumentTypes: ['cmr'], documents: [] });
    expect(first.json.share.shareUrl).toMatch(/^https:\/\//);
    const again = await call('POST', '/api/v1/orders', orderBody('NEW-1'));
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ status: 409, code: 'OrderNumberExists', errors: [{ field: 'orderNumber', code: 'OrderNumberExists' }] });
    expect(again.json.detail).toContain(first.json.orderId);
  });

  it('keeps order numbers unique after normalisation (case, whitespace), but punctuation still counts', async () => {
    expect((await call('POST', '/api/v1/orders', orderBody('ord-77'))).status).toBe(201);
    for (const variant of [' ORD-77 ', 'Ord -77', 'o r d-77']) {
      expect((await call('POST', '/api/v1/orders', orderBody(variant))).json.code).toBe('OrderNumberExists');
    }
    expect((await call('POST', '/api/v1/orders', orderBody('ORD77'))).status).toBe(201);
    // Upsert finds the same order through a variant and keeps the stored spelling.
    const up = await call('POST', '/api/v1/orders/upsert', orderBody('  ORD-77'));
    expect(up.json).toMatchObject({ created: false, updated: true, linkChanged: false, order: { orderNumber: 'ord-77' } });
  });

  it('upsert: a new number → created + linkChanged; again → updated only; a new carrier VAT → updated + linkChanged + a new link', async () => {
    const created = await call('POST', '/api/v1/orders/upsert', orderBody('UP-1'));
    expect(created.status).toBe(200);
    expect(Object.keys(created.json)).toEqual(['created', 'updated', 'linkChanged', 'order']);
    expect(created.json).toMatchObject({ created: true, updated: false, linkChanged: true });
    const link = created.json.order.share.shareUrl;

    const same = await call('POST', '/api/v1/orders/upsert', orderBody('UP-1', 'LT100012345617', { internalComments: 'changed' }));
    expect(same.json).toMatchObject({ created: false, updated: true, linkChanged: false });
    expect(same.json.order.orderId).toBe(created.json.order.orderId);
    expect(same.json.order.share.shareUrl).toBe(link);
    expect(same.json.order.internalComments).toBe('changed');

    // A carrier name or e-mail edit with the same VAT code (spaces and case aside) is not a carrier change.
    const renamed = await call('POST', '/api/v1/orders/upsert', { ...orderBody('UP-1', 'lt 1000 1234 5617'), carrier: { name: 'Baltic Road Lines', vatCode: 'lt 1000 1234 5617' } });
    expect(renamed.json).toMatchObject({ linkChanged: false, order: { carrier: { name: 'Baltic Road Lines' } } });

    const moved = await call('POST', '/api/v1/orders/upsert', orderBody('UP-1', 'PL5261040828'));
    expect(moved.json).toMatchObject({ created: false, updated: true, linkChanged: true, order: { carrier: { vatCode: 'PL5261040828' } } });
    expect(moved.json.order.share.shareUrl).not.toBe(link);
    expect((await call('GET', `/api/v1/orders/${created.json.order.orderId}`)).json.share.shareUrl).toBe(moved.json.order.share.shareUrl);
  });

  it('upsert refuses a carrier change once the order has documents (409 CarrierChangeWithDocuments) and leaves the order alone', async () => {
    const withDocs = sandbox.orders().find((o) => o.documents.length > 0 && o.status !== 'Completed')!;
    const body = orderBody(withDocs.orderNumber, 'DE811569869');
    const r = await call('POST', '/api/v1/orders/upsert', body);
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ code: 'CarrierChangeWithDocuments', errors: [{ field: 'carrier.vatCode' }] });
    const after = sandbox.orders().find((o) => o.orderId === withDocs.orderId)!;
    expect(after).toEqual(withDocs);
    // The same carrier is still an update.
    const ok = await call('POST', '/api/v1/orders/upsert', orderBody(withDocs.orderNumber, withDocs.carrier.vatCode));
    expect(ok.json).toMatchObject({ created: false, updated: true, linkChanged: false });
  });

  it('a completed order refuses updates by upsert and PUT (409 OrderCompleted)', async () => {
    const done = sandbox.orders().find((o) => o.status === 'Completed')!;
    const up = await call('POST', '/api/v1/orders/upsert', orderBody(done.orderNumber, done.carrier.vatCode));
    expect(up.status).toBe(409);
    expect(up.json.code).toBe('OrderCompleted');
    const put = await call('PUT', `/api/v1/orders/${done.orderId}`, { internalComments: 'x' });
    expect(put.json.code).toBe('OrderCompleted');
  });

  it('PUT updates by id but never changes the carrier, even without documents (400 CarrierChangeNotAllowed)', async () => {
    const { json: order } = await call('POST', '/api/v1/orders', orderBody('PUT-1'));
    const refused = await call('PUT', `/api/v1/orders/${order.orderId}`, { carrier: { name: 'Other', vatCode: 'DE811569869' } });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ code: 'CarrierChangeNotAllowed', errors: [{ field: 'carrier.vatCode' }] });
    const ok = await call('PUT', `/api/v1/orders/${order.orderId}`, { internalComments: 'dock 7', details: { weight: 500, licensePlates: [] } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ orderId: order.orderId, internalComments: 'dock 7', details: { weight: 500 }, carrier: order.carrier, share: order.share });
    // Renaming to a number another order has is refused.
    await call('POST', '/api/v1/orders', orderBody('PUT-2'));
    expect((await call('PUT', `/api/v1/orders/${order.orderId}`, { orderNumber: 'put-2' })).json.code).toBe('OrderNumberExists');
    expect((await call('PUT', '/api/v1/orders/00000000-0000-4000-8000-000000000000', { internalComments: 'x' })).status).toBe(404);
  });

  it('DELETE removes the order (204, then 404) and frees its number', async () => {
    const { json: order } = await call('POST', '/api/v1/orders', orderBody('DEL-1'));
    const del = await call('DELETE', `/api/v1/orders/${order.orderId}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await call('GET', `/api/v1/orders/${order.orderId}`)).json).toMatchObject({ status: 404, code: 'NotFound' });
    expect((await call('DELETE', `/api/v1/orders/${order.orderId}`)).status).toBe(404);
    expect((await call('POST', '/api/v1/orders', orderBody('DEL-1'))).status).toBe(201);
  });

  it('GET returns the full order with its documents (ids, types, names, statuses, comments)', async () => {
    const truth = sandbox.orders().find((o) => o.documents.some((d) => d.status === 'Rejected'))!;
    const r = await call('GET', `/api/v1/orders/${truth.orderId.toUpperCase()}`);
    expect(r.status).toBe(200);
    expect(r.json).toEqual(truth);
    expect(Object.keys(r.json)).toEqual([
      'orderId', 'status', 'orderNumber', 'createdAt', 'carrier', 'requiredDocumentTypes', 'internalComments', 'details', 'locations', 'documents', 'share', 'updatedAt',
    ]);
    const rejected = r.json.documents.find((d: { status: string }) => d.status === 'Rejected');
    expect(rejected).toMatchObject({ documentId: expect.stringMatching(GUID), documentType: expect.any(String), name: expect.any(String), comment: expect.any(String), rejectionReason: expect.any(String) });
  });

  it('validates bodies and names every wrong field (400 ValidationFailed)', async () => {
    const r = await call('POST', '/api/v1/orders/upsert', {
      orderNumber: '', carrier: { email: 'nope' }, requiredDocumentTypes: ['cmr', 'passport'],
      locations: [{ sequence: 0, type: 'Parking', countryCode: 'LTU', startDate: 'tomorrow' }],
    });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('ValidationFailed');
    expect(r.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['carrier.email', 'carrier.vatCode', 'locations[0].countryCode', 'locations[0].startDate', 'locations[0].type', 'orderNumber', 'requiredDocumentTypes[1]'].sort(),
    );
  });

  it('takes requiredDocumentTypes as the docs sample sends it ("cmr"), as a list, or comma-separated', async () => {
    const a = await call('POST', '/api/v1/orders', orderBody('RDT-1', 'X1', { requiredDocumentTypes: 'CMR, invoice' }));
    expect(a.json.requiredDocumentTypes).toEqual(['cmr', 'invoice']);
    const b = await call('POST', '/api/v1/orders', orderBody('RDT-2', 'X1', { requiredDocumentTypes: ['pod', 'selfbillinginvoice'] }));
    expect(b.json.requiredDocumentTypes).toEqual(['pod', 'selfBillingInvoice']);
    const c = await call('POST', '/api/v1/orders', orderBody('RDT-3', 'X1', { requiredDocumentTypes: undefined }));
    expect(c.json.requiredDocumentTypes).toEqual(['cmr']);
  });
});
