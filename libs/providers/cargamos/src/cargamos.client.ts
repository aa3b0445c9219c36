import { createHash } from 'node:crypto';
import type { HttpService } from '@nestjs/axios';
import {
  ProviderError,
  ProviderHttpClient,
  parseRetryAfterMs,
  type Connection,
  type ErrorAnswer,
  type HttpRequest,
  type ProviderErrorKind,
  type ProviderFieldError,
  type ProviderHttpClientOptions,
} from '@waybill/provider-kit';
import type { CargamosDeliveryOrder } from './cargamos.mapper.js';
import {
  CARGAMOS,
  CargamosErrorBody,
  CargamosIntegrationView,
  CargamosLoginData,
  CargamosTrackingView,
  envelopeData,
  validateCargamos,
  type CargamosErrorItemView,
} from './cargamos.schemas.js';

// HTTP only: paths, the login and its token cache, and the error envelope → ProviderError (README "Endpoints used",
// "Auth", "Envelopes and errors"). Credentials and tokens never appear in a message or in `details`.

export const CARGAMOS_PATHS = {
  login: '/v1/login',
  shipments: '/v1/shipments',
  tracking: '/v1/shipment-tracking',
} as const;

/** README "Shipment tracking": at most 50 trackingIds per list call. */
export const CARGAMOS_MAX_TRACKING_IDS = 50;
/** README "Auth": a token is renewed this long before its `expiresIn` runs out. */
export const CARGAMOS_TOKEN_MARGIN_MS = 60_000;

export interface Received<T> {
  view: T;
  /** The JSON `data` as received (kept whole in the raw store). */
  raw: unknown;
}

export type CargamosClientOptions = Omit<ProviderHttpClientOptions, 'provider' | 'baseUrl' | 'headers' | 'toError'> & {
  /** The clock the token cache reads (epoch ms); replaceable in specs. */
  now?: () => number;
};

/** Maps a provider field (`recipientLocation->postalCode`) to its canonical path for `422 provider_rejected`. */
export type FieldMapper = (providerField: string | null) => string | null;

// ---------------------------------------------------------------------------------------------------------------
// Token cache: module-level (the provider class is stateless per call), one slot per connection id + credentials hash,
// one login in flight per slot shared by every concurrent call.

interface CachedToken {
  token: string;
  /** When the cache stops handing it out (expiresIn minus the margin), epoch ms. */
  renewAt: number;
}

interface TokenSlot {
  current?: CachedToken;
  inflight?: Promise<CachedToken>;
}

const TOKEN_CACHE = new Map<string, TokenSlot>();

/** Specs: forget every cached token. */
export function clearCargamosTokenCache(): void {
  TOKEN_CACHE.clear();
}

/** The cache key: the connection id and a hash of what the token is issued for (never the secrets themselves). */
export function tokenCacheKey(conn: Pick<Connection, 'id' | 'baseUrl' | 'credentials'>): string {
  const c = conn.credentials;
  const hash = createHash('sha256').update(JSON.stringify([conn.baseUrl, c.username ?? '', c.password ?? '', c.key ?? ''])).digest('hex');
  return `${conn.id}:${hash}`;
}

export class CargamosClient {
  private readonly http: ProviderHttpClient;
  private readonly username: string;
  private readonly password: string;
  private readonly key: string;
  private readonly cacheKey: string;
  private readonly now: () => number;

  constructor(
    conn: Pick<Connection, 'id' | 'baseUrl' | 'credentials'>,
    options: CargamosClientOptions = {},
    httpService?: HttpService,
  ) {
    const missing = (['username', 'password', 'key'] as const).filter((k) => !conn.credentials[k]);
    if (missing.length > 0) {
      throw new ProviderError('auth', `Cargamos connection ${conn.id} has no credentials.${missing.join(', credentials.')}`, {
        provider: CARGAMOS,
        details: missing.map((k) => ({ field: `credentials.${k}`, message: 'required' })),
      });
    }
    this.username = conn.credentials.username!;
    this.password = conn.credentials.password!;
    this.key = conn.credentials.key!;
    this.cacheKey = tokenCacheKey(conn);
    const { now, ...httpOptions } = options;
    this.now = now ?? Date.now;
    this.http = new ProviderHttpClient({ ...httpOptions, provider: CARGAMOS, baseUrl: conn.baseUrl, toError: (a) => cargamosErrorFromAnswer(a) }, httpService);
  }

  /**
   * README "Dispatch": `POST /v1/shipments`, one order. Retried like a GET: the order always carries a
   * shipperTrackingId, so a repeat after a lost answer is `409 ALREADY_EXISTS`, which the provider resolves.
   */
  async integrate(order: CargamosDeliveryOrder, fieldOf: FieldMapper = () => null): Promise<Received<CargamosIntegrationView>> {
    const data = await this.authed({ method: 'POST', path: CARGAMOS_PATHS.shipments, body: order, idempotent: true, headers: { 'content-type': 'application/json' } }, fieldOf);
    return { view: validateCargamos(CargamosIntegrationView, data, 'integration answer'), raw: data };
  }

