import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
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
  type UploadFile,
  fileNameOf,
  headersOf,
  parseLenient,
} from '@waybill/provider-kit';
import { canonicalFieldOf, type OrderSubmitModel } from './spotgo.mapper.js';
import {
  SpotgoDocumentView,
  SpotgoOrderView,
  SpotgoProblem,
  SpotgoQueryView,
  SpotgoUpsertView,
  validateSpotgo,
} from './spotgo.schemas.js';

// HTTP only: paths, the API key, the `x-api-version` media type, and ProblemDetails → ProviderError (README "Auth and
// versioning", "Errors"). Docs: ../shared/provider-docs/spotgo-carrier-portal-integration-flows.txt ("FLOWS"),
// spotgo-orders-upsert.txt ("UPSERT"), spotgo-facts.md ("FACTS"), and ../README.md.

export const SPOTGO_PROVIDER = 'spotgo';
/** README "Auth" (assumption: FACTS §2 names an `ApiKeyAuthentication` scheme, not its header). */
export const SPOTGO_API_KEY_HEADER = 'x-api-key';
/** UPSERT: `Content-Type: application/json; x-api-version=1.0`; README: also sent in `Accept`. */
export const SPOTGO_MEDIA_TYPE = 'application/json; x-api-version=1.0';
/** README "Query": `pageSize` 1–100. */
export const SPOTGO_MAX_PAGE_SIZE = 100;

export interface OrderQuery {
  status?: string[];
  carrier?: string;
  orderNumber?: string;
  updatedAt?: { from?: string; to?: string };
  pageSize?: number;
  continuationToken?: string | null;
}

export interface Received<T> {
  /** Validated view. */
  view: T;
  /** The JSON as received (kept whole in the raw store). */
  raw: unknown;
}

export interface SpotgoFile {
  stream: Readable;
  contentType: string | null;
  fileName: string | null;
  sizeBytes: number | null;
}

export type SpotgoClientOptions = Omit<ProviderHttpClientOptions, 'provider' | 'baseUrl' | 'headers' | 'toError'>;

export class SpotgoClient {
  private readonly http: ProviderHttpClient;
  private readonly apiKey: string;
  private readonly baseUrl: string;

  constructor(
    conn: Pick<Connection, 'baseUrl' | 'credentials'>,
    private readonly options: SpotgoClientOptions = {},
    httpService?: HttpService,
  ) {
    const apiKey = conn.credentials.apiKey;
    if (!apiKey) {
      throw new ProviderError('auth', 'SpotGo connection has no credentials.apiKey', {
        provider: SPOTGO_PROVIDER,
        details: [{ field: 'credentials.apiKey', message: 'required' }],
      });
    }
    this.apiKey = apiKey;
    this.baseUrl = conn.baseUrl.replace(/\/+$/, '');
    this.http = new ProviderHttpClient(
      {
        ...options,
        provider: SPOTGO_PROVIDER,
        baseUrl: conn.baseUrl,
        headers: () => this.authHeaders(),
        toError: spotgoErrorFromAnswer,
      },
      httpService,
    );
  }

  /** UPSERT: create or update by order number. The upsert IS the idempotency, so a retry is harmless. */
  async upsertOrder(body: OrderSubmitModel): Promise<Received<SpotgoUpsertView>> {
    const data = await this.send('POST', '/api/v1/orders/upsert', body, true);
    return { view: validateSpotgo(SpotgoUpsertView, data, 'upsert answer'), raw: data };
  }

  /** FLOWS "Full order, including Documents". */
  async getOrder(orderId: string): Promise<Received<SpotgoOrderView>> {
    const data = (await this.http.request<unknown>({ method: 'GET', path: `/api/v1/orders/${segment(orderId)}` })).data;
    return { view: validateSpotgo(SpotgoOrderView, data, 'order'), raw: data };
  }

  /** FLOWS: `204`; the order is gone everywhere. */
  async deleteOrder(orderId: string): Promise<void> {
    await this.http.request<unknown>({ method: 'DELETE', path: `/api/v1/orders/${segment(orderId)}` });
  }

