import { isProviderError, type ProviderFieldError } from '@waybill/provider-kit';

/**
 * A command's refusal with one of the API's stable codes. The lib does not know HTTP framing; the API turns this into
 * its error envelope (and `Retry-After` when `retryAfterSeconds` is set).
 */
export class CommandError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'CommandError';
  }

  static notFound(what: string): CommandError {
    return new CommandError(404, 'not_found', `${what} not found`);
  }

  static validation(field: string, message: string): CommandError {
    return new CommandError(400, 'validation_failed', `invalid value for ${field}`, [{ field, message }]);
  }

  static invalidState(message: string, details?: unknown): CommandError {
    return new CommandError(409, 'invalid_state', message, details);
  }

  /** `422 provider_rejected` for something the provider cannot do at all (no cancel, no review). */
  static unsupported(provider: string, code: string, message: string): CommandError {
    const detail: ProviderFieldError = { field: 'provider', providerField: null, code, message };
    return new CommandError(422, 'provider_rejected', `${provider}: ${message}`, [detail]);
  }
}

const DEFAULT_RETRY_AFTER_SECONDS = 30;

/**
 * A provider's failure as the API answers it (ARCHITECTURE.md, "Commands"): a refusal is `422 provider_rejected` with
 * field-level details, a provider that is down `502 provider_unavailable`, one that asked us to wait `503` with
 * `Retry-After`. Anything that is not a ProviderError is returned as undefined (a bug: the caller rethrows it).
 */
export function commandErrorFromProvider(e: unknown, provider: string): CommandError | undefined {
  if (!isProviderError(e)) return undefined;
  switch (e.kind) {
    case 'invalid_request':
    case 'not_found':
      return new CommandError(422, 'provider_rejected', `${provider} refused the command: ${e.message}`, providerFieldErrors(e.details, e.code, e.message));
    case 'rate_limited':
      return new CommandError(503, 'provider_unavailable', `${provider} asked us to wait before the next request`, undefined,
        e.retryAfterMs ? Math.max(1, Math.ceil(e.retryAfterMs / 1000)) : DEFAULT_RETRY_AFTER_SECONDS);
    default:
      // transient, auth (our credentials are the hub's problem, not the TMS's), bad_payload, cursor_invalid.
      return new CommandError(502, 'provider_unavailable', `${provider} did not accept the command (${e.kind}): ${e.message}`);
  }
}

/** The adapter's ProviderFieldError[] when it gave them, else one detail carrying the provider's message whole. */
export function providerFieldErrors(details: unknown, code: string | undefined, message: string): ProviderFieldError[] {
  if (Array.isArray(details) && details.length > 0 && details.every(isFieldError)) {
    return details.map((d) => ({ field: d.field ?? null, providerField: d.providerField ?? null, code: d.code ?? null, message: d.message }));
  }
  return [{ field: null, providerField: null, code: code ?? null, message }];
}

function isFieldError(d: unknown): d is ProviderFieldError {
  return typeof d === 'object' && d !== null && typeof (d as { message?: unknown }).message === 'string' &&
    ('providerField' in d || 'field' in d);
}
