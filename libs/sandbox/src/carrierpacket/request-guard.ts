import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-errors.js';
import type { CarrierpacketState } from './carrierpacket-state.js';

/** The caller's address as the server sees it; an IPv4 client of a dual-stack socket shows as `::ffff:a.b.c.d`. */
export function clientIp(request: FastifyRequest): string {
  const raw = request.socket.remoteAddress ?? '';
  return raw.startsWith('::ffff:') ? raw.slice('::ffff:'.length) : raw;
}

/**
 * REST "Authentication": `Authorization: Bearer cpl_…`, or `?api_key=cpl_…` "for quick tests". A present but
 * malformed header is refused even if the query also carries a key (REST 401: "malformed Authorization header").
 */
function presentedKey(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new ApiError(401, 'unauthorized', 'Malformed Authorization header; expected "Bearer cpl_…".');
    return match[1];
  }
  const query = request.query as Record<string, unknown>;
  if (typeof query.api_key === 'string' && query.api_key !== '') return query.api_key;
  throw new ApiError(401, 'unauthorized', 'Missing API key.');
}

/**
 * Every API route runs this first: key (401), the key's IP allowlist (403, literal addresses: CIDR is "coming"), then
 * the injected faults. There is no rate limit (REST "What's coming": "currently uncapped").
 */
export function apiGuard(state: CarrierpacketState) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const key = state.keys.get(presentedKey(request));
    if (!key) throw new ApiError(401, 'unauthorized', 'Invalid or revoked API key.');
    const ip = clientIp(request);
    if (key.allowIps.length > 0 && !key.allowIps.includes(ip)) {
      throw new ApiError(403, 'ip_not_allowed', `Your IP (${ip}) isn't on this key's allowlist.`);
    }
    const fault = state.faults.draw();
    if (fault === 'drop') {
      // A network failure as a client sees it: the connection closes with no answer.
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (fault === 'error') throw new ApiError(500, 'server_error', 'Unexpected error. Email support with the request details.');
  };
}