  /** README "Query": reading changes nothing, so the POST is retried like a GET. Rows come back unvalidated. */
  async queryOrders(query: OrderQuery): Promise<{ items: unknown[]; continuationToken: string | null }> {
    const data = await this.send('POST', '/api/v1/orders/query', query, true);
    const page = validateSpotgo(SpotgoQueryView, data, 'query answer');
    return { items: (data as { items: unknown[] }).items, continuationToken: page.continuationToken ?? null };
  }

  /**
   * FLOWS workflow B: `POST …/documents/{documentId}/status`. Not retried: a second send after a lost answer would
   * be refused (`InvalidStatusTransition`) for a decision that was in fact taken.
   */
  async changeDocumentStatus(
    orderId: string,
    documentId: string,
    body: { status: 'Accepted' | 'Rejected'; rejectionReason?: string; comment?: string },
  ): Promise<SpotgoDocumentView> {
    const data = await this.send('POST', `/api/v1/orders/${segment(orderId)}/documents/${segment(documentId)}/status`, body, false);
    return validateSpotgo(SpotgoDocumentView, data, 'document');
  }

  /**
   * FLOWS "Document Upload": multipart `file` + `documentType` (+ `comment`). The kit client buffers bodies, so this
   * streams with Node's fetch (`duplex: 'half'`): the multipart framing is written around the file stream. A stream
   * can be read once, so there is no retry; a 429 or 5xx comes back as its ProviderError for the caller to resend.
   */
  async uploadDocument(orderId: string, file: UploadFile, documentType: string, comment?: string | null): Promise<SpotgoDocumentView> {
    const path = `/api/v1/orders/${segment(orderId)}/documents`;
    const boundary = `----waybill-${randomBytes(12).toString('hex')}`;
    const body = multipartStream(boundary, file, { documentType, ...(comment ? { comment } : {}) });
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: { ...this.authHeaders(), 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: Readable.toWeb(body) as unknown as RequestInit['body'],
        duplex: 'half',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      } as RequestInit & { duplex: 'half' });
    } catch (e) {
      throw transient('POST', path, e);
    }
    const text = await res.text();
    const data = parseLenient(text);
    if (!res.ok) throw spotgoErrorFromAnswer({ status: res.status, data, headers: headersOf(res.headers), request: { method: 'POST', path } });
    return validateSpotgo(SpotgoDocumentView, data, 'uploaded document');
  }

  /**
   * FLOWS: `GET …/documents/{documentId}/content`, streamed (never held whole). Retried like a GET only before any
   * byte is handed out.
   */
  async openDocumentContent(orderId: string, documentId: string): Promise<SpotgoFile> {
    const path = `/api/v1/orders/${segment(orderId)}/documents/${segment(documentId)}/content`;
    const request: HttpRequest = { method: 'GET', path, responseType: 'arraybuffer' };
    const maxRetries = this.options.maxRetries ?? 3;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    for (let attempt = 1; ; attempt++) {
      let error: ProviderError;
      try {
        const res = await fetch(`${this.baseUrl}${path}`, {
          // The version rides on Accept as on every call; the bytes themselves come in the document's own type.
          headers: { [SPOTGO_API_KEY_HEADER]: this.apiKey, accept: `${SPOTGO_MEDIA_TYPE}, */*` },
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
        });
        if (res.ok && res.body) {
          const length = res.headers.get('content-length');
          return {
            stream: Readable.fromWeb(res.body as WebReadableStream<Uint8Array>),
            contentType: res.headers.get('content-type'),
            fileName: fileNameOf(res.headers.get('content-disposition')),
            sizeBytes: length !== null && /^\d+$/.test(length) ? Number(length) : null,
          };
        }
        const text = await res.text();
        error = spotgoErrorFromAnswer({ status: res.status, data: parseLenient(text), headers: headersOf(res.headers), request });
      } catch (e) {
        if (e instanceof ProviderError) throw e;
        error = transient('GET', path, e);
      }
      if (!error.retryable || attempt > maxRetries) throw error;
      const delay = error.retryAfterMs ?? Math.min(this.options.maxDelayMs ?? 10_000, (this.options.baseDelayMs ?? 250) * 2 ** (attempt - 1));
      if (delay > (this.options.maxRetryAfterMs ?? 60_000)) throw error;
      await sleep(delay);
    }
  }

  private async send(method: 'POST' | 'PUT', path: string, body: unknown, idempotent: boolean): Promise<unknown> {
    return (await this.http.request<unknown>({ method, path, body, idempotent, headers: { 'content-type': SPOTGO_MEDIA_TYPE } })).data;
  }

  private authHeaders(): Record<string, string> {
    return { [SPOTGO_API_KEY_HEADER]: this.apiKey, accept: SPOTGO_MEDIA_TYPE };
  }
}

