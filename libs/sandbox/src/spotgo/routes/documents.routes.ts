import type { FastifyInstance } from 'fastify';
import { ApiError, fieldError, notFound, validation } from '../api-errors.js';
import { documentBytes } from '../document-bytes.js';
import { MultipartError, parseMultipart } from '../multipart.js';
import { addDocument, changeDocumentStatus } from '../order-commands.js';
import { parseDocumentType } from '../order-validation.js';
import { documentView } from '../order-views.js';
import { apiGuard } from '../request-guard.js';
import type { SpotgoState } from '../spotgo-state.js';
import { DOCUMENT_TYPES } from '../spotgo.types.js';

type DocParams = { Params: { orderId: string; documentId: string } };

/** README "Uploads": the file types the upload takes (docs, Orders Processing: PDF; JPG, TIFF, PNG). */
export const UPLOAD_CONTENT_TYPES: Record<string, string> = {
  'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png', 'image/tiff': '.tiff',
};

export function registerDocumentRoutes(app: FastifyInstance, state: SpotgoState): void {
  const guard = apiGuard(state);

  app.get<DocParams>('/api/v1/orders/:orderId/documents/:documentId/content', { onRequest: guard }, async (request, reply) => {
    const found = state.store.findDocument(request.params.orderId, request.params.documentId);
    if (!found) throw notFound(state.store.find(request.params.orderId) ? `Document ${request.params.documentId}` : `Order ${request.params.orderId}`);
    const name = found.doc.name.replace(/["\\\r\n]/g, '_');
    return reply
      .header('content-type', found.doc.contentType)
      .header('content-disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(found.doc.name)}`)
      .send(documentBytes(found.order.orderNumber, found.doc));
  });

  app.post<DocParams>('/api/v1/orders/:orderId/documents/:documentId/status', { onRequest: guard }, async (request) => {
    const doc = changeDocumentStatus(state.ctx, request.params.orderId, request.params.documentId, request.body);
    void state.flush();
    return documentView(doc);
  });

  // Docs (Document Upload): multipart `file` + `documentType`. README: one file of at most `uploadLimitBytes`.
  app.post<{ Params: { orderId: string } }>('/api/v1/orders/:orderId/documents', { onRequest: guard }, async (request, reply) => {
    const order = state.store.find(request.params.orderId);
    if (!order) throw notFound(`Order ${request.params.orderId}`);
    const contentType = request.headers['content-type'] ?? '';
    if (!/^multipart\/form-data\b/i.test(contentType) || !Buffer.isBuffer(request.body)) {
      throw new ApiError('UnsupportedMediaType', 'The upload must be multipart/form-data with a `file` part and a `documentType` field.');
    }
    let parts;
    try {
      parts = parseMultipart(request.body, contentType);
    } catch (err) {
      if (err instanceof MultipartError) throw fieldError('$', `Malformed multipart body: ${err.message}`);
      throw err;
    }
    const files = parts.filter((p) => p.name === 'file');
    const typeField = parts.find((p) => p.name === 'documentType' && p.filename === null);
    const commentField = parts.find((p) => p.name === 'comment' && p.filename === null);
    const errors = [];
    if (files.length !== 1 || files[0].filename === null) errors.push({ field: 'file', code: 'Required', message: 'Exactly one `file` part with a filename is required.' });
    const documentType = typeField ? parseDocumentType(typeField.data.toString('utf8')) : null;
    if (!typeField) errors.push({ field: 'documentType', code: 'Required', message: 'documentType is required.' });
    else if (!documentType) {
      errors.push({ field: 'documentType', code: 'UnknownDocumentType', message: `Unknown documentType "${typeField.data.toString('utf8')}" (known: ${DOCUMENT_TYPES.join(', ')}).` });
    }
    if (errors.length > 0) throw validation(errors);
    const file = files[0];
    if (file.data.length > state.uploadLimitBytes) {
      throw new ApiError('PayloadTooLarge', `The file is ${file.data.length} bytes; the limit is ${state.uploadLimitBytes} bytes.`, [
        { field: 'file', code: 'FileTooLarge', message: `At most ${state.uploadLimitBytes} bytes.` },
      ]);
    }
    if (file.data.length === 0) throw fieldError('file', 'The file is empty.', 'EmptyFile');
    const fileType = file.contentType ?? 'application/octet-stream';
    if (!(fileType in UPLOAD_CONTENT_TYPES)) {
      throw fieldError('file', `Unsupported file type ${fileType} (accepted: ${Object.keys(UPLOAD_CONTENT_TYPES).join(', ')}).`, 'UnsupportedFileType');
    }
    const comment = commentField ? commentField.data.toString('utf8').slice(0, 2_000) : null;
    const doc = addDocument(state.ctx, order, {
      name: file.filename!.replace(/^.*[\\/]/, '') || `upload${UPLOAD_CONTENT_TYPES[fileType]}`, type: documentType!, contentType: fileType,
      bytes: Buffer.from(file.data), size: file.data.length, comment, source: 'Customer',
    }, state.ctx.tick());
    void state.flush();
    return reply.code(201).send(documentView(doc));
  });
}
