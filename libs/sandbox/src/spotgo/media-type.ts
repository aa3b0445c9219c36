import { ApiError } from './api-errors.js';

/** Docs: `Content-Type: application/json; x-api-version=1.0` on requests and responses. */
export const API_VERSION = '1.0';
export const JSON_MEDIA_TYPE = `application/json; x-api-version=${API_VERSION}`;
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The `x-api-version` parameter of a media type (`Content-Type` or one `Accept` entry); null when absent. */
export function versionParam(mediaType: string): string | null {
  const m = /;\s*x-api-version\s*=\s*"?([^";,\s]*)"?/i.exec(mediaType);
  return m ? m[1] : null;
}

/**
 * README "Versioning": the version is read from the `x-api-version` parameter of `Content-Type` and of every
 * `Accept` entry. Absent everywhere → 1.0 (assumed default). `1.0` or `1` → served; any other value → 400
 * `UnsupportedApiVersion`. Two different versions in one request are also refused.
 */
export function checkApiVersion(headers: { 'content-type'?: string; accept?: string }): void {
  const found: string[] = [];
  const ct = headers['content-type'];
  if (ct) {
    const v = versionParam(ct);
    if (v !== null) found.push(v);
  }
  for (const entry of (headers.accept ?? '').split(',')) {
    const v = versionParam(entry);
    if (v !== null) found.push(v);
  }
  for (const v of found) {
    if (v !== '1.0' && v !== '1') {
      throw new ApiError('UnsupportedApiVersion', `The HTTP resource does not support the API version '${v}'. Supported: ${API_VERSION}.`, [
        { field: 'x-api-version', code: 'UnsupportedApiVersion', message: `Supported API versions: ${API_VERSION}.` },
      ]);
    }
  }
}
