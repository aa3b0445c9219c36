import { call } from '../trailflow/testing/sandbox-test-kit.js';
import { DEFAULT_CARRIERPACKET_KEY } from './carrierpacket-state.js';
import { createCarrierpacketSandbox, type CarrierpacketSandbox } from './carrierpacket-sandbox.js';

const KEY = DEFAULT_CARRIERPACKET_KEY;

async function fetchFile(url: string, path: string, key: string | null = KEY) {
  const res = await fetch(`${url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('CarrierPacket sandbox: GET /documents/{id}/file', () => {
  let sandbox: CarrierpacketSandbox;
  let url: string;

  afterEach(() => sandbox.close());

  it('does not exist by default: 404 not_found, with or without a key, as an unknown route', async () => {
    sandbox = createCarrierpacketSandbox({ seed: 2, submissions: 20 });
    url = await sandbox.listen(0);
    const id = sandbox.documents()[0].id;
    for (const key of [KEY, null]) {
      for (const path of [`/documents/${id}/file`, `/api/v1/documents/${id}/file`]) {
        const res = await call(url, 'GET', path, { key });
        expect(res.status).toBe(404);
        expect(res.json).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
      }
    }
    expect((await call(url, 'GET', `/documents/${id}`, { key: KEY })).status).toBe(200);
  });

  it('with fileStreaming: size_bytes bytes of the mime_type, as an attachment named original_filename', async () => {
    sandbox = createCarrierpacketSandbox({ seed: 2, submissions: 20, fileStreaming: true });
    url = await sandbox.listen(0);
    const doc = sandbox.documents().sort((a, b) => a.size_bytes - b.size_bytes)[0];
    const { res, bytes } = await fetchFile(url, `/documents/${doc.id}/file`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${doc.original_filename}"`);
    expect(bytes.length).toBe(doc.size_bytes);
    expect(Number(res.headers.get('content-length'))).toBe(doc.size_bytes);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(bytes.length - 7).toString('latin1')).toBe('\n%%EOF\n');
    const again = await fetchFile(url, `/api/v1/documents/${doc.id}/file`);
    expect(again.bytes.equals(bytes)).toBe(true);
  });

  it('with fileStreaming: the usual auth and 404 for unknown or removed documents', async () => {
    sandbox = createCarrierpacketSandbox({ seed: 2, submissions: 20, fileStreaming: true });
    url = await sandbox.listen(0);
    const doc = sandbox.documents()[0];
    expect((await fetchFile(url, `/documents/${doc.id}/file`, null)).res.status).toBe(401);
    expect((await fetchFile(url, `/documents/${doc.id}/file`, 'cpl_nobody')).res.status).toBe(401);
    expect((await call(url, 'GET', '/documents/999999/file', { key: KEY })).json.error.code).toBe('not_found');
    sandbox.remove(doc.submission_id);
    expect((await fetchFile(url, `/documents/${doc.id}/file`)).res.status).toBe(404);
  });

  it('serves a renewed file under the same id with its new size', async () => {
    sandbox = createCarrierpacketSandbox({ seed: 2, submissions: 20, fileStreaming: true });
    url = await sandbox.listen(0);
    const { changes } = await sandbox.advance(60_000, { changes: 1, kinds: ['renewed'] });
    const doc = sandbox.documents().find((d) => d.id === changes[0].documentId)!;
    const { res, bytes } = await fetchFile(url, `/documents/${doc.id}/file`);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${doc.original_filename}"`);
    expect(bytes.length).toBe(doc.size_bytes);
  });
});
