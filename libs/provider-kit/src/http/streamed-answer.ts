// Pieces every adapter needs when it streams a provider's answer with Node's fetch instead of the buffering
// ProviderHttpClient (document bytes, multipart uploads).

/** `attachment; filename="x.pdf"` (RFC 6266); the extended `filename*=UTF-8''…` form wins when present. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(disposition);
  if (quoted) return quoted[1]!.replace(/\\(.)/g, '$1');
  const bare = /filename\s*=\s*([^;\s]+)/.exec(disposition);
  return bare ? bare[1]! : null;
}

/** Fetch's Headers as a plain object with lower-case names (what ProviderError mapping reads). */
export function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

/** An error answer's body: JSON when it parses, the text otherwise, undefined when empty. */
export function parseLenient(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
