import type { HttpService } from '@nestjs/axios';
import {
  ProviderError,
  ProviderHttpClient,
  parseRetryAfterMs,
  type Connection,
  type ErrorAnswer,
  type HttpRequest,
  type ProviderErrorKind,
  type ProviderHttpClientOptions,
} from '@waybill/provider-kit';
import {
  TrailflowCarrier,
  TrailflowCustomer,
  TrailflowDataEnvelope,
  TrailflowDeleteResponse,
  TrailflowErrorEnvelope,
  TrailflowListEnvelope,
  TrailflowTracking,
  TrailflowWebhookSubscription,
  validateTrailflow,
  validateTrailflowList,
} from './trailflow.schemas.js';

// HTTP only: paths, auth, idempotency keys, and TrailFlow's error envelope → ProviderError. Load bodies are handed
// back as received (the provider validates them one by one and keeps them raw); the small lookup objects are
// validated here. Docs: ../shared/provider-docs/trailflow-partner-api-examples.txt (EX), trailflow-facts.md (FACTS).

export const TRAILFLOW_PROVIDER = 'trailflow';

/** FACTS §4 `include`. */
export const TRAILFLOW_INCLUDES = ['customer', 'carrier', 'vehicle', 'stops', 'tracking'] as const;
export type TrailflowInclude = (typeof TRAILFLOW_INCLUDES)[number];

export interface ListLoadsParams {
  /** Epoch ms, inclusive ("on or after", FACTS §4). */
  updatedAfter?: number | null;
  cursor?: string | null;
  /** 1–100 (FACTS §4); TrailFlow's default is 50 (README assumption 2). */
  limit?: number;
  include?: readonly TrailflowInclude[];
  statuses?: readonly string[];
  eligibleOnly?: boolean;
  externalId?: string;
}

export interface PageParams {
  cursor?: string | null;
  limit?: number;
}

export interface TrailflowPage<T> {
  data: T[];
  /** null on the last page (an absent `nextCursor` counts as null, README assumption 12). */
  nextCursor: string | null;
  requestId: string | null;
}

/** A load answer as received: `data` is the unvalidated load (kept raw by the caller). */
export interface TrailflowLoadAnswer {
  data: Record<string, unknown>;
  requestId: string | null;
  /** Only from `POST /v1/loads/{id}/status` (README assumption 10). */
  previousStatus?: string | null;
}

/** README assumption 10 / EX "Create Load Request" and "Upsert Load Request". */
export interface TrailflowLoadWriteBody {
  externalId?: string;
  orderNumber?: string;
  status?: string;
  customerCode?: string;
  carrierName?: string;
  rate?: number;
  notes?: string;
}

/** Options passed through to ProviderHttpClient (timeouts, retries, sleep); auth and errors are this client's. */
export type TrailflowClientOptions = Omit<ProviderHttpClientOptions, 'provider' | 'baseUrl' | 'headers' | 'toError'>;

export class TrailflowClient {
  private readonly http: ProviderHttpClient;

  constructor(conn: Pick<Connection, 'baseUrl' | 'credentials'>, options: TrailflowClientOptions = {}, httpService?: HttpService) {
    const apiKey = conn.credentials.apiKey;
    if (!apiKey) {
      throw new ProviderError('auth', 'TrailFlow connection has no credentials.apiKey', {
        provider: TRAILFLOW_PROVIDER,
        details: [{ field: 'credentials.apiKey', message: 'required' }],
      });
    }
    this.http = new ProviderHttpClient(
      {
        ...options,
        provider: TRAILFLOW_PROVIDER,
        baseUrl: conn.baseUrl,
        // FACTS §2: `Authorization: Bearer <Partner API key>` on every request.
        headers: () => ({ authorization: `Bearer ${apiKey}` }),
        toError: trailflowErrorFromAnswer,
      },
      httpService,
    );
  }

  /** FACTS §4 "Load sync: GET /v1/loads"; EX "List Loads Response". */
  async listLoads(params: ListLoadsParams = {}): Promise<TrailflowPage<unknown>> {
    const data = await this.get('/v1/loads', {
      updatedAfter: params.updatedAfter,
      cursor: params.cursor,
      limit: params.limit,
      include: joined(params.include),
      statuses: joined(params.statuses),
      eligibleOnly: params.eligibleOnly,
      externalId: params.externalId,
    });
    // Items are returned as received, not as validated copies: they are what the raw payload store keeps.
    return toPage(validateTrailflow(TrailflowListEnvelope, data, 'GET /v1/loads answer'), data, (items) => items);
  }