  /** `GET /v1/shipment-tracking/{trackingId}` (the trackingId only, never the shipmentId). */
  async tracking(trackingId: string): Promise<Received<CargamosTrackingView>> {
    const data = await this.authed({ method: 'GET', path: `${CARGAMOS_PATHS.tracking}/${encodeURIComponent(trackingId)}` });
    return { view: validateCargamos(CargamosTrackingView, data, 'tracking'), raw: data };
  }

  /** `GET /v1/shipment-tracking?trackingIds=a,b` (1–50); unknown ids are left out of the answer. Rows unvalidated. */
  async trackingMany(trackingIds: string[]): Promise<unknown[]> {
    if (trackingIds.length === 0) return [];
    if (trackingIds.length > CARGAMOS_MAX_TRACKING_IDS) throw new RangeError(`at most ${CARGAMOS_MAX_TRACKING_IDS} trackingIds per call`);
    const data = await this.authed({ method: 'GET', path: CARGAMOS_PATHS.tracking, query: { trackingIds: trackingIds.join(',') } });
    if (!Array.isArray(data)) throw new ProviderError('bad_payload', 'Cargamos tracking list answer is not a list', { provider: CARGAMOS });
    return data;
  }

  /** The cached token, or the one login in flight for this connection, or a new login. */
  async token(): Promise<string> {
    let slot = TOKEN_CACHE.get(this.cacheKey);
    if (!slot) {
      slot = {};
      TOKEN_CACHE.set(this.cacheKey, slot);
    }
    if (slot.current && this.now() < slot.current.renewAt) return slot.current.token;
    let inflight = slot.inflight;
    if (!inflight) {
      const s = slot;
      s.current = undefined;
      inflight = s.inflight = this.login().then(
        (t) => {
          s.current = t;
          s.inflight = undefined;
          return t;
        },
        (e: unknown) => {
          s.inflight = undefined;
          throw e;
        },
      );
    }
    return (await inflight).token;
  }

  /** A call answered 401 with `token`: drop it unless another call already replaced it. */
  private invalidate(token: string): void {
    const slot = TOKEN_CACHE.get(this.cacheKey);
    if (slot?.current?.token === token) slot.current = undefined;
  }

  /** FACTS §2: `GET /v1/login?key=` with HTTP Basic. A refusal is `auth` (the connection stops); secrets never shown. */
  private async login(): Promise<CachedToken> {
    const basic = `Basic ${Buffer.from(`${this.username}:${this.password}`, 'utf8').toString('base64')}`;
    let data: unknown;
    try {
      data = (await this.http.request<unknown>({ method: 'GET', path: CARGAMOS_PATHS.login, query: { key: this.key }, headers: { authorization: basic } })).data;
    } catch (e) {
      if (e instanceof ProviderError && e.kind !== 'transient' && e.kind !== 'rate_limited') {
        // Wrong e-mail, password or key (401), a missing key (400): the credentials are the problem.
        throw new ProviderError('auth', `cargamos: login refused (HTTP ${e.status ?? '?'}${e.code ? ` ${e.code}` : ''}); check CARGAMOS_USERNAME, CARGAMOS_PASSWORD and CARGAMOS_KEY`, {
          provider: CARGAMOS,
          status: e.status,
          code: e.code,
          requestId: e.requestId,
          details: this.scrub(e.details),
        });
      }
      throw e;
    }
    const login = validateCargamos(CargamosLoginData, envelopeData(data, 'login answer'), 'login answer');
    const seconds = Number(login.expiresIn);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      throw new ProviderError('bad_payload', 'Cargamos login answer has no usable expiresIn', { provider: CARGAMOS });
    }
    return { token: login.token, renewAt: this.now() + Math.max(0, seconds * 1000 - CARGAMOS_TOKEN_MARGIN_MS) };
  }

  /**
   * A call with the bearer token. A `401` (TOKEN_EXPIRED, UNAUTHORIZED) drops the token, logs in once (shared with
   * concurrent callers) and repeats the call once; a second `401` is `auth`.
   */
  private async authed(req: HttpRequest, fieldOf: FieldMapper = () => null): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.token();
      try {
        const res = await this.http.request<unknown>({ ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } });
        return envelopeData(res.data, `${req.method} ${req.path} answer`);
      } catch (e) {
        if (!(e instanceof ProviderError)) throw e;
        if (e.status === 401) {
          this.invalidate(token);
          if (attempt === 1) continue;
          throw new ProviderError('auth', `cargamos: ${req.method} ${req.path} refused the token after a fresh login (HTTP 401${e.code ? ` ${e.code}` : ''})`, {
            provider: CARGAMOS,
            status: 401,
            code: e.code,
            requestId: e.requestId,
            details: this.scrub(e.details),
          });
        }
        if (e.kind === 'invalid_request') throw withFields(e, fieldOf);
        throw e;
      }
    }
  }

  /** Removes the credentials from anything that might be shown (the provider should never echo them; belt and braces). */
  private scrub(value: unknown): unknown {
    const secrets = [this.password, this.key, this.username].filter((s) => s.length >= 3);
    const clean = (v: unknown): unknown => {
      if (typeof v === 'string') return secrets.reduce((s, secret) => s.split(secret).join('[redacted]'), v);
      if (Array.isArray(v)) return v.map(clean);
      if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)]));
      return v;
    };
    return clean(value);
  }
}

