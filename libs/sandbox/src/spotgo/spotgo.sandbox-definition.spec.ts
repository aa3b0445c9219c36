import type { Connection } from '@waybill/provider-kit';
import { spotgoSandbox } from './spotgo.sandbox-definition.js';
import { sg, startHookReceiver } from './testing/spotgo-test-kit.js';
import { SPOTGO_WEBHOOK_AUTH_HEADER } from './webhook-auth.js';

describe('spotgoSandbox (registry definition)', () => {
  it('starts on a loopback port with a per-run key, subscribes the hub with a fresh credential and pushes it into the connection', async () => {
    const receiver = await startHookReceiver();
    const running = await spotgoSandbox.start({ tickSeconds: 0, size: 12 });
    try {
      const { baseUrl, credentials } = running.connection;
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(credentials.apiKey).toMatch(/^sg_sandbox_[0-9a-f]{24}$/);
      const connection: Connection = { id: 'spotgo-default', provider: 'spotgo', baseUrl, credentials, webhookSecrets: [], settings: {} };
      await running.afterStart(receiver.url, connection);
      expect(connection.webhookSecrets).toEqual([expect.stringMatching(/^sgwh_[0-9a-f]{48}$/)]);
      const subs = await sg(baseUrl, 'GET', '/api/v1/webhooks', { key: credentials.apiKey });
      expect(subs.json.items).toEqual([expect.objectContaining({ eventType: 'All', callbackUrl: receiver.url, authType: 'ApiKey' })]);
      const orders = await sg(baseUrl, 'POST', '/api/v1/orders/query', { key: credentials.apiKey, body: { pageSize: 100 } });
      expect(orders.json.items).toHaveLength(12);
      // Drive the clock through the /_sandbox route: the deliveries carry the pushed credential.
      await sg(baseUrl, 'POST', '/_sandbox/advance', { body: { ms: 3_600_000, changes: 0 } });
      expect(receiver.received.length).toBeGreaterThan(0);
      for (const h of receiver.received) expect(h.headers[SPOTGO_WEBHOOK_AUTH_HEADER.toLowerCase()]).toBe(connection.webhookSecrets[0]);
    } finally {
      await running.close();
      await receiver.close();
    }
  });
});
