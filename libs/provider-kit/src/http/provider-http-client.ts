// The one HTTP client base every provider adapter uses (ARCHITECTURE.md, provider-kit: "HTTP client base
// (auth, retry, rate limit)"; STYLE.md: "one HTTP client base").
//
// Retries are a small explicit loop, not axios-retry. axios-retry was tried against what we need and hinders:
// - it retries inside an axios interceptor that has to be installed on the axios instance; under Nest that instance
//   is shared by every HttpService user, so per-provider settings would stack interceptors on one shared object;
// - it waits with its own setTimeout, so the injectable `sleep` could only be had by returning 0 from `retryDelay`
//   and sleeping in `onRetry`, working against the library;
// - it decides on AxiosErrors before we know the ProviderError kind, so the rules (retry only transient and
//   rate_limited, give up at once when Retry-After exceeds maxRetryAfterMs and throw with retryAfterMs) would be
//   written twice, once for axios-retry and once to build the error;
// - its timeout is shared across all attempts unless `shouldResetTimeout`, its built-in delays add 0–20 % jitter
//   rather than full jitter, it skips timeouts (ECONNABORTED) by default, and the attempt count lives in its
//   private per-request state (`config['axios-retry'].retryCount`).
// The loop below is the whole retry policy in one place, decided on ProviderErrors.
import { HttpService } from '@nestjs/axios';
import axios, { AxiosError, type AxiosResponse } from 'axios';
import { firstValueFrom } from 'rxjs';
import { ProviderError } from '../provider-error.js';
import { defaultProviderError, requestIdOf } from '../errors/http-error-mapping.js';
import { redactSecrets, secretsOf } from '../errors/redact-secrets.js';
import { fullJitterDelay } from './backoff.js';
import type { ErrorAnswer, HttpMethod, HttpRequest, HttpResponse, ProviderHttpClientOptions } from './http-types.js';
import { buildRequestUrl, pathForMessages } from './request-url.js';
import { providerRetriesTotal } from '@waybill/telemetry';

export type { ErrorAnswer, HttpMethod, HttpRequest, HttpResponse, ProviderHttpClientOptions } from './http-types.js';

/** RFC 9110 §9.2.2: repeating these has the effect of sending them once. POST and PATCH are not. */
const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);

/** Axios codes that mean our request was malformed, not that the network failed: retrying cannot help. */
const REQUEST_SETUP_CODES: ReadonlySet<string> = new Set([
  AxiosError.ERR_BAD_OPTION,
  AxiosError.ERR_BAD_OPTION_VALUE,
  AxiosError.ERR_INVALID_URL,
  AxiosError.ERR_NOT_SUPPORT,
]);

type Settings = Required<Pick<ProviderHttpClientOptions,
  'timeoutMs' | 'maxRetries' | 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs' | 'sleep'>>;

type Outcome<T> = { ok: true; response: Omit<HttpResponse<T>, 'attempts'> } | { ok: false; error: ProviderError };

export class ProviderHttpClient {
  private readonly settings: Settings;
  private readonly http: HttpService;

