/**
 * Keyset cursors: base64url JSON of the sort key of the last row served. Opaque to clients; a cursor that does not
 * decode is a `validation_failed` on `cursor`, never a silent restart from the beginning.
 */
export class InvalidCursorError extends Error {
  readonly field = 'cursor';
  constructor() {
    super('cursor is not a cursor this API issued');
  }
}

export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<K extends Record<string, string | number>>(cursor: string, fields: (keyof K)[]): K {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as K;
    if (parsed && typeof parsed === 'object' && fields.every((f) => isValidKeyPart(String(f), parsed[f]))) return parsed;
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Our cursors hold an id (`i`, a UUID), an integer (`n`, e.g. days until expiry) and ISO instants (any other field):
 * anything else was not issued by us.
 */
function isValidKeyPart(field: string, value: unknown): boolean {
  if (field === 'n') return Number.isSafeInteger(value);
  if (typeof value !== 'string') return false;
  return field === 'i' ? UUID.test(value) : !Number.isNaN(Date.parse(value));
}
