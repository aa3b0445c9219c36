import http from 'node:http';
import { TEST_ADMIN_KEY } from '../../support/test-config.js';
import { startSpotgoHub, spotgoShipmentBody, type SpotgoHub } from '../../support/spotgo-hub.js';
import { waitFor } from '../../support/wait-for.js';
import { UPLOAD_BODY_LIMIT_BYTES } from '../../../src/webhooks/raw-json.parser.js';

// POST /v1/shipments/{id}/documents: multipart `type` + `file`, streamed to the provider the shipment was dispatched
// to (SpotGo here), merged back as a document row, listed and downloadable through the hub.
describe('POST /v1/shipments/{id}/documents (SpotGo)', () => {
  let hub: SpotgoHub;

  beforeAll(async () => {
    // SpotGo's own file limit above the hub's, so the hub's limit is the one these tests meet.
    hub = await startSpotgoHub({ sandbox: { uploadLimitBytes: UPLOAD_BODY_LIMIT_BYTES + 4 * 1024 * 1024 } });
  });
  afterAll(async () => {
    await hub?.close();
  });

  const auth = { authorization: `Bearer ${TEST_ADMIN_KEY}` };
  const pdf = (size: number) => {
    const bytes = Buffer.alloc(size);
    Buffer.from('%PDF-1.7\n').copy(bytes);
    for (let i = 9; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff; // every byte value, CR/LF and NUL included
    return bytes;
  };
  const createShipment = async (reference: string) => {
    const res = await hub.api('/v1/shipments', { method: 'POST', json: spotgoShipmentBody(reference) });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  };
  const dispatched = async (reference: string) => {
    const id = await createShipment(reference);
    const res = await hub.api(`/v1/shipments/${id}/dispatch`, { method: 'POST', json: { provider: 'spotgo' } });
    expect(res.status).toBe(200);
    return { id, orderId: res.body.data.dispatch.externalId as string };
  };
  const form = (parts: ({ name: string; value: string } | { name: string; bytes: Buffer; fileName: string; type: string })[]) => {
    const fd = new FormData();
    for (const p of parts) {
      if ('value' in p) fd.append(p.name, p.value);
      else fd.append(p.name, new Blob([new Uint8Array(p.bytes)], { type: p.type }), p.fileName);
    }
    return fd;
  };
  const upload = async (id: string, body: FormData | string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${hub.app.url}/v1/shipments/${id}/documents`, { method: 'POST', headers: { ...auth, ...headers }, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

  it('uploads a PDF: SpotGo has it (processing, then accepted on its clock), the hub lists it and serves identical bytes', async () => {
    const { id, orderId } = await dispatched('SG-UP-1');
    const bytes = pdf(300_123);
    const res = await upload(id, form([{ name: 'type', value: 'CMR' }, { name: 'file', bytes, fileName: 'CMR Vilnius–Berlin.pdf', type: 'application/pdf' }]));
    expect(res.status).toBe(201);
    const doc = res.body.data;
    expect(doc).toMatchObject({
      owner: { kind: 'shipment', id }, provider: 'spotgo', connection: 'spotgo-default', type: 'CMR', rawType: 'cmr',
      status: 'PROCESSING', rawStatus: 'Processing', name: 'CMR Vilnius–Berlin.pdf', mimeType: 'application/pdf', sizeBytes: bytes.length,
    });

    const [truth] = hub.order(orderId).documents;
    expect(hub.order(orderId).documents).toHaveLength(1);
    expect(truth).toMatchObject({ documentType: 'cmr', status: 'Processing', source: 'Customer', size: bytes.length, contentType: 'application/pdf' });
    expect(doc.externalId).toBe(`${orderId}/${truth!.documentId}`);
    // Streamed: one upload request to SpotGo, then the order read back.
    expect(hub.exchanges().filter((e) => e.path.startsWith(`/api/v1/orders/${orderId}`)).map((e) => [e.method, e.path, e.status])).toStrictEqual([
      ['POST', `/api/v1/orders/${orderId}/documents`, 201],
      ['GET', `/api/v1/orders/${orderId}`, 200],
    ]);

    const listed = await hub.api(`/v1/shipments/${id}/documents`);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toStrictEqual([doc]);

    // SpotGo processes it (a broker's own upload is accepted once processed: README "Webhooks") and says so.
    const moved = await hub.sandbox.advance(10 * 60_000, { changes: 0 });
    expect(moved.deliveries.filter((d) => d.documentId === truth!.documentId).map((d) => [d.eventType, d.statusCode])).toStrictEqual([['DocumentAccepted', 202]]);
    expect(hub.order(orderId).documents[0]!.status).toBe('Accepted');
    await waitFor('the hub to list the upload accepted', async () => {
      const docs = (await hub.api(`/v1/shipments/${id}/documents`)).body.data as { id: string; status: string }[];
      return docs.length === 1 && docs[0]!.id === doc.id && docs[0]!.status === 'ACCEPTED';
    });

    const [fromHub, fromSpotgo] = await Promise.all([
      fetch(`${hub.app.url}/v1/documents/${doc.id}/content`, { headers: auth }),
      hub.spotgo(`/api/v1/orders/${orderId}/documents/${truth!.documentId}/content`),
    ]);
    expect(fromHub.status).toBe(200);
    expect(fromHub.headers.get('content-type')).toBe('application/pdf');
    const hubBytes = await bytesOf(fromHub);
    expect(hubBytes.equals(bytes)).toBe(true);
    expect(hubBytes.equals(await bytesOf(fromSpotgo))).toBe(true);
  });

  it('refuses a bad type or content type with 400 validation_failed naming the field, before anything is sent', async () => {
    const { id } = await dispatched('SG-UP-VALID');
    const file = { name: 'file', bytes: pdf(2_000), fileName: 'x.pdf', type: 'application/pdf' };
    const sent = hub.sentToSpotgo();

    const cases: [FormData, string][] = [
      [form([{ name: 'type', value: 'PASSPORT' }, file]), 'type'],
      [form([file]), 'type'],
      // The file is streamed on as it arrives, so `type` must come first.
      [form([file, { name: 'type', value: 'CMR' }]), 'type'],
      [form([{ name: 'type', value: 'CMR' }, { ...file, type: 'text/plain', fileName: 'x.txt' }]), 'file'],
      [form([{ name: 'type', value: 'CMR' }, { ...file, type: 'application/zip', fileName: 'x.zip' }]), 'file'],
      [form([{ name: 'type', value: 'CMR' }]), 'file'],
    ];
    for (const [body, field] of cases) {
      const res = await upload(id, body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field })] });
      expect(typeof res.body.requestId).toBe('string');
    }
    const json = await upload(id, JSON.stringify({ type: 'CMR' }), { 'content-type': 'application/json' });
    expect(json.status).toBe(400);
    expect(json.body.error).toMatchObject({ code: 'validation_failed', details: [{ field: 'file' }] });

    // A canonical type SpotGo has no value for: the adapter refuses it before any call.
    // (2 MB: a refused file the adapter never read is drained, the answer does not wait for it.)
    const bol = await upload(id, form([{ name: 'type', value: 'BOL' }, { ...file, bytes: pdf(2_000_000) }]));
    expect(bol.status).toBe(422);
    expect(bol.body.error).toMatchObject({ code: 'provider_rejected', details: [{ field: 'type', providerField: 'documentType', code: 'UnknownDocumentType' }] });

    // Lower-case canonical types are taken; images are fine.
    const png = await upload(id, form([{ name: 'type', value: 'pod' }, { name: 'file', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), fileName: 'pod.png', type: 'image/png' }]));
    expect(png.status).toBe(201);
    expect(png.body.data).toMatchObject({ type: 'POD', mimeType: 'image/png' });
    expect(hub.exchanges().slice(sent).map((e) => e.method)).toStrictEqual(['POST', 'GET']);
  });

  it('answers 409 invalid_state when the shipment was not dispatched to a provider that takes uploads; 404 for an unknown shipment', async () => {
    const id = await createShipment('SG-UP-NOT-DISPATCHED');
    const sent = hub.sentToSpotgo();
    const res = await upload(id, form([{ name: 'type', value: 'CMR' }, { name: 'file', bytes: pdf(1_000), fileName: 'x.pdf', type: 'application/pdf' }]));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'invalid_state', message: expect.stringContaining('dispatch') });
    const unknown = await upload('1b4e28ba-2fa1-41d2-883f-0016d3cca427', form([{ name: 'type', value: 'CMR' }]));
    expect(unknown.status).toBe(404);
    expect(hub.sentToSpotgo()).toBe(sent);
  });

  /** A raw request: `declared` as Content-Length (or chunked), then `chunks` written as fast as the socket takes them. */
  const rawUpload = (id: string, head: Buffer, fileBytes: number, tail: Buffer, declared?: number) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const url = new URL(`${hub.app.url}/v1/shipments/${id}/documents`);
      const req = http.request({
        hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST',
        headers: { ...auth, 'content-type': 'multipart/form-data; boundary=XyZ', ...(declared !== undefined ? { 'content-length': String(declared) } : {}) },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null });
          req.destroy();
        });
      });
      req.on('error', (e) => (e as NodeJS.ErrnoException).code === 'ECONNRESET' || (e as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(e));
      const chunk = Buffer.alloc(256 * 1024, 0x41);
      let left = fileBytes;
      const write = () => {
        while (left > 0 && !req.destroyed) {
          const n = Math.min(left, chunk.length);
          left -= n;
          if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once('drain', write);
        }
        if (!req.destroyed) req.end(declared === undefined ? tail : undefined);
      };
      req.write(head);
      // A declared size: only the head is sent (the hub answers before reading the body).
      if (declared === undefined) write();
    });
  const head = Buffer.from(
    '--XyZ\r\nContent-Disposition: form-data; name="type"\r\n\r\nCMR\r\n' +
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n',
  );
  const tail = Buffer.from('\r\n--XyZ--\r\n');

  it('413 payload_too_large beyond the upload limit: at once for a declared size, while streaming for a chunked body; SpotGo keeps nothing', async () => {
    const { id, orderId } = await dispatched('SG-UP-413');
    const sent = hub.sentToSpotgo();
    const declared = await rawUpload(id, head, 0, tail, UPLOAD_BODY_LIMIT_BYTES + 1);
    expect(declared.status).toBe(413);
    expect(declared.body).toMatchObject({ error: { code: 'payload_too_large' }, requestId: expect.any(String) });
    expect(hub.sentToSpotgo()).toBe(sent);

    const streamed = await rawUpload(id, head, UPLOAD_BODY_LIMIT_BYTES + 1024 * 1024, tail);
    expect(streamed.status).toBe(413);
    expect(streamed.body).toMatchObject({ error: { code: 'payload_too_large' }, requestId: expect.any(String) });
    // SpotGo saw an upload that broke off (never a truncated file that looks complete) and stored nothing.
    await hub.sandbox.idle();
    const broken = hub.exchanges().slice(sent);
    expect(broken.map((e) => [e.method, e.path])).toStrictEqual([['POST', `/api/v1/orders/${orderId}/documents`]]);
    expect(broken[0]!.status).not.toBe(201);
    expect(hub.order(orderId).documents).toHaveLength(0);
    expect((await hub.api(`/v1/shipments/${id}/documents`)).body.data).toStrictEqual([]);

    // Just under the limit is fine (chunked, streamed through).
    const ok = await rawUpload(id, head, 3 * 1024 * 1024, tail);
    expect(ok.status).toBe(201);
    expect(ok.body.data).toMatchObject({ sizeBytes: 3 * 1024 * 1024, status: 'PROCESSING' });
    expect(hub.order(orderId).documents.map((d) => d.size)).toStrictEqual([3 * 1024 * 1024]);
  });
});