  constructor(
    private readonly options: ProviderHttpClientOptions,
    http?: HttpService,
  ) {
    if (!URL.canParse(options.baseUrl)) {
      throw new Error(`ProviderHttpClient(${options.provider}): baseUrl is not an absolute URL: ${JSON.stringify(options.baseUrl)}`);
    }
    this.settings = {
      timeoutMs: options.timeoutMs ?? 15_000,
      maxRetries: options.maxRetries ?? 3,
      baseDelayMs: options.baseDelayMs ?? 250,
      maxDelayMs: options.maxDelayMs ?? 10_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
    // Our own axios instance when none is injected, so nothing configured on the global axios leaks in.
    this.http = http ?? new HttpService(axios.create());
  }

  async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const url = buildRequestUrl(this.options.baseUrl, req.path, req.query);
    const idempotent = req.idempotent ?? IDEMPOTENT_METHODS.has(req.method);
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt<T>(req, url);
      if (outcome.ok) return { ...outcome.response, attempts: attempt };
      const delayMs = this.retryDelay(outcome.error, attempt, idempotent);
      if (delayMs === undefined) throw outcome.error;
      providerRetriesTotal.inc({ provider: this.options.provider, kind: outcome.error.kind });
      this.options.onRetry?.({ attempt, delayMs, error: outcome.error });
      await this.settings.sleep(delayMs);
    }
  }

  /** The wait before the next attempt, or undefined when the error is final. */
  private retryDelay(error: ProviderError, attempt: number, idempotent: boolean): number | undefined {
    if (!error.retryable || !idempotent || attempt > this.settings.maxRetries) return undefined;
    if (error.retryAfterMs !== undefined) {
      // Waiting minutes inside a job holds a worker; the caller reschedules from error.retryAfterMs instead.
      return error.retryAfterMs > this.settings.maxRetryAfterMs ? undefined : error.retryAfterMs;
    }
    return fullJitterDelay(attempt - 1, this.settings.baseDelayMs, this.settings.maxDelayMs);
  }

  private async attempt<T>(req: HttpRequest, url: string): Promise<Outcome<T>> {
    // Asked per attempt: a token may be refreshed between two attempts.
    const authHeaders = (await this.options.headers?.()) ?? {};
    const headers: Record<string, string> = {
      ...((req.responseType ?? 'json') === 'json' ? { accept: 'application/json' } : {}),
      ...authHeaders,
      ...req.headers,
    };
    // axios' `timeout` is a socket idle timeout; this deadline covers the whole attempt, body included.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.settings.timeoutMs);
    let res: AxiosResponse<Buffer>;
    try {
      res = await firstValueFrom(
        this.http.request<Buffer>({
          url,
          method: req.method,
          headers,
          data: req.body,
          // Raw bytes in every case: we parse JSON ourselves to tell a malformed body (bad_payload) from a good one.
          responseType: 'arraybuffer',
          transformResponse: [(data: unknown) => data],
          validateStatus: () => true,
          signal: deadline.signal,
        }),
      );
    } catch (e) {
      return { ok: false, error: this.networkError(req, e, deadline.signal.aborted) };
    } finally {
      clearTimeout(timer);
    }

    const resHeaders = flattenHeaders(res.headers);
    const raw = Buffer.isBuffer(res.data) ? res.data : Buffer.from(res.data ?? '');
    if (res.status >= 200 && res.status < 300) return this.success<T>(req, res.status, raw, resHeaders, authHeaders);
    const secrets = secretsOf([...Object.values(authHeaders), ...Object.values(req.headers ?? {})]);
    const answer: ErrorAnswer = {
      status: res.status,
      data: redactSecrets(parseLenient(raw.toString('utf8')), secrets),
      headers: resHeaders,
      request: req,
    };
    return { ok: false, error: this.options.toError?.(answer) ?? defaultProviderError(this.options.provider, answer) };
  }

  private success<T>(
    req: HttpRequest,
    status: number,
    raw: Buffer,
    headers: Record<string, string>,
    authHeaders: Record<string, string>,
  ): Outcome<T> {
    const responseType = req.responseType ?? 'json';
    if (responseType === 'arraybuffer') return { ok: true, response: { status, data: raw as T, headers } };
    const text = raw.toString('utf8');
    if (responseType === 'text') return { ok: true, response: { status, data: text as T, headers } };
    // No body (204, or a 200 with nothing): there is nothing to parse, which is not a malformed body.
    if (text.trim() === '') return { ok: true, response: { status, data: undefined as T, headers } };
    try {
      return { ok: true, response: { status, data: JSON.parse(text) as T, headers } };
    } catch {
      const secrets = secretsOf([...Object.values(authHeaders), ...Object.values(req.headers ?? {})]);
      return {
        ok: false,
        error: new ProviderError(
          'bad_payload',
          `${this.options.provider}: ${req.method} ${pathForMessages(req.path)} answered HTTP ${status} with a body that is not JSON`,
          {
            provider: this.options.provider,
            status,
            requestId: requestIdOf(undefined, headers),
            // The raw text is kept so the dead letter shows what the provider actually sent.
            details: redactSecrets(text, secrets),
          },
        ),
      };
    }
  }

  private networkError(req: HttpRequest, e: unknown, timedOut: boolean): ProviderError {
    const where = `${this.options.provider}: ${req.method} ${pathForMessages(req.path)}`;
    const code = e instanceof AxiosError ? e.code : undefined;
    if (!timedOut && code !== undefined && REQUEST_SETUP_CODES.has(code)) {
      // Not a provider error: a bug on our side. Thrown as a plain Error so no retry policy applies to it.
      throw new Error(`${where}: request could not be built (${code}): ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!(e instanceof Error)) throw e;
    const reason = timedOut ? `timed out after ${this.settings.timeoutMs} ms` : `failed (${code ?? e.name}: ${e.message})`;
    // The AxiosError itself is not kept as `cause`: its `config.headers` holds the credentials.
    const cause = Object.assign(new Error(e.message), { code });
    return new ProviderError('transient', `${where} ${reason}`, { provider: this.options.provider, cause });
  }
}

/** Lower-cased names; a repeated header (set-cookie) joined the way HTTP allows. */
function flattenHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** An error body as JSON when it is JSON (to read its code), else as the text it is. */
function parseLenient(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