/** Re-maps the `field` of each ProviderFieldError with the caller's knowledge of where the order came from. */
function withFields(e: ProviderError, fieldOf: FieldMapper): ProviderError {
  if (!Array.isArray(e.details)) return e;
  const details = (e.details as ProviderFieldError[]).map((d) => ({ ...d, field: fieldOf(d.providerField) }));
  return new ProviderError(e.kind, e.message, { provider: e.provider, status: e.status, code: e.code, requestId: e.requestId, retryAfterMs: e.retryAfterMs, details });
}

/** README "Envelopes and errors": the kind by code first, then by HTTP status. */
export const CARGAMOS_ERROR_KINDS: Readonly<Record<string, ProviderErrorKind>> = Object.freeze({
  INVALID_PARAMETER: 'invalid_request',
  MISSING_PARAMETER: 'invalid_request',
  ALREADY_EXISTS: 'invalid_request',
  COVERAGE_FAILURE: 'invalid_request',
  SERVICE_LEVEL_FAILURE: 'invalid_request',
  UNAUTHORIZED: 'auth',
  TOKEN_EXPIRED: 'auth',
  NOT_FOUND: 'not_found',
  INTERNAL_ERROR: 'transient',
});

/**
 * `toError`: every non-2xx answer → ProviderError. `invalid_request` carries `details: ProviderFieldError[]`, one per
 * item of INT's `errors[]`: `providerField` = the `parameter` as sent (both notations), `code` kept, `message` = the
 * item's `details` (the specific text, e.g. "There is no coverage for the given postalCode: 033002") or its
 * `message`, whole. `field` is mapped by `fieldOf` (the caller knows where the order came from).
 */
export function cargamosErrorFromAnswer(answer: ErrorAnswer, fieldOf: FieldMapper = () => null): ProviderError {
  const { status, data, headers, request } = answer;
  const body = readErrorBody(data);
  const items = body?.errors ?? [];
  const code = items.find((i) => i.code)?.code ?? undefined;
  const kind: ProviderErrorKind =
    status >= 500 ? 'transient' : status === 429 ? 'rate_limited' : code !== undefined && Object.hasOwn(CARGAMOS_ERROR_KINDS, code) ? CARGAMOS_ERROR_KINDS[code] : kindForStatus(status);
  const texts = items.map((i) => `${i.code ?? '?'}${i.parameter ? ` on ${i.parameter}` : ''}: ${i.details ?? i.message ?? ''}`);
  const summary = texts.length > 0 ? texts.join('; ') : typeof data === 'string' && data !== '' ? data.slice(0, 500) : '';
  const message = `cargamos: ${request.method} ${request.path} answered HTTP ${status}${summary ? `: ${summary}` : ''}`;
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfterMs(headers['retry-after']) : undefined;
  const details: unknown =
    kind === 'invalid_request'
      ? items.length > 0
        ? items.map((i) => fieldError(i, fieldOf))
        : [{ field: null, providerField: null, code: null, message: summary || `HTTP ${status}` } satisfies ProviderFieldError]
      : data;
  return new ProviderError(kind, message, { provider: CARGAMOS, status, code, requestId: body?.processId ?? headers['x-request-id'], retryAfterMs, details });
}

function fieldError(item: CargamosErrorItemView, fieldOf: FieldMapper): ProviderFieldError {
  const providerField = item.parameter ?? null;
  return { field: fieldOf(providerField), providerField, code: item.code ?? null, message: item.details ?? item.message ?? 'refused' };
}

function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 408) return 'transient';
  if (status >= 400 && status < 500) return 'invalid_request';
  return 'bad_payload';
}

function readErrorBody(data: unknown): CargamosErrorBody | undefined {
  try {
    return validateCargamos(CargamosErrorBody, data, 'error body');
  } catch {
    return undefined;
  }
}
