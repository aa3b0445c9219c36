/**
 * Docs (flows): "Order number is unique per your company account (the service normalizes it before comparing)".
 * README "Order numbers": normalisation = Unicode NFKC, every whitespace character removed, upper-cased (invariant).
 * `ord-1`, ` ORD-1 ` and `Ord -1` are the same order; `ORD1` is another one (punctuation is kept).
 */
export function normalizeOrderNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/**
 * README "Query": the `orderNumber` filter. With `*` (any run) or `?` (one character) it is a pattern over the whole
 * normalised number; without them it matches numbers that contain it. Case and whitespace never matter.
 */
export function orderNumberMatcher(pattern: string): (normalized: string) => boolean {
  const p = normalizeOrderNumber(pattern);
  if (!/[*?]/.test(p)) return (n) => n.includes(p);
  const source = p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const re = new RegExp(`^${source}$`, 'u');
  return (n) => re.test(n);
}

/** README "Carriers": a carrier is its VAT code, compared with spaces, dots and dashes removed, upper-cased. */
export function normalizeVatCode(raw: string): string {
  return raw.replace(/[\s.\-]/g, '').toUpperCase();
}
