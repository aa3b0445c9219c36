import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { HttpService } from '@nestjs/axios';
import {
  ProviderError,
  ProviderHttpClient,
  defaultProviderError,
  type Connection,
  type ErrorAnswer,
  type HttpRequest,
  type ProviderErrorKind,
  type ProviderHttpClientOptions,
  fileNameOf,
  headersOf,
  parseLenient,
} from '@waybill/provider-kit';
import {
  CarrierpacketDataEnvelope,
  CarrierpacketErrorEnvelope,
  CarrierpacketListEnvelope,
  CarrierpacketSubmissionDocumentsEnvelope,
  validateCarrierpacket,
  type CarrierpacketPagination,
} from './carrierpacket.schemas.js';

// HTTP only: paths, auth, and CarrierPacket's error envelope → ProviderError. Rows are handed back as received (the
// provider validates them one by one and keeps them raw); envelopes are validated here.
// Docs: ../shared/provider-docs/carrierpacket-rest-api.txt (REST), carrierpacket-facts.md (FACTS), ../README.md.

export const CARRIERPACKET_PROVIDER = 'carrierpacket';

/** REST "Response shape": `limit` default 50, max 200. */
export const CARRIERPACKET_MAX_LIMIT = 200;

export interface PageParams {
  /** 1-indexed. */
  page: number;
  /** 1–200. */
  limit: number;
}

export interface ListSubmissionsParams extends PageParams {
  /** REST "List submissions": 1 pending verify, 2 verified, 3 rejected, 4 archived. */
  status?: number;
}

export interface ListDocumentsParams extends PageParams {
  /** REST "List documents": one of w9, coi, authority, references, ach, other. */
  docType?: string;
  submissionId?: number;
  /** Days; excludes documents with no expiry (REST "List documents"). */
  expiringWithin?: number;
}

export interface CarrierpacketPage {
  /** Rows as received (unvalidated). */
  data: unknown[];
  pagination: CarrierpacketPagination;
}

export interface CarrierpacketFile {
  stream: Readable;
  contentType: string | null;
  fileName: string | null;
  sizeBytes: number | null;
}

/** Options passed through to ProviderHttpClient (timeouts, retries, sleep); auth and errors are this client's. */
export type CarrierpacketClientOptions = Omit<ProviderHttpClientOptions, 'provider' | 'baseUrl' | 'headers' | 'toError'>;

/** REST "Retry strategy": backoff 1 s, 2 s, 4 s, 8 s, at most 5 retries, for 5xx and network failures only. */
const RETRY_DEFAULTS = { maxRetries: 5, baseDelayMs: 1_000, maxDelayMs: 8_000 } as const;

export class CarrierpacketClient {
  private readonly http: ProviderHttpClient;
  private readonly apiKey: string;
  private readonly baseUrl: string;
  private readonly options: CarrierpacketClientOptions;

  constructor(conn: Pick<Connection, 'baseUrl' | 'credentials'>, options: CarrierpacketClientOptions = {}, httpService?: HttpService) {
    const apiKey = conn.credentials.apiKey;
    if (!apiKey) {
      throw new ProviderError('auth', 'CarrierPacket connection has no credentials.apiKey', {
        provider: CARRIERPACKET_PROVIDER,
        details: [{ field: 'credentials.apiKey', message: 'required' }],
      });
    }
    this.apiKey = apiKey;
    this.baseUrl = conn.baseUrl;
    this.options = { ...RETRY_DEFAULTS, ...options };
    this.http = new ProviderHttpClient(
      {
        ...this.options,
        provider: CARRIERPACKET_PROVIDER,
        baseUrl: conn.baseUrl,
        // REST "Authentication": the header, never the discouraged `?api_key=` (it leaks into logs).
        headers: () => ({ authorization: `Bearer ${apiKey}` }),
        toError: carrierpacketErrorFromAnswer,
      },
      httpService,
    );
  }

  /** REST "Submissions → List submissions" (`page`, `limit`, `status`); README: newest first. */
  async listSubmissions(params: ListSubmissionsParams): Promise<CarrierpacketPage> {
    const data = await this.get('/submissions', { page: params.page, limit: params.limit, status: params.status });
    return page(data, 'GET /submissions answer');
  }

  /** REST "Submissions → Get a submission": `{ data }`, the submission as received. */
  async getSubmission(id: number | string): Promise<Record<string, unknown>> {
    const data = await this.get(`/submissions/${segment(id)}`);
    validateCarrierpacket(CarrierpacketDataEnvelope, data, 'GET /submissions/{id} answer');
    return (data as { data: Record<string, unknown> }).data;
  }

  /**
   * REST "List documents for a submission". The docs' sample has no `pagination`; README: at most six rows (one page).
   * Rows as received.
   */
  async listSubmissionDocuments(id: number | string): Promise<unknown[]> {
    const data = await this.get(`/submissions/${segment(id)}/documents`);
    validateCarrierpacket(CarrierpacketSubmissionDocumentsEnvelope, data, 'GET /submissions/{id}/documents answer');
    return (data as { data: unknown[] }).data;
  }

