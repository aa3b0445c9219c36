import type { SandboxDefinition } from '@waybill/provider-kit';
import { randomBytes } from 'node:crypto';
import { hubTicker } from '../shared/hub-ticker.js';
import { createTrailflowSandbox } from './trailflow-sandbox.js';
import { SANDBOX_ALL_SCOPES } from './trailflow.types.js';

/**
 * The TrailFlow sandbox as the hub runs it when no provider is configured: in-process on a free loopback port, a key
 * made for this run, its webhooks subscribed to the hub once it listens, its clock moving loads on every tick.
 */
export const trailflowSandbox: SandboxDefinition = {
  code: 'trailflow',
  sizeVar: { name: 'SANDBOX_LOADS', type: 'int', min: 1, max: 100_000, default: 200, description: 'loads in the in-process TrailFlow sandbox' },
  async start({ tickSeconds, size }) {
    const loads = size ?? 200;
    const apiKey = `tf_sandbox_${randomBytes(12).toString('hex')}`;
    const sandbox = createTrailflowSandbox({ loads, keys: [{ key: apiKey, scopes: SANDBOX_ALL_SCOPES, ratePerMinute: 100_000 }] });
    const url = await sandbox.listen(0, '127.0.0.1');
    const ticker = hubTicker(tickSeconds, () => sandbox.advance(5 * 60_000, { changes: 3 }));
    return {
      connection: { baseUrl: url, credentials: { apiKey }, settings: { pollIntervalSeconds: 15 } },
      description: `TrailFlow sandbox at ${url}, ${loads} loads`,
      afterStart: async (webhookUrl, connection) => {
        if (webhookUrl) {
          // The secret exists only once the subscription does, after the hub listens.
          const sub = sandbox.subscribe(webhookUrl, ['load.created', 'load.updated', 'load.status_changed']);
          connection.webhookSecrets.push(sub.signingSecret);
        }
        ticker.start();
      },
      close: () => ticker.closeAfter(() => sandbox.close()),
    };
  },
};
