import type { SpotgoWebhookAuthType } from './spotgo.types.js';

/**
 * README "Webhooks": the credential SpotGo sends with every delivery is the one the subscriber asked for
 * (WebhookAuthType / WebhookAuthentication). The hub subscribes with `ApiKey` in this header and the value of
 * SPOTGO_WEBHOOK_SECRET, and compares it timing-safe.
 */
export const SPOTGO_WEBHOOK_AUTH_HEADER = 'X-Waybill-Webhook-Secret';

export type WebhookCredential =
  | { authType: 'None' }
  | { authType: 'ApiKey'; headerName: string; value: string }
  | { authType: 'Basic'; username: string; password: string };

/** Headers that a subscriber may not choose for its credential: the sender sets them itself. */
const RESERVED = new Set(['host', 'content-type', 'content-length', 'user-agent', 'connection', 'transfer-encoding', 'x-spotgo-event', 'x-spotgo-delivery']);

/** Builds a credential from a WebhookSubscriptionRequest's `authType` and `authentication`; the message names the field. */
export function parseCredential(authType: unknown, authentication: unknown): WebhookCredential {
  const type = (typeof authType === 'string' ? authType : 'None') as SpotgoWebhookAuthType;
  const auth = (typeof authentication === 'object' && authentication !== null ? authentication : {}) as Record<string, unknown>;
  const str = (v: unknown, field: string, max = 500): string => {
    if (typeof v !== 'string' || v === '' || v.length > max) throw new RangeError(`${field} must be a non-empty string of at most ${max} characters`);
    return v;
  };
  switch (type) {
    case 'None':
      return { authType: 'None' };
    case 'ApiKey': {
      const k = (auth.apiKey ?? {}) as Record<string, unknown>;
      const headerName = str(k.headerName, 'authentication.apiKey.headerName', 100);
      if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(headerName) || RESERVED.has(headerName.toLowerCase())) {
        throw new RangeError('authentication.apiKey.headerName must be a valid header name that SpotGo does not set itself');
      }
      const value = str(k.value, 'authentication.apiKey.value');
      if (/[\r\n]/.test(value)) throw new RangeError('authentication.apiKey.value must be one line');
      return { authType: 'ApiKey', headerName, value };
    }
    case 'Basic': {
      const b = (auth.basic ?? {}) as Record<string, unknown>;
      const username = str(b.username, 'authentication.basic.username', 200);
      if (username.includes(':')) throw new RangeError('authentication.basic.username must not contain ":"');
      return { authType: 'Basic', username, password: str(b.password, 'authentication.basic.password') };
    }
    case 'OAuth2':
      throw new RangeError('authType OAuth2 is not simulated by the sandbox (README: the hub uses ApiKey)');
    default:
      throw new RangeError('authType must be one of None, ApiKey, Basic, OAuth2');
  }
}

/** The credential as request headers, lower-case names. */
export function credentialHeaders(c: WebhookCredential): Record<string, string> {
  if (c.authType === 'ApiKey') return { [c.headerName.toLowerCase()]: c.value };
  if (c.authType === 'Basic') return { authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}` };
  return {};
}
