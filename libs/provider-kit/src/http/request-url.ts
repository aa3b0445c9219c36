/** Query values; undefined and null are left out so callers can pass optional filters as they are. */
export type QueryParams = Record<string, string | number | boolean | undefined | null>;

/**
 * baseUrl may carry a path (CarrierPacket's documented base is `https://carrierpacket.link/api/v1`,
 * carrierpacket-facts.md §2), so the path is appended to it, never resolved against its origin.
 */
export function buildRequestUrl(baseUrl: string, path: string, query?: QueryParams): string {
  const base = baseUrl.replace(/\/+$/, '');
  const tail = path.replace(/^\/+/, '');
  let url = tail === '' ? base : `${base}/${tail}`;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    search.append(key, String(value));
  }
  const qs = search.toString();
  if (qs !== '') url += (url.includes('?') ? '&' : '?') + qs;
  return url;
}

/** The path without its query string: query strings may carry credentials (CarrierPacket's `?api_key=`), paths do not. */
export function pathForMessages(path: string): string {
  const cut = path.indexOf('?');
  return cut === -1 ? path : path.slice(0, cut);
}