/** README "Errors": ProblemDetails `code`s whose kind is not the HTTP status's. */
export const SPOTGO_ERROR_KINDS: Readonly<Record<string, ProviderErrorKind>> = Object.freeze({
  InvalidContinuationToken: 'cursor_invalid',
});

/**
 * `toError`: every non-2xx answer → ProviderError. 401/403 auth, 404 not_found, 429 rate_limited (Retry-After), 5xx
 * transient, other 4xx invalid_request with `details: ProviderFieldError[]` from the problem's `errors[]` (a field
 * mapped back to its canonical path where the mapping knows it) or, without `errors[]`, one entry carrying `detail`.
 */
export function spotgoErrorFromAnswer(answer: ErrorAnswer): ProviderError {
  const { status, data, headers, request } = answer;
  const problem = readProblem(data);
  const code = problem?.code ?? undefined;
  const kind: ProviderErrorKind =
    code !== undefined && Object.hasOwn(SPOTGO_ERROR_KINDS, code) ? SPOTGO_ERROR_KINDS[code] : kindForStatus(status);
  const detail = problem?.detail ?? problem?.title ?? (typeof data === 'string' && data !== '' ? data : undefined);
  const message = `${SPOTGO_PROVIDER}: ${request.method} ${request.path} answered HTTP ${status}${code ? ` ${code}` : ''}${detail ? `: ${detail}` : ''}`;
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfterMs(headers['retry-after']) : undefined;
  const fieldErrors: ProviderFieldError[] = (problem?.errors ?? []).map((e) => ({
    field: canonicalFieldOf(e.field),
    providerField: e.field ?? null,
    code: e.code ?? code ?? null,
    message: e.message ?? detail ?? 'refused',
  }));
  const details: unknown =
    kind === 'invalid_request'
      ? fieldErrors.length > 0
        ? fieldErrors
        : [{ field: null, providerField: null, code: code ?? null, message: detail ?? `HTTP ${status}` } satisfies ProviderFieldError]
      : data;
  return new ProviderError(kind, message, {
    provider: SPOTGO_PROVIDER,
    status,
    code,
    requestId: problem?.traceId ?? headers['x-request-id'],
    retryAfterMs,
    details,
  });
}

function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 408) return 'transient';
  if (status >= 400 && status < 500) return 'invalid_request';
  if (status >= 500) return 'transient';
  return 'bad_payload';
}

function readProblem(data: unknown): SpotgoProblem | undefined {
  try {
    return validateSpotgo(SpotgoProblem, data, 'problem');
  } catch {
    return undefined;
  }
}

function transient(method: string, path: string, e: unknown): ProviderError {
  const reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new ProviderError('transient', `${SPOTGO_PROVIDER}: ${method} ${path} failed (${reason})`, { provider: SPOTGO_PROVIDER });
}

/** multipart/form-data (RFC 7578): the text fields, then the one `file` part streamed from the caller's stream. */
export function multipartStream(boundary: string, file: UploadFile, fields: Record<string, string>): Readable {
  const quote = (v: string) => v.replace(/[\r\n"\\]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : ' '));
  return Readable.from(
    (async function* () {
      for (const [name, value] of Object.entries(fields)) {
        yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8');
      }
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quote(file.fileName)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
        'utf8',
      );
      for await (const chunk of file.stream) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      yield Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
    })(),
  );
}

// README "Documents": the file name comes from Content-Disposition.
export { fileNameOf };

function segment(id: string): string {
  return encodeURIComponent(id);
}