  /** REST "Documents → List documents" (`doc_type`, `submission_id`, `expiring_within`, `page`, `limit`). */
  async listDocuments(params: ListDocumentsParams): Promise<CarrierpacketPage> {
    const data = await this.get('/documents', {
      page: params.page,
      limit: params.limit,
      doc_type: params.docType,
      submission_id: params.submissionId,
      expiring_within: params.expiringWithin,
    });
    return page(data, 'GET /documents answer');
  }

  /** REST "Documents → Get a document" ("Document fields"): `{ data }`, the document as received. */
  async getDocument(id: number | string): Promise<Record<string, unknown>> {
    const data = await this.get(`/documents/${segment(id)}`);
    validateCarrierpacket(CarrierpacketDataEnvelope, data, 'GET /documents/{id} answer');
    return (data as { data: Record<string, unknown> }).data;
  }

  /**
   * REST "What's coming → Document file streaming": `GET /documents/{id}/file`, bytes with Content-Disposition.
   * ProviderHttpClient reads whole bodies, so this call streams with Node's fetch under the same auth, error
   * envelope and retry rules (a retry only before any byte was handed out).
   */
  async openDocumentFile(id: number | string): Promise<CarrierpacketFile> {
    const path = `/documents/${segment(id)}/file`;
    const url = `${this.baseUrl.replace(/\/+$/, '')}${path}`;
    const request: HttpRequest = { method: 'GET', path, responseType: 'arraybuffer' };
    const maxRetries = this.options.maxRetries ?? RETRY_DEFAULTS.maxRetries;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    for (let attempt = 1; ; attempt++) {
      let error: ProviderError;
      try {
        const res = await fetch(url, {
          headers: { authorization: `Bearer ${this.apiKey}` },
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
        // An error answer is a small JSON envelope: reading it whole is fine.
        const text = await res.text();
        const answer: ErrorAnswer = { status: res.status, data: parseLenient(text), headers: headersOf(res.headers), request };
        error = carrierpacketErrorFromAnswer(answer) ?? defaultProviderError(CARRIERPACKET_PROVIDER, answer);
      } catch (e) {
        if (e instanceof ProviderError) throw e;
        const reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        error = new ProviderError('transient', `${CARRIERPACKET_PROVIDER}: GET ${path} failed (${reason})`, { provider: CARRIERPACKET_PROVIDER });
      }
      if (!error.retryable || attempt > maxRetries) throw error;
      await sleep(Math.min(RETRY_DEFAULTS.maxDelayMs, RETRY_DEFAULTS.baseDelayMs * 2 ** (attempt - 1)));
    }
  }

  private async get(path: string, query?: HttpRequest['query']): Promise<unknown> {
    return (await this.http.request<unknown>({ method: 'GET', path, query })).data;
  }
}

/** REST "Errors" codes → kinds. Codes not listed fall back to the HTTP status (ProviderHttpClient's default). */
export const CARRIERPACKET_ERROR_KINDS: Readonly<Record<string, ProviderErrorKind>> = Object.freeze({
  bad_request: 'invalid_request',
  unauthorized: 'auth',
  // REST "IP allowlist": the key is valid but not from this address; only an operator can fix it.
  ip_not_allowed: 'auth',
  not_found: 'not_found',
  server_error: 'transient',
});

/**
 * `toError` for ProviderHttpClient: `{ error: { code, message } }` → ProviderError. The HTTP status decides the
 * kind when it is one REST documents (401/403 auth, 404 not_found, 400 invalid_request, 5xx transient); the code
 * decides otherwise. Returns undefined (status-based default) for answers that are not CarrierPacket's envelope.
 */
export function carrierpacketErrorFromAnswer(answer: ErrorAnswer): ProviderError | undefined {
  const { status, data, request } = answer;
  const envelope = readErrorEnvelope(data);
  if (envelope === undefined) return undefined;
  const code = envelope.error.code;
  const kind = kindForStatus(status) ?? (Object.hasOwn(CARRIERPACKET_ERROR_KINDS, code) ? CARRIERPACKET_ERROR_KINDS[code] : undefined);
  if (kind === undefined) return undefined;
  const message = envelope.error.message;
  return new ProviderError(
    kind,
    `${CARRIERPACKET_PROVIDER}: ${request.method} ${request.path} answered HTTP ${status} ${code}` + (message ? `: ${message}` : ''),
    { provider: CARRIERPACKET_PROVIDER, status, code, details: data },
  );
}

function kindForStatus(status: number): ProviderErrorKind | undefined {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 400) return 'invalid_request';
  if (status >= 500 && status < 600) return 'transient';
  return undefined;
}

function readErrorEnvelope(data: unknown): CarrierpacketErrorEnvelope | undefined {
  try {
    return validateCarrierpacket(CarrierpacketErrorEnvelope, data, 'error envelope');
  } catch {
    return undefined;
  }
}

function page(data: unknown, what: string): CarrierpacketPage {
  validateCarrierpacket(CarrierpacketListEnvelope, data, what);
  // Handed back as received (validated above), like the rows.
  const received = data as { data: unknown[]; pagination: CarrierpacketPagination };
  return { data: received.data, pagination: received.pagination };
}

// README "Documents": the file name comes from Content-Disposition.
export { fileNameOf };

function segment(id: number | string): string {
  return encodeURIComponent(String(id));
}
