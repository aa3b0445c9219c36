import type { SandboxDefinition } from '@waybill/provider-kit';
import { randomBytes } from 'node:crypto';
import { hubTicker } from '../shared/hub-ticker.js';
import { createCargamosSandbox } from './cargamos-sandbox.js';

/**
 * The Cargamos sandbox as the hub runs it when no provider is configured: in-process on a free loopback port, its
 * clock starting now (service dates are checked against today), one per-run user and key, and one per-run URL
 * token: Cargamos does not sign webhooks, so the hub authenticates them by `?token=` (ARCHITECTURE.md) and the
 * sandbox's subscription URL carries it. The clock moves on every tick. Not registered yet: the adapter comes later.
 */
export const cargamosSandbox: SandboxDefinition = {
  code: 'cargamos',
  async start({ tickSeconds }) {
    const credentials = {
      username: `sandbox-${randomBytes(4).toString('hex')}@waybill.example`,
      password: randomBytes(16).toString('hex'),
      key: `cgm_sandbox_${randomBytes(12).toString('hex')}`,
    };
    const urlToken = randomBytes(24).toString('hex');
    const sandbox = createCargamosSandbox({ accounts: [credentials], startTime: Date.now() });
    const url = await sandbox.listen(0, '127.0.0.1');
    const ticker = hubTicker(tickSeconds, () => void sandbox.advance(5 * 60_000, { changes: 2 }).catch(() => undefined));
    return {
      connection: { baseUrl: url, credentials: { ...credentials }, settings: { pollIntervalSeconds: 30 }, webhookSecrets: [urlToken] },
      description: `Cargamos sandbox at ${url}, shipments come from dispatches`,
      afterStart: async (webhookUrl, connection) => {
        if (!connection.webhookSecrets.includes(urlToken)) connection.webhookSecrets.push(urlToken);
        if (webhookUrl) {
          const separator = webhookUrl.includes('?') ? '&' : '?';
          sandbox.subscribe(`${webhookUrl}${separator}token=${encodeURIComponent(urlToken)}`, ['*']);
        }
        ticker.start();
      },
      close: () => ticker.closeAfter(() => sandbox.close()),
    };
  },
};