  /** FACTS §3 (`{id}` = id or externalId); EX "Get Load Response" (README assumption 3: always fully embedded). */
  async getLoad(idOrExternalId: string): Promise<TrailflowLoadAnswer> {
    return loadAnswer(await this.get(`/v1/loads/${segment(idOrExternalId)}`), 'GET /v1/loads/{id} answer');
  }

  /** FACTS §3 "GET /v1/tracking/{loadId}"; EX "Get Tracking Response"; README assumption 13. */
  async getTracking(loadIdOrExternalId: string): Promise<TrailflowTracking> {
    const answer = loadAnswer(await this.get(`/v1/tracking/${segment(loadIdOrExternalId)}`), 'GET /v1/tracking answer');
    return validateTrailflow(TrailflowTracking, answer.data, 'tracking', 'data');
  }

  /** EX "List Customers Response"; README assumption 12 (limit, cursor). */
  async listCustomers(params: PageParams = {}): Promise<TrailflowPage<TrailflowCustomer>> {
    const data = await this.get('/v1/customers', { cursor: params.cursor, limit: params.limit });
    const envelope = validateTrailflow(TrailflowListEnvelope, data, 'GET /v1/customers answer');
    return toPage(envelope, data, (items) => validateTrailflowList(TrailflowCustomer, items, 'customer'));
  }

  /** EX "List Carriers Response"; README assumption 12 (limit, cursor). */
  async listCarriers(params: PageParams = {}): Promise<TrailflowPage<TrailflowCarrier>> {
    const data = await this.get('/v1/carriers', { cursor: params.cursor, limit: params.limit });
    const envelope = validateTrailflow(TrailflowListEnvelope, data, 'GET /v1/carriers answer');
    return toPage(envelope, data, (items) => validateTrailflowList(TrailflowCarrier, items, 'carrier'));
  }

  /** FACTS §6 "Create a subscription"; EX "Create Webhook Response" (the only answer with `signingSecret`). */
  async createWebhook(url: string, eventTypes: readonly string[], idempotencyKey: string): Promise<TrailflowWebhookSubscription> {
    const data = await this.write('POST', '/v1/webhooks', { url, eventTypes }, idempotencyKey);
    const answer = validateTrailflow(TrailflowDataEnvelope, data, 'POST /v1/webhooks answer');
    return validateTrailflow(TrailflowWebhookSubscription, answer.data, 'webhook subscription', 'data');
  }

  /** EX "List Webhooks Response" (no `signingSecret`, FACTS §6). */
  async listWebhooks(): Promise<TrailflowPage<TrailflowWebhookSubscription>> {
    const data = await this.get('/v1/webhooks');
    const envelope = validateTrailflow(TrailflowListEnvelope, data, 'GET /v1/webhooks answer');
    return toPage(envelope, data, (items) => validateTrailflowList(TrailflowWebhookSubscription, items, 'webhook subscription'));
  }

  /** EX "Delete Webhook Response"; README assumption 15. DELETE is idempotent, so it is retried without a key. */
  async deleteWebhook(id: string): Promise<TrailflowDeleteResponse> {
    const res = await this.http.request<unknown>({ method: 'DELETE', path: `/v1/webhooks/${segment(id)}` });
    return validateTrailflow(TrailflowDeleteResponse, res.data, 'DELETE /v1/webhooks/{id} answer');
  }

  /** EX "Create Load Request/Response"; README assumption 10. */
  async createLoad(body: TrailflowLoadWriteBody, idempotencyKey: string): Promise<TrailflowLoadAnswer> {
    return loadAnswer(await this.write('POST', '/v1/loads', body, idempotencyKey), 'POST /v1/loads answer');
  }

  /** EX "Upsert Load Request/Response"; README assumption 10 (keyed by externalId). */
  async upsertLoad(body: TrailflowLoadWriteBody, idempotencyKey: string): Promise<TrailflowLoadAnswer> {
    return loadAnswer(await this.write('POST', '/v1/loads/upsert', body, idempotencyKey), 'POST /v1/loads/upsert answer');
  }

  /** EX "Update Load Status Request/Response"; README assumption 10 (answers the load plus `previousStatus`). */
  async updateLoadStatus(id: string, status: string, idempotencyKey: string): Promise<TrailflowLoadAnswer> {
    const data = await this.write('POST', `/v1/loads/${segment(id)}/status`, { status }, idempotencyKey);
    return loadAnswer(data, 'POST /v1/loads/{id}/status answer');
  }

  private async get(path: string, query?: HttpRequest['query']): Promise<unknown> {
    return (await this.http.request<unknown>({ method: 'GET', path, query })).data;
  }

