import type { FastifyInstance } from 'fastify';
import { notFound } from '../api-errors.js';
import type { CarrierpacketState } from '../carrierpacket-state.js';
import type { DocumentRecord } from '../carrierpacket.types.js';
import { paginate, parseDocumentListQuery, pathId } from '../query-params.js';
import { apiGuard } from '../request-guard.js';
import { documentView } from '../views.js';

/** REST "Documents" and, when the sandbox is created with `fileStreaming: true`, "What's coming: file streaming". */
export function registerDocumentRoutes(app: FastifyInstance, state: CarrierpacketState, prefix: string): void {
  const guard = apiGuard(state);

  // README: soonest expiry first, no expiry last, ties by id, with or without filters. `expiring_within=N` keeps
  // dated documents with days_until_expiry <= N, expired ones included (REST: "Negative values mean … expired").
  app.get(`${prefix}/documents`, { onRequest: guard }, async (request) => {
    const q = parseDocumentListQuery(request.query as Record<string, unknown>);
    const today = state.today();
    const keep = (d: DocumentRecord) =>
      (q.docType === null || d.row.doc_type === q.docType) &&
      (q.submissionId === null || d.row.submission_id === q.submissionId) &&
      (q.expiringWithin === null || (d.expiresDay !== null && d.expiresDay - today <= q.expiringWithin));
    const all = state.store.documentsByExpiry();
    const rows = q.docType === null && q.submissionId === null && q.expiringWithin === null ? all : all.filter(keep);
    return paginate(rows, q, (d) => documentView(d, today));
  });

  app.get<{ Params: { id: string } }>(`${prefix}/documents/:id`, { onRequest: guard }, async (request) => {
    const doc = state.store.findDocument(pathId(request.params.id) ?? -1);
    if (!doc) throw notFound(`Document ${request.params.id} not found.`);
    return { data: documentView(doc, state.today()) };
  });

  // Announced, not shipped: without the option the route does not exist and the 404 handler answers.
  if (!state.fileStreaming) return;
  app.get<{ Params: { id: string } }>(`${prefix}/documents/:id/file`, { onRequest: guard }, async (request, reply) => {
    const doc = state.store.findDocument(pathId(request.params.id) ?? -1);
    if (!doc) throw notFound(`Document ${request.params.id} not found.`);
    const name = doc.row.original_filename.replace(/["\\]/g, '_');
    return reply
      .header('content-type', doc.row.mime_type)
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(fileBytes(doc));
  });
}

/**
 * `size_bytes` bytes that open as a PDF header and end with the PDF end marker, the same for the same document and
 * renewal: enough for a client to check length, type and that it streamed the whole file.
 */
export function fileBytes(doc: DocumentRecord): Buffer {
  const size = doc.row.size_bytes;
  const header = `%PDF-1.4\n% CarrierPacket sandbox file: document ${doc.row.id} "${doc.row.original_filename}" renewal ${doc.renewals}\n`;
  const trailer = '\n%%EOF\n';
  const buf = Buffer.alloc(size, 0x20);
  buf.write(header.slice(0, Math.max(0, size - trailer.length)), 0, 'latin1');
  buf.write(trailer, Math.max(0, size - trailer.length), 'latin1');
  return buf;
}
