/**
 * Bad input to the canonical model. `code` is stable (callers and the API branch on it, never on the message);
 * `field` names the input that is wrong so a mapper can point at the provider field it came from.
 */
export class CanonicalError extends Error {
  override readonly name = 'CanonicalError';
  readonly code: string;
  readonly field?: string;

  constructor(code: string, message: string, field?: string) {
    super(message);
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}