  /**
   * FACTS §2: Idempotency-Key is required on every write, and a retry of the same body must reuse it; so the
   * request is marked idempotent and ProviderHttpClient resends it with the same key.
   */
  private async write(method: 'POST', path: string, body: unknown, idempotencyKey: string): Promise<unknown> {
    if (!idempotencyKey || idempotencyKey.trim() === '') {
      throw new ProviderError('invalid_request', `TrailFlow ${method} ${path} needs an Idempotency-Key`, {
        provider: TRAILFLOW_PROVIDER,
        details: [{ field: 'idempotencyKey', message: 'required' }],
      });
    }
    const res = await this.http.request<unknown>({
      method,
      path,
      body,
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      idempotent: true,
    });
    return res.data;
  }
}

/** FACTS §5 error codes → kinds. Codes not listed fall back to the HTTP status (ProviderHttpClient's default). */
export const TRAILFLOW_ERROR_KINDS: Readonly<Record<string, ProviderErrorKind>> = Object.freeze({
  bad_request: 'invalid_request',
  missing_idempotency_key: 'invalid_request',
  idempotency_conflict: 'invalid_request',
  // The first request with this key is still running: the same request will get its answer later.
  idempotency_in_progress: 'transient',
  unauthorized: 'auth',
  forbidden: 'auth',
  partner_access_not_enabled: 'auth',
  partner_access_disabled: 'auth',
  live_access_not_enabled: 'auth',
  not_found: 'not_found',
  rate_limited: 'rate_limited',
  internal_error: 'transient',
});

/**
 * `toError` for ProviderHttpClient. README assumption 2: a cursor TrailFlow cannot decode is a `400 bad_request`;
 * any 400 to a request that carried a cursor is therefore read as `cursor_invalid` (full resync), whatever the
 * message says. Returns undefined (status-based default) for answers that are not TrailFlow's envelope or carry a
 * code not in the table.
 */
export function trailflowErrorFromAnswer(answer: ErrorAnswer): ProviderError | undefined {
  const { status, data, headers, request } = answer;
  const envelope = readErrorEnvelope(data);
  const code = envelope?.error.code;
  const carriedCursor = request.query?.cursor !== undefined && request.query.cursor !== null && request.query.cursor !== '';
  let kind: ProviderErrorKind | undefined;
  if (status === 400 && carriedCursor) kind = 'cursor_invalid';
  else if (code !== undefined && Object.hasOwn(TRAILFLOW_ERROR_KINDS, code)) kind = TRAILFLOW_ERROR_KINDS[code];
  if (kind === undefined) return undefined;
  const providerMessage = envelope?.error.message;
  return new ProviderError(
    kind,
    `${TRAILFLOW_PROVIDER}: ${request.method} ${request.path} answered HTTP ${status}` +
      (code ? ` ${code}` : '') +
      (providerMessage ? `: ${providerMessage}` : ''),
    {
      provider: TRAILFLOW_PROVIDER,
      status,
      code,
      requestId: envelope?.requestId ?? headers['x-request-id'],
      // FACTS §5: no Retry-After is documented; honoured if TrailFlow ever sends one (README assumption 11).
      retryAfterMs: kind === 'rate_limited' || status === 503 ? parseRetryAfterMs(headers['retry-after']) : undefined,
      details: data,
    },
  );
}

function readErrorEnvelope(data: unknown): TrailflowErrorEnvelope | undefined {
  try {
    return validateTrailflow(TrailflowErrorEnvelope, data, 'error envelope');
  } catch {
    return undefined;
  }
}

/** The envelope validated; `data` handed back as received (the load is validated and kept raw by the caller). */
function loadAnswer(data: unknown, what: string): TrailflowLoadAnswer {
  const envelope = validateTrailflow(TrailflowDataEnvelope, data, what);
  const received = (data as { data: Record<string, unknown> }).data;
  const answer: TrailflowLoadAnswer = { data: received, requestId: envelope.requestId ?? null };
  if (envelope.previousStatus !== undefined) answer.previousStatus = envelope.previousStatus;
  return answer;
}

/** `received` is the body the envelope was validated from; its items are passed on as received. */
function toPage<T>(envelope: TrailflowListEnvelope, received: unknown, items: (data: unknown[]) => T[]): TrailflowPage<T> {
  const data = (received as { data: unknown[] }).data;
  return { data: items(data), nextCursor: envelope.nextCursor ?? null, requestId: envelope.requestId ?? null };
}

function joined(values: readonly string[] | undefined): string | undefined {
  return values && values.length > 0 ? values.join(',') : undefined;
}

function segment(id: string): string {
  return encodeURIComponent(id);
}
