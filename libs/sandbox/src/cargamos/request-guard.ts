import type { FastifyRequest } from 'fastify';
import { CargamosApiError, errorItem } from './api-errors.js';
import type { CargamosState } from './cargamos-state.js';

/** What an authenticated API call knows about its caller. */
export interface CargamosCaller {
  shipperKey: string;
  username: string;
}

const unauthorized = (details: string) => new CargamosApiError(401, [errorItem('UNAUTHORIZED', details, 'request.headers', 'Authorization')]);

/**
 * FACTS §2: `Authorization: Bearer <token>` on every API call. Missing, malformed or unknown → 401 UNAUTHORIZED;
 * expired on the sandbox clock → 401 TOKEN_EXPIRED (assumption: the expired-token answer is NOT FOUND). Then the
 * injected 500s.
 */
export function authenticate(state: CargamosState, request: FastifyRequest): CargamosCaller {
  const header = request.headers.authorization;
  if (header === undefined) throw unauthorized('Missing Authorization header; expected "Bearer <token>" from /v1/login.');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized('Malformed Authorization header; expected "Bearer <token>".');
  const check = state.tokens.check(match[1], state.clock.now());
  if (!check.ok && check.reason === 'expired') {
    throw new CargamosApiError(401, [
      errorItem('TOKEN_EXPIRED', 'The access token has expired; request a new one with /v1/login.', 'request.headers', 'Authorization'),
    ]);
  }
  if (!check.ok) throw unauthorized('Invalid access token.');
  injectFault(state);
  return { shipperKey: check.key, username: check.username };
}

/** The `errorRate` knob: a 500 in the documented error body. */
export function injectFault(state: CargamosState): void {
  if (state.faults.serverError()) {
    throw new CargamosApiError(500, [errorItem('INTERNAL_ERROR', 'Injected server error (sandbox errorRate).', 'request.path', 'path')]);
  }
}
