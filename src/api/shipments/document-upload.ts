import { PassThrough, type Readable } from 'node:stream';
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import { DOCUMENT_TYPES, type CanonicalDocument, type DocumentType } from '@waybill/canonical';
import type { UploadFile } from '@waybill/provider-kit';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error.js';
import { UPLOAD_BODY_LIMIT_BYTES } from '../../webhooks/raw-json.parser.js';

/** What providers take (SpotGo's README: PDF, JPEG, PNG, TIFF). */
export const UPLOAD_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'] as const;

/** Per-request multipart limits: one file up to the upload limit, a few small fields. */
export const UPLOAD_MULTIPART_LIMITS = { fileSize: UPLOAD_BODY_LIMIT_BYTES, files: 1, fields: 4, parts: 6, fieldSize: 1024, fieldNameSize: 100 };

const payloadTooLarge = () => new ApiError(413, 'payload_too_large', `the file is larger than ${UPLOAD_BODY_LIMIT_BYTES} bytes`);

/**
 * Reads `POST /v1/shipments/{id}/documents` (multipart/form-data: a `type` field, then one `file` part) and hands the
 * file part to `send` as a stream: nothing is buffered whole. `type` and the part's Content-Type are checked before the
 * first byte is sent on (`400 validation_failed` naming the field). A file that grows past the limit while streaming
 * fails the send (the provider gets an aborted request, never a truncated file) and is answered `413 payload_too_large`.
 */
export async function readUpload(
  req: FastifyRequest,
  send: (file: UploadFile, type: DocumentType) => Promise<CanonicalDocument>,
): Promise<CanonicalDocument> {
  if (!req.isMultipart()) {
    throw ApiError.validation([{ field: 'file', message: 'send multipart/form-data with a `type` field and a `file` part' }]);
  }
  let type: string | undefined;
  try {
    for await (const part of req.parts({ limits: UPLOAD_MULTIPART_LIMITS })) {
      if (part.type === 'field') {
        if (part.fieldname === 'type') type = String((part as MultipartValue).value).trim();
        continue;
      }
      const filePart = part as MultipartFile;
      if (filePart.fieldname !== 'file') {
        filePart.file.resume();
        throw ApiError.validation([{ field: filePart.fieldname, message: 'unexpected file part; send the document as `file`' }]);
      }
      const docType = checkType(type, filePart);
      const contentType = (filePart.mimetype ?? '').split(';')[0]!.trim().toLowerCase();
      if (!(UPLOAD_CONTENT_TYPES as readonly string[]).includes(contentType)) {
        filePart.file.resume();
        throw ApiError.validation([{ field: 'file', message: `content type ${contentType || '(none)'} is not accepted; one of ${UPLOAD_CONTENT_TYPES.join(', ')}` }]);
      }
      const guarded = sizeGuard(filePart.file);
      try {
        return await send({ stream: guarded.stream, fileName: filePart.filename || 'document', contentType, sizeBytes: null }, docType);
      } catch (e) {
        if (guarded.exceeded()) throw payloadTooLarge();
        throw e;
      } finally {
        // Whatever the provider did not read (a refusal before the first byte) is drained, not left to stall the request.
        guarded.release();
      }
    }
  } catch (e) {
    throw multipartError(e);
  }
  if (type === undefined) throw ApiError.validation([{ field: 'type', message: `required; one of ${DOCUMENT_TYPES.join(', ')}` }]);
  throw ApiError.validation([{ field: 'file', message: 'required: one file part named `file`' }]);
}

function checkType(type: string | undefined, filePart: MultipartFile): DocumentType {
  if (type === undefined) {
    filePart.file.resume();
    throw ApiError.validation([{ field: 'type', message: `required, before the file part; one of ${DOCUMENT_TYPES.join(', ')}` }]);
  }
  const upper = type.toUpperCase();
  if (!(DOCUMENT_TYPES as readonly string[]).includes(upper)) {
    filePart.file.resume();
    throw ApiError.validation([{ field: 'type', message: `unknown document type ${JSON.stringify(type)}; one of ${DOCUMENT_TYPES.join(', ')}` }]);
  }
  return upper as DocumentType;
}

/**
 * Busboy ends a file that reaches `fileSize` early (`truncated`), which would hand the provider a short file that
 * looks complete. The guard fails the stream instead, so the send fails and the answer is 413.
 */
function sizeGuard(file: Readable): { stream: Readable; exceeded(): boolean; release(): void } {
  const out = new PassThrough();
  let exceeded = false;
  file.on('limit', () => {
    exceeded = true;
    out.destroy(payloadTooLarge());
    file.unpipe(out);
    file.resume();
  });
  file.on('error', (e) => out.destroy(e));
  file.pipe(out);
  return {
    stream: out,
    exceeded: () => exceeded || (file as Readable & { truncated?: boolean }).truncated === true,
    release: () => {
      file.unpipe(out);
      if (!out.destroyed) out.destroy();
      file.resume();
    },
  };
}

/** @fastify/multipart's errors (limits, malformed bodies) in the API's envelope. */
function multipartError(e: unknown): unknown {
  if (e instanceof ApiError) return e;
  const err = e as { statusCode?: number; code?: string; message?: string };
  if (err.code === 'FST_REQ_FILE_TOO_LARGE') return payloadTooLarge();
  if (err.code === 'FST_FILES_LIMIT' || err.code === 'FST_PARTS_LIMIT' || err.code === 'FST_FIELDS_LIMIT') {
    return ApiError.validation([{ field: 'file', message: `one file part and a few fields at most (${err.message ?? 'limit reached'})` }]);
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return ApiError.validation([{ field: 'file', message: `malformed multipart body: ${err.message ?? 'unreadable'}` }]);
  }
  return e;
}
