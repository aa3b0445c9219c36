import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CargamosApiError, errorItem, okBody } from '../api-errors.js';
import type { CargamosState } from '../cargamos-state.js';
import { injectFault } from '../request-guard.js';

/** The `key` query parameter: missing → 400 MISSING_PARAMETER; unknown → 401 UNAUTHORIZED (assumption). */
function shipperKey(state: CargamosState, request: FastifyRequest): string {
  const key = (request.query as Record<string, unknown>).key;
  if (key === undefined || key === '') {
    throw new CargamosApiError(400, [errorItem('MISSING_PARAMETER', 'field required', 'request.query', 'key')]);
  }
  if (typeof key !== 'string') throw new CargamosApiError(400, [errorItem('INVALID_PARAMETER', 'str type expected', 'request.query', 'key')]);
  if (!state.tokens.hasKey(key)) throw new CargamosApiError(401, [errorItem('UNAUTHORIZED', 'Unknown key.', 'request.query', 'key')]);
  return key;
}

/** HTTP Basic (FACTS §2: username = user e-mail, password = user password). */
function basicCredentials(request: FastifyRequest): { username: string; password: string } {
  const header = request.headers.authorization;
  const fail = (details: string) => new CargamosApiError(401, [errorItem('UNAUTHORIZED', details, 'request.headers', 'Authorization')]);
  if (header === undefined) throw fail('Missing Authorization header; expected HTTP Basic credentials.');
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) throw fail('Malformed Authorization header; expected "Basic <base64(email:password)>".');
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw fail('Malformed Basic credentials; expected base64 of "email:password".');
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * A1/A2 (FACTS §2): `GET /v1/login?key=` with Basic credentials → `{ version, status: "OK", timestamp, data: { token,
 * expiresIn } }`; `POST /v1/password/recovery?key=` → 200 (a reset e-mail is "sent").
 */
export function registerAuthRoutes(app: FastifyInstance, state: CargamosState): void {
  app.get('/v1/login', async (request) => {
    injectFault(state);
    const key = shipperKey(state, request);
    const { username, password } = basicCredentials(request);
    const account = state.tokens.authenticate(key, username, password);
    if (!account) {
      throw new CargamosApiError(401, [errorItem('UNAUTHORIZED', 'Invalid credentials for this key.', 'request.headers', 'Authorization')]);
    }
    const now = state.clock.now();
    return okBody({ token: state.tokens.issue(account, now), expiresIn: String(state.tokens.ttlSeconds) }, now);
  });

  // Assumption: the user is named by `{ "email" }` in the body; an unknown e-mail is answered 200 too (no account probing).
  app.post('/v1/password/recovery', async (request) => {
    injectFault(state);
    const key = shipperKey(state, request);
    const body = request.body;
    const email = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).email : undefined;
    if (email === undefined || email === null) throw new CargamosApiError(400, [errorItem('MISSING_PARAMETER', 'field required', 'request.body', 'email')]);
    if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      throw new CargamosApiError(400, [errorItem('INVALID_PARAMETER', 'value is not a valid email address', 'request.body', 'email')]);
    }
    const now = state.clock.now();
    state.tokens.recordRecovery(key, email, now);
    return okBody({ message: 'If the e-mail belongs to a user of this shipper, a password reset link was sent to it.' }, now);
  });
}
