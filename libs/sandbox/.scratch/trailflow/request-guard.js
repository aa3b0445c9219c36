import { ApiError } from './api-errors.js';
/** Per-request data for the routes and the malformed-body hook, without augmenting Fastify's global types. */
export const requestContexts = new WeakMap();
export function contextOf(request) {
    const ctx = requestContexts.get(request);
    if (!ctx)
        throw new Error('TrailFlow sandbox: route is missing its guard');
    return ctx;
}
export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * The checks every /v1 route runs, in TrailFlow's order: key (401), scope (403), rate limit (429, before any
 * idempotency lookup: FACTS §2), injected faults, then the Idempotency-Key header (400).
 */
export function apiGuard(state, opts) {
    return async (request, _reply) => {
        const header = request.headers.authorization;
        const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
        if (!match)
            throw new ApiError(401, 'unauthorized', 'Missing or malformed Authorization header; expected "Bearer <API key>"');
        const key = state.keys.get(match[1]);
        if (!key)
            throw new ApiError(401, 'unauthorized', 'Invalid API key');
        if (!key.scopes.includes(opts.scope))
            throw new ApiError(403, 'forbidden', `API key lacks the ${opts.scope} scope`);
        // README assumption 11: no Retry-After is documented, so none is sent.
        if (!state.limiter.allow(key.key, key.ratePerMinute))
            throw new ApiError(429, 'rate_limited', 'Rate limit exceeded');
        const faults = state.faults.drawRequest();
        if (faults.rateLimited)
            throw new ApiError(429, 'rate_limited', 'Rate limit exceeded');
        if (faults.serverError)
            throw new ApiError(500, 'internal_error', 'Internal server error');
        if (opts.write) {
            const idem = request.headers['idempotency-key'];
            if (typeof idem !== 'string' || idem.trim() === '') {
                throw new ApiError(400, 'missing_idempotency_key', 'Idempotency-Key header is required for this route');
            }
        }
        requestContexts.set(request, { apiKey: key.key, faults });
        if (!opts.write && faults.delayMs > 0)
            await delay(faults.delayMs);
    };
}
