import { PassThrough, Readable } from 'node:stream';
import type { CanonicalDocument } from '@waybill/canonical';
import { type Connection, ConnectionRegistry, type FreightProvider, ProviderRegistry } from '@waybill/provider-kit';
import type { DocumentQueryRepository } from '@waybill/store';
import { contentDisposition } from '../../../src/api/documents/content-disposition.js';
import { DocumentsController } from '../../../src/api/documents/documents.controller.js';

const DOC_ID = '3f1e2d3c-4b5a-4987-8654-3210fedcba98';
const CONN: Connection = { id: 'cp-1', provider: 'carrierpacket', baseUrl: 'http://x', credentials: {}, webhookSecrets: [], settings: { documents: true } };

function controllerWith(available: boolean, opened: { stream: PassThrough }) {
  const document = { id: DOC_ID, provider: 'carrierpacket', connection: 'cp-1', externalId: 'doc_9', name: 'coi "final".pdf', mimeType: 'application/pdf' } as CanonicalDocument;
  const provider = {
    code: 'carrierpacket',
    documentContent: {
      available: (c: Connection) => available && c.settings.documents === true,
      open: async (_c: Connection, externalId: string) => {
        expect(externalId).toBe('doc_9');
        return { stream: opened.stream, contentType: 'application/pdf', fileName: 'Zertifikat für Müller.pdf', sizeBytes: null };
      },
    },
  } as unknown as FreightProvider;
  const docs = { get: async (id: string) => (id === DOC_ID ? document : null) } as unknown as DocumentQueryRepository;
  return new DocumentsController(docs, new ProviderRegistry([provider]), new ConnectionRegistry([CONN]));
}

describe('GET /v1/documents/{id}/content (controller)', () => {
  it('streams the provider stream through, with Content-Type and an attachment Content-Disposition', async () => {
    const opened = { stream: new PassThrough() };
    const file = await controllerWith(true, opened).content(DOC_ID);
    // The very stream the provider opened: nothing is read into memory first.
    expect(file.getStream()).toBe(opened.stream);
    expect(file.getHeaders()).toMatchObject({
      type: 'application/pdf',
      disposition: `attachment; filename="Zertifikat f_r M_ller.pdf"; filename*=UTF-8''Zertifikat%20f%C3%BCr%20M%C3%BCller.pdf`,
    });
    opened.stream.end(Buffer.from('%PDF-1.7'));
    const chunks: Buffer[] = [];
    for await (const c of file.getStream() as Readable) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('%PDF-1.7');
  });

  it('answers 409 content_unavailable when the provider says the content is not available', async () => {
    await expect(controllerWith(false, { stream: new PassThrough() }).content(DOC_ID)).rejects.toMatchObject({ code: 'content_unavailable', status: 409 });
  });

  it('answers 404 for an unknown document', async () => {
    await expect(controllerWith(true, { stream: new PassThrough() }).content('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps a file name from breaking the header', () => {
    expect(contentDisposition('a.pdf')).toBe('attachment; filename="a.pdf"');
    expect(contentDisposition('x"\r\ny.pdf')).toMatch(/^attachment; filename="x___y.pdf"; filename\*=UTF-8''x%22%0D%0Ay.pdf$/);
  });
});
