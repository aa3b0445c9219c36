// Provider error bodies sometimes echo what they were sent ("key cpl_… is revoked"). Errors end up in logs,
// dead letters and API responses, so the values of the headers we sent are removed from anything copied out
// of an error answer.

const REDACTED = '[redacted]';
/** Shorter pieces ("Bearer", "Basic") are scheme names, not secrets, and would blank ordinary words. */
const MIN_SECRET_LENGTH = 8;

/** The strings to hide for these header values: each whole value and each of its space-separated parts. */
export function secretsOf(headerValues: Iterable<string>): string[] {
  const secrets = new Set<string>();
  for (const value of headerValues) {
    for (const piece of [value, ...value.split(/\s+/)]) {
      if (piece.length >= MIN_SECRET_LENGTH) secrets.add(piece);
    }
  }
  // Longest first, so a whole value is replaced before its parts.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** A copy of a JSON-like value with every secret replaced, in strings and object keys alike. */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  return redact(value, secrets) as T;
}

function redact(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactString(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets));
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redactString(key, secrets), redact(item, secrets)]),
    );
  }
  return value;
}

function redactString(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}
