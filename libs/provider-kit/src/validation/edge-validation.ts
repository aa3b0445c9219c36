import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { ProviderError } from '../provider-error.js';

// Every adapter validates a provider's payload at the edge against class-validator DTOs (STYLE.md: "Validate the
// provider's response at the edge, then map with plain functions"). The mechanics are the same for all of them; each
// adapter's `validate<Provider>` only names itself.

/** One wrong field of a provider payload, by path (`stops[0].kind`, `data[3].id`). */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface EdgeSource {
  /** The provider code, for the error's `provider`. */
  provider: string;
  /** The provider's display name, for the message (`TrailFlow load is invalid: …`). */
  label: string;
}

type Class<T> = new () => T;

/**
 * Validates a provider payload against its DTO class and returns the typed instance (a copy; the input is not
 * touched). Throws `ProviderError('bad_payload')` whose `details` name every wrong field by path, prefixed with `at`
 * when the payload sits inside a larger one (`data[3].id`). `what` names the payload in the message.
 */
export function validateAtEdge<T extends object>(source: EdgeSource, cls: Class<T>, plain: unknown, what: string, at = ''): T {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw badPayloadError(source, what, [{ field: at || '$', message: `${what} must be a JSON object` }]);
  }
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, { forbidUnknownValues: false, whitelist: false, stopAtFirstError: true });
  if (errors.length > 0) throw badPayloadError(source, what, fieldProblems(errors, at));
  return instance;
}

/** `ProviderError('bad_payload')` naming every wrong field, with the problems as `details`. */
export function badPayloadError(source: EdgeSource, what: string, problems: FieldProblem[], cause?: unknown): ProviderError {
  const summary = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new ProviderError('bad_payload', `${source.label} ${what} is invalid: ${summary}`, {
    provider: source.provider,
    details: problems,
    cause,
  });
}

/** class-validator's nested errors as flat field paths (`items[0].units`). */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = joinPath(prefix, error.property);
    for (const message of Object.values(error.constraints ?? {})) out.push({ field, message });
    if (error.children?.length) out.push(...fieldProblems(error.children, field));
  }
  return out;
}

function joinPath(prefix: string, property: string): string {
  if (/^\d+$/.test(property)) return `${prefix}[${property}]`;
  return prefix ? `${prefix}.${property}` : property;
}
