// The default sorting of provider HTTP answers into ProviderError kinds (ARCHITECTURE.md, "The provider contract").
// A provider whose answers need another sorting (e.g. a 400 that means "cursor expired") supplies `toError`
// to ProviderHttpClient and returns undefined for everything else.
import { ProviderError, type ProviderErrorKind } from '../provider-error.js';
import type { ErrorAnswer } from '../http/http-types.js';
import { pathForMessages } from '../http/request-url.js';
import { parseRetryAfterMs } from '../http/retry-after.js';

/** Statuses whose Retry-After is honoured (RFC 9110 §10.2.3 names 503 and redirects; RFC 6585 §4 names 429). */
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

export function kindForHttpStatus(status: number): ProviderErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  // 408 Request Timeout and 425 Too Early say "send it again later", not "the request is wrong".
  if (status === 408 || status === 425) return 'transient';
  if (status >= 400 && status < 500) return 'invalid_request';
  if (status >= 500 && status < 600) return 'transient';
  // A 1xx/3xx that reaches us (redirects are followed) is not an answer we can read.
  return 'bad_payload';
}

export function defaultProviderError(provider: string, answer: ErrorAnswer): ProviderError {
  const { status, data, headers, request } = answer;
  const providerMessage = stringAt(data, ['error', 'message']) ?? stringAt(data, ['message']);
  const retryAfterMs = RETRY_AFTER_STATUSES.has(status) ? parseRetryAfterMs(headers['retry-after']) : undefined;
  return new ProviderError(
    kindForHttpStatus(status),
    `${provider}: ${request.method} ${pathForMessages(request.path)} answered HTTP ${status}` +
      (providerMessage === undefined ? '' : `: ${providerMessage}`),
    {
      provider,
      status,
      code: providerCodeOf(data),
      requestId: requestIdOf(data, headers),
      retryAfterMs,
      // Kept whole: a provider's validation message is what an operator needs to fix the request.
      details: data,
    },
  );
}

/** TrailFlow's envelope carries `error.code` (trailflow-facts.md §5); others put `code` at the top. */
export function providerCodeOf(data: unknown): string | undefined {
  return stringAt(data, ['error', 'code']) ?? stringAt(data, ['code']);
}

/** TrailFlow puts `requestId` in every body (trailflow-facts.md §2); `x-request-id` is the common header form. */
export function requestIdOf(data: unknown, headers: Record<string, string>): string | undefined {
  return stringAt(data, ['requestId']) ?? headers['x-request-id'];
}

function stringAt(data: unknown, path: readonly string[]): string | undefined {
  let node: unknown = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  if (typeof node === 'string' && node !== '') return node;
  if (typeof node === 'number') return String(node);
  return undefined;
}
