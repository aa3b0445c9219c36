import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** API writes (JSON): `413 payload_too_large` beyond this. */
export const API_BODY_LIMIT_BYTES = 256 * 1024;
/** Document uploads (multipart) have their own, larger limit. */
export const UPLOAD_BODY_LIMIT_BYTES = 25 * 1024 * 1024;

/** `/webhooks/{provider}` and `/webhooks/{provider}/{connection}` (no query string). */
const WEBHOOK_PATH = /^\/webhooks\/([^/?#]+)(?:\/([^/?#]+))?\/?$/;
/** `POST /v1/shipments/{id}/documents`: the only upload route. */
const UPLOAD_PATH = /^\/v1\/shipments\/[^/?#]+\/documents\/?$/;

/** The webhook limit of one endpoint: the connection's `webhookBodyLimitBytes` or the default 1 MB (see WebhookReceiverService). */
export type WebhookBodyLimit = (provider: string, connection: string | undefined) => number;

/**
 * Every route's body limit, decided from the request line before a byte of the body is read: webhooks take their
 * endpoint's limit, uploads theirs, everything else the API write limit.
 */
export function bodyLimitFor(method: string, url: string, webhookLimit: WebhookBodyLimit): number {
  const path = url.split('?')[0] ?? url;
  const webhook = WEBHOOK_PATH.exec(path);
  if (webhook) return webhookLimit(decodeURIComponent(webhook[1]!), webhook[2] ? decodeURIComponent(webhook[2]) : undefined);
  if (method === 'POST' && UPLOAD_PATH.test(path)) return UPLOAD_BODY_LIMIT_BYTES;
  return API_BODY_LIMIT_BYTES;
}

function tooLarge(limit: number): Error & { statusCode: number; code: string } {
  return Object.assign(new Error(`request body is larger than ${limit} bytes`), { statusCode: 413, code: 'payload_too_large' });
}

function sendTooLarge(req: FastifyRequest, reply: FastifyReply, limit: number): void {
  // The request's remaining bytes are drained (not parsed) by Node, so the client still reads this answer.
  void reply
    .code(413)
    .send({ error: { code: 'payload_too_large', message: `request body is larger than ${limit} bytes` }, requestId: req.id });
}

/**
 * Body limits, checked before parsing: a declared `Content-Length` over the route's limit is refused at once
 * (`413 payload_too_large`, the API error envelope) and the JSON parser counts bytes while it reads, stopping at the
 * limit, so a chunked body cannot get around it. Register after any authentication hook: an API write without a valid
 * key is `401` whatever its size.
 */
export function registerBodyLimits(fastify: FastifyInstance, webhookLimit: () => WebhookBodyLimit): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > 0) {
      const limit = bodyLimitFor(req.method, req.url, webhookLimit());
      if (declared > limit) return sendTooLarge(req, reply, limit);
    }
    done();
  });
  registerRawJsonParser(fastify, (req) => bodyLimitFor(req.method, req.url, webhookLimit()));
}

/**
 * JSON bodies are parsed by us so that the exact bytes stay available (`req.rawBody`) for signature checks.
 * On /webhooks/* a body that is not JSON is not refused here: a signed but malformed delivery must still be
 * verified and kept as a dead letter, never lost to a 400. Bytes are counted while reading: past `limitOf(req)` the
 * read stops and the answer is `413`.
 */
export function registerRawJsonParser(fastify: FastifyInstance, limitOf: (req: FastifyRequest) => number = () => API_BODY_LIMIT_BYTES): void {
  fastify.removeContentTypeParser(['application/json']);
  fastify.addContentTypeParser('application/json', (req, payload, done) => {
    const limit = limitOf(req);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (err: Error | null, value?: unknown) => {
      if (settled) return;
      settled = true;
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
      done(err, value);
    };
    const onData = (chunk: Buffer | string) => {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += buf.length;
      if (size > limit) {
        chunks.length = 0;
        payload.resume(); // drain what is left without keeping it
        return finish(tooLarge(limit));
      }
      chunks.push(buf);
    };
    const onEnd = () => {
      const raw = Buffer.concat(chunks, size);
      (req as unknown as { rawBody: Buffer }).rawBody = raw;
      if (raw.length === 0) return finish(null, undefined);
      try {
        finish(null, JSON.parse(raw.toString('utf8')));
      } catch (e) {
        if (req.url.startsWith('/webhooks/')) return finish(null, undefined);
        const error = e as Error & { statusCode?: number };
        error.statusCode = 400;
        finish(error, undefined);
      }
    };
    const onError = (e: Error) => finish(Object.assign(e, { statusCode: (e as { statusCode?: number }).statusCode ?? 400 }));
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
  });
}
