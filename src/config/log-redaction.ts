import type { RegisteredProvider } from '@waybill/provider-kit';

/** Credentials and every provider's signature headers never reach the logs (declared by each registry entry). */
export function redactedPaths(providers: RegisteredProvider[]): string[] {
  const headers = new Set(['authorization', 'cookie', ...providers.flatMap((p) => p.definition.secretHeaders.map((h) => h.toLowerCase()))]);
  return [...headers].map((h) => `req.headers[${JSON.stringify(h)}]`);
}

/** Query parameters that carry credentials (a provider's URL token) for every registered provider. */
export function secretQueryParams(providers: RegisteredProvider[]): string[] {
  return [...new Set(providers.flatMap((p) => p.definition.secretQueryParams ?? []))];
}

/**
 * The logged request with credential query parameters masked in its URL and query (`/webhooks/x/y?token=[redacted]`):
 * a provider that authenticates webhooks by a URL token must not have the token written to every access log line.
 */
export function redactRequest<T extends { url?: string; query?: unknown }>(req: T, names: readonly string[]): T {
  if (names.length === 0) return req;
  const out = { ...req };
  if (typeof req.url === 'string') out.url = redactUrl(req.url, names);
  if (req.query && typeof req.query === 'object') {
    const query = { ...(req.query as Record<string, unknown>) };
    for (const name of names) if (name in query) query[name] = '[redacted]';
    out.query = query;
  }
  return out;
}

export function redactUrl(url: string, names: readonly string[]): string {
  const at = url.indexOf('?');
  if (at === -1) return url;
  const params = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const name = decodeURIComponentSafe(pair.split('=')[0] ?? '');
      return names.includes(name) ? `${pair.split('=')[0]}=[redacted]` : pair;
    });
  return `${url.slice(0, at)}?${params.join('&')}`;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
