import type { ProviderError } from '../provider-error.js';
import type { QueryParams } from './request-url.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Appended to the client's baseUrl. Keep credentials out of it: paths appear in error messages. */
  path: string;
  query?: QueryParams;
  body?: unknown;
  headers?: Record<string, string>;
  /** POSTs are retried only when true (e.g. they carry an Idempotency-Key) */
  idempotent?: boolean;
  /** parse as JSON (default) or return raw text/Buffer */
  responseType?: 'json' | 'text' | 'arraybuffer';
}

export interface HttpResponse<T = unknown> {
  status: number;
  data: T;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** How many requests were sent, the successful one included. */
  attempts: number;
}

export interface ErrorAnswer {
  status: number;
  /** The body parsed as JSON when it is JSON, else its text; header values we sent are redacted from it. */
  data: unknown;
  headers: Record<string, string>;
  request: HttpRequest;
}

export interface ProviderHttpClientOptions {
  provider: string;
  baseUrl: string;
  /** default 15000, per attempt */
  timeoutMs?: number;
  /** default 3 (so 4 attempts) */
  maxRetries?: number;
  /** default 250: exponential backoff with full jitter: random(0, min(maxDelayMs, base * 2^attempt)) */
  baseDelayMs?: number;
  /** default 10000 */
  maxDelayMs?: number;
  /** default 60000: a Retry-After longer than this is not waited for: the ProviderError is thrown with retryAfterMs set so a job can be rescheduled */
  maxRetryAfterMs?: number;
  /** auth headers per request (never logged) */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Turn a non-2xx answer into a ProviderError; return undefined to use the default mapping. */
  toError?: (res: ErrorAnswer) => ProviderError | undefined;
  /** for logs/metrics; `attempt` is the 1-based number of the attempt that just failed */
  onRetry?: (info: { attempt: number; delayMs: number; error: ProviderError }) => void;
  /** injectable so unit tests need not wait for real delays */
  sleep?: (ms: number) => Promise<void>;
}
