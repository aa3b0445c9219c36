import type { SandboxDefinition } from '@waybill/provider-kit';
import { randomBytes } from 'node:crypto';
import { hubTicker } from '../shared/hub-ticker.js';
import { createSpotgoSandbox } from './spotgo-sandbox.js';
import { SPOTGO_WEBHOOK_AUTH_HEADER } from './webhook-auth.js';

/**
 * The SpotGo sandbox as the hub runs it when no provider is configured: in-process on a free loopback port with a
 * per-run API key, its clock starting now, one `All` subscription to the hub's webhook URL that asks SpotGo to send a
 * fresh credential in SPOTGO_WEBHOOK_AUTH_HEADER (what the adapter's subscribe command does with
 * SPOTGO_WEBHOOK_SECRET), and its clock moving on every tick. Not registered yet: the adapter comes first.
 */
export const spotgoSandbox: SandboxDefinition = {
  code: 'spotgo',
  sizeVar: {
    name: 'SANDBOX_ORDERS',
    type: 'int',
    min: 1,
    max: 100_000,
    default: 50,
    description: 'orders in the in-process SpotGo sandbox',
  },
  async start({ tickSeconds, size }) {
    const orders = size ?? 50;
    const apiKey = `sg_sandbox_${randomBytes(12).toString('hex')}`;
    const sandbox = createSpotgoSandbox({ orders, keys: [{ key: apiKey }], startTime: Date.now() });
    const url = await sandbox.listen(0, '127.0.0.1');
    const ticker = hubTicker(tickSeconds, () => void sandbox.advance(5 * 60_000, { changes: 2 }).catch(() => undefined));
    return {
      connection: { baseUrl: url, credentials: { apiKey }, settings: { pollIntervalSeconds: 30, pageSize: 100 } },
      description: `SpotGo sandbox at ${url}, ${orders} orders`,
      afterStart: async (webhookUrl, connection) => {
        if (webhookUrl) {
          // A real secret, not a seeded one: whoever knows the seed must not be able to forge deliveries.
          const secret = `sgwh_${randomBytes(24).toString('hex')}`;
          sandbox.subscribe({
            eventType: 'All', callbackUrl: webhookUrl, authType: 'ApiKey',
            authentication: { apiKey: { headerName: SPOTGO_WEBHOOK_AUTH_HEADER, value: secret } },
          });
          connection.webhookSecrets.push(secret);
        }
        ticker.start();
      },
      close: () => ticker.closeAfter(() => sandbox.close()),
    };
  },
};
