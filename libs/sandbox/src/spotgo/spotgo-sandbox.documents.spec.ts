import { createSpotgoSandbox, type SpotgoSandbox } from './spotgo-sandbox.js';
import { DEFAULT_SPOTGO_KEY } from './spotgo-state.js';
import type { SpotgoDocumentView, SpotgoOrderView } from './spotgo.types.js';
import { multipartBody, orderBody, sg } from './testing/spotgo-test-kit.js';

const KEY = DEFAULT_SPOTGO_KEY;

describe('SpotGo sandbox: documents', () => {
  let sandbox: SpotgoSandbox;
  let url: string;
  const call = (method: string, path: string, body?: unknown) => sg(url, method, path, { key: KEY, body });
  const withDoc = (status: string): [SpotgoOrderView, SpotgoDocumentView] => {
    const order = sandbox.orders().find((o) => o.documents.some((d) => d.status === status))!;
    return [order, order.documents.find((d) => d.status === status)!];
  };
  const upload = (orderId: string, parts: Parameters<typeof multipartBody>[0]) => {
    const { body, contentType } = multipartBody(parts);
    return sg(url, 'POST', `/api/v1/orders/${orderId}/documents`, { key: KEY, raw: body, contentType });
  };

  beforeEach(async () => {
    sandbox = createSpotgoSandbox({ seed: 11, orders: 40, workflow: 'B', uploadLimitBytes: 64 * 1024 });
    url = await sandbox.listen(0);
  });
  afterEach(() => sandbox.close());

  it('generates documents in every status', () => {
    const statuses = new Set(sandbox.orders().flatMap((o) => o.documents.map((d) => d.status)));
    expect([...statuses].sort()).toEqual(['Accepted', 'InReview', 'Processing', 'Rejected']);
  });

  it('GET …/content returns the bytes with their type and file name, the same on every read', async () => {
    const [order, doc] = withDoc('Accepted');
    const r = await sg(url, 'GET', `/api/v1/orders/${order.orderId}/documents/${doc.documentId}/content`, { key: KEY });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(doc.contentType);
    expect(r.headers.get('content-disposition')).toContain(`filename="${doc.name}"`);
    expect(r.bytes.length).toBe(doc.size);
    if (doc.contentType === 'application/pdf') {
      expect(r.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(r.bytes.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    }
    const again = await sg(url, 'GET', `/api/v1/orders/${order.orderId}/documents/${doc.documentId}/content`, { key: KEY });
    expect(again.bytes.equals(r.bytes)).toBe(true);
    const missing = await sg(url, 'GET', `/api/v1/orders/${order.orderId}/documents/00000000-0000-4000-8000-000000000000/content`, { key: KEY });
    expect(missing.json).toMatchObject({ status: 404, code: 'NotFound' });
  });

  it('a document in review can be accepted, or rejected with a reason and comment; the order status follows', async () => {
    const [order, doc] = withDoc('InReview');
    const path = `/api/v1/orders/${order.orderId}/documents/${doc.documentId}/status`;
    const r = await call('POST', path, { status: 'Rejected', rejectionReason: 'Unreadable', comment: 'Blurred photo' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ documentId: doc.documentId, status: 'Rejected', rejectionReason: 'Unreadable', comment: 'Blurred photo' });
    const after = (await call('GET', `/api/v1/orders/${order.orderId}`)).json as SpotgoOrderView;
    expect(after.documents.find((d) => d.documentId === doc.documentId)!.status).toBe('Rejected');
    expect(after.updatedAt > order.updatedAt).toBe(true);

    const [order2, doc2] = withDoc('InReview');
    const ok = await call('POST', `/api/v1/orders/${order2.orderId}/documents/${doc2.documentId}/status`, { status: 'Accepted' });
    expect(ok.json).toMatchObject({ status: 'Accepted', rejectionReason: null });
  });

  it('refuses every other transition (409 InvalidStatusTransition) and bad bodies (400)', async () => {
    for (const from of ['Processing', 'Accepted', 'Rejected']) {
      const [order, doc] = withDoc(from);
      for (const to of ['Accepted', 'Rejected']) {
        const r = await call('POST', `/api/v1/orders/${order.orderId}/documents/${doc.documentId}/status`, { status: to });
        expect(r.status).toBe(409);
        expect(r.json).toMatchObject({ code: 'InvalidStatusTransition', detail: expect.stringContaining(from) });
      }
    }
    const [order, doc] = withDoc('InReview');
    const path = `/api/v1/orders/${order.orderId}/documents/${doc.documentId}/status`;
    expect((await call('POST', path, { status: 'InReview' })).json.errors[0].field).toBe('status');
    expect((await call('POST', path, { status: 'Accepted', rejectionReason: 'Unreadable' })).json.errors[0].field).toBe('rejectionReason');
    expect((await call('POST', path, { status: 'Rejected', rejectionReason: 'Smells' })).json.errors[0].field).toBe('rejectionReason');
    // Nothing changed.
    expect(sandbox.orders().find((o) => o.orderId === order.orderId)!.documents.find((d) => d.documentId === doc.documentId)!.status).toBe('InReview');
  });

  it('uploads multipart file + documentType (201, Processing), then serves exactly the uploaded bytes', async () => {
    const { json: order } = await call('POST', '/api/v1/orders', orderBody('UPL-1'));
    const data = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]), Buffer.from('\n%%EOF')]);
    const r = await upload(order.orderId, [
      { name: 'documentType', value: 'selfBillingInvoice' },
      { name: 'file', filename: 'sbi-4711.pdf', contentType: 'application/pdf', data },
    ]);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ documentType: 'selfBillingInvoice', name: 'sbi-4711.pdf', status: 'Processing', size: data.length, source: 'Customer', contentType: 'application/pdf' });
    const content = await sg(url, 'GET', `/api/v1/orders/${order.orderId}/documents/${r.json.documentId}/content`, { key: KEY });
    expect(content.bytes.equals(data)).toBe(true);
    expect((await call('GET', `/api/v1/orders/${order.orderId}`)).json.documents).toHaveLength(1);
    // The order now has documents: its carrier can no longer change.
    expect((await call('POST', '/api/v1/orders/upsert', orderBody('UPL-1', 'DE811569869'))).json.code).toBe('CarrierChangeWithDocuments');
  });

  it('validates the upload: documentType known and present, one file, accepted file type, size limit (413), multipart only', async () => {
    const { json: order } = await call('POST', '/api/v1/orders', orderBody('UPL-2'));
    const pdf = { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 x') };
    expect((await upload(order.orderId, [{ name: 'documentType', value: 'passport' }, pdf])).json).toMatchObject({ status: 400, errors: [{ field: 'documentType', code: 'UnknownDocumentType' }] });
    expect((await upload(order.orderId, [pdf])).json.errors[0]).toMatchObject({ field: 'documentType', code: 'Required' });
    expect((await upload(order.orderId, [{ name: 'documentType', value: 'cmr' }])).json.errors[0]).toMatchObject({ field: 'file' });
    const exe = { ...pdf, filename: 'a.exe', contentType: 'application/x-msdownload' };
    expect((await upload(order.orderId, [{ name: 'documentType', value: 'cmr' }, exe])).json.errors[0]).toMatchObject({ field: 'file', code: 'UnsupportedFileType' });
    const big = { ...pdf, data: Buffer.alloc(64 * 1024 + 1, 0x41) };
    const tooBig = await upload(order.orderId, [{ name: 'documentType', value: 'cmr' }, big]);
    expect(tooBig.status).toBe(413);
    expect(tooBig.json).toMatchObject({ code: 'PayloadTooLarge' });
    const huge = { ...pdf, data: Buffer.alloc(200 * 1024, 0x41) };
    expect((await upload(order.orderId, [{ name: 'documentType', value: 'cmr' }, huge])).json).toMatchObject({ status: 413, code: 'PayloadTooLarge' });
    const json = await call('POST', `/api/v1/orders/${order.orderId}/documents`, { documentType: 'cmr' });
    expect(json.json).toMatchObject({ status: 415, code: 'UnsupportedMediaType' });
    expect((await upload('00000000-0000-4000-8000-000000000000', [{ name: 'documentType', value: 'cmr' }, pdf])).status).toBe(404);
    expect((await call('GET', `/api/v1/orders/${order.orderId}`)).json.documents).toEqual([]);
  });
});
