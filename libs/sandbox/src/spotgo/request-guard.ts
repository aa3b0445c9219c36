import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-errors.js';
import { checkApiVersion } from './media-type.js';
import type { SpotgoState } from './spotgo-state.js';

/** README "Authentication": the API key travels in this header (the docs name only an `ApiKeyAuthentication` scheme). */
export const SPOTGO_API_KEY_HEADER = 'X-Api-Key';

/**
 * Every `/api/v1` route runs this first, in this order: API key (401) → the key's rate limit (429 + Retry-After;
 * refused requests do not count) → injected faults → `x-api-version` (400). Body parsing (415, 413, 400) comes after.
 */
export function apiGuard(state: SpotgoState) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const presented = request.headers['x-api-key'];
    if (typeof presented !== 'string' || presented === '') throw new ApiError('Unauthorized', `Missing ${SPOTGO_API_KEY_HEADER} header.`);
    const key = state.keys.get(presented);
    if (!key) throw new ApiError('Unauthorized', 'Invalid API key.');
    const wait = state.limiter.take(key.key, key.ratePerWindow);
    if (wait !== null) throw new ApiError('RateLimited', `Rate limit of ${key.ratePerWindow} requests per ${state.limiter.windowMs / 1000} s exceeded for this API key.`, [], wait);
    const fault = state.faults.draw();
    if (fault === 'drop') {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (fault === 'rateLimited') throw new ApiError('RateLimited', 'Too many requests; retry later.', [], 1);
    if (fault === 'error') throw new ApiError('InternalError', 'An unexpected error occurred.');
    checkApiVersion(request.headers);
  };
}
