// The small, closed set of provider error kinds (ARCHITECTURE.md, "The provider contract").
// Each kind has one defined retry behaviour, so callers branch on `kind`, never on a provider's own codes.
export const PROVIDER_ERROR_KINDS = [
  'transient', // retry with backoff, honour Retry-After
  'rate_limited', // retry after the provider's delay (or backoff when it gives none)
  'auth', // credentials wrong or revoked: stop the connection, do not retry
  'not_found',
  'invalid_request', // the provider's validation message is kept whole in `details`
  'cursor_invalid', // the stored cursor is no longer accepted: full resync
  'bad_payload', // the provider answered something we cannot read: dead letter, raw kept
] as const;
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

export const RETRYABLE_KINDS: ReadonlySet<ProviderErrorKind> = new Set(['transient', 'rate_limited']);

export interface ProviderErrorInit {
  provider?: string;
  status?: number;
  /** The provider's own error code, e.g. TrailFlow's `idempotency_conflict`. */
  code?: string;
  requestId?: string;
  /** Delay the provider asked for (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  details?: unknown;
  cause?: unknown;
}

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly provider?: string;
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  readonly details?: unknown;

  constructor(kind: ProviderErrorKind, message: string, init: ProviderErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.provider = init.provider;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.details = init.details;
  }

  get retryable(): boolean {
    return RETRYABLE_KINDS.has(this.kind);
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}
