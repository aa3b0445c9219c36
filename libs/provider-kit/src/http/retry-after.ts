// Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Providers we talk to do not document
// which one they send (trailflow-facts.md §5: "Retry-After: NOT FOUND"), so both are accepted.

/** Milliseconds to wait as asked by a Retry-After value; undefined when absent or unreadable (callers fall back to backoff). */
export function parseRetryAfterMs(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Every HTTP-date form names its month; without this, Date.parse would read "-3" as a year.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  // A date in the past means "now", not "never".
  return Math.max(0, at - now);
}
