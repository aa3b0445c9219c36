import type { ApiKeyRepository } from '@waybill/store';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../common/api-error.js';
import { type AuthenticatedRequest, authenticateBearer } from './api-key.guard.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Nest guards run after Fastify has read and parsed the body, so an anonymous client could make the API read (up to
 * the body limit) before being refused. This `onRequest` hook authenticates every `/v1/*` write first: a missing,
 * unknown or revoked key is `401 unauthorized` before a byte of the body is read. Scopes stay with ApiKeyGuard (they
 * depend on the route's metadata); the guard reuses the key found here. Every `/v1/*` route is private (only health,
 * metrics, docs and provider webhooks are public, none of them under `/v1/`).
 */
export function registerAuthBeforeBody(fastify: FastifyInstance, keys: () => ApiKeyRepository): void {
  fastify.addHook('onRequest', async (req, reply) => {
    if (!WRITE_METHODS.has(req.method) || !req.url.startsWith('/v1/')) return;
    try {
      (req as AuthenticatedRequest).apiKey = await authenticateBearer(req.headers.authorization, keys());
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return reply
        .code(e.getStatus())
        .send({ error: { code: e.code, message: e.message }, requestId: req.id });
    }
  });
}
