import { API_BODY_LIMIT_BYTES, bodyLimitFor, UPLOAD_BODY_LIMIT_BYTES } from './raw-json.parser.js';

describe('bodyLimitFor', () => {
  const webhookLimit = (provider: string, connection: string | undefined) => (connection === 'big' ? 9_000_000 : provider.length);

  it.each([
    ['POST', '/webhooks/trailflow', 'trailflow'.length],
    ['POST', '/webhooks/trailflow/big?token=x', 9_000_000],
    ['POST', '/webhooks/cargamos/cargamos-default?token=abc', 'cargamos'.length],
    ['POST', '/v1/shipments', API_BODY_LIMIT_BYTES],
    ['PATCH', '/v1/shipments/123', API_BODY_LIMIT_BYTES],
    ['POST', '/v1/shipments/123/documents', UPLOAD_BODY_LIMIT_BYTES],
    ['POST', '/v1/inbox/123/replay', API_BODY_LIMIT_BYTES],
    ['POST', '/webhooks/a/b/c', API_BODY_LIMIT_BYTES],
  ])('%s %s → %d', (method, url, expected) => {
    expect(bodyLimitFor(method, url, webhookLimit)).toBe(expected);
  });
});
