import type { SandboxDefinition } from '@waybill/provider-kit';
import { randomBytes } from 'node:crypto';
import { hubTicker } from '../shared/hub-ticker.js';
import { createCarrierpacketSandbox } from './carrierpacket-sandbox.js';

/**
 * The CarrierPacket sandbox as the hub runs it when no provider is configured: in-process on a free loopback port,
 * its clock starting now (so expiries are "around today" for the hub too), two webhook endpoints pointed at the hub
 * (two secrets, as a broker with two endpoints has), and its clock moving on every tick. File streaming, announced
 * but not shipped by CarrierPacket, is turned on in the sandbox and its connection so `npm start` can show document
 * downloads; a real connection keeps it off unless CARRIERPACKET_FILE_STREAMING says otherwise.
 */
export const carrierpacketSandbox: SandboxDefinition = {
  code: 'carrierpacket',
  sizeVar: {
    name: 'SANDBOX_SUBMISSIONS',
    type: 'int',
    min: 1,
    max: 100_000,
    default: 100,
    description: 'carrier submissions in the in-process CarrierPacket sandbox',
  },
  async start({ tickSeconds, size }) {
    const submissions = size ?? 100;
    const apiKey = `cpl_sandbox_${randomBytes(12).toString('hex')}`;
    const sandbox = createCarrierpacketSandbox({ submissions, keys: [{ key: apiKey }], startTime: Date.now(), fileStreaming: true });
    const url = await sandbox.listen(0, '127.0.0.1');
    const ticker = hubTicker(tickSeconds, () => void sandbox.advance(5 * 60_000, { changes: 2 }).catch(() => undefined));
    return {
      connection: { baseUrl: url, credentials: { apiKey }, settings: { pollIntervalSeconds: 30, timezone: 'UTC', fileStreaming: true } },
      description: `CarrierPacket sandbox at ${url}, ${submissions} submissions`,
      afterStart: async (webhookUrl, connection) => {
        if (webhookUrl) {
          for (let i = 0; i < 2; i++) connection.webhookSecrets.push(sandbox.addWebhook(webhookUrl, ['*']).secret);
        }
        ticker.start();
      },
      close: () => ticker.closeAfter(() => sandbox.close()),
    };
  },
};
