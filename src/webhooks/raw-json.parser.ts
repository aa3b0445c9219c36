import type { FastifyInstance } from 'fastify';

/**
 * JSON bodies are parsed by us so that the exact bytes stay available (`req.rawBody`) for signature checks.
 * On /webhooks/* a body that is not JSON is not refused here: a signed but malformed delivery must still be
 * verified and kept as a dead letter, never lost to a 400.
 */
export function registerRawJsonParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser(['application/json']);
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body: Buffer | string, done) => {
    const raw = Buffer.isBuffer(body) ? body : Buffer.from(body);
    (req as unknown as { rawBody: Buffer }).rawBody = raw;
    if (raw.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(raw.toString('utf8')));
    } catch (e) {
      if (req.url.startsWith('/webhooks/')) return done(null, undefined);
      const error = e as Error & { statusCode?: number };
      error.statusCode = 400;
      done(error, undefined);
    }
  });
}
