import type { ProviderDefinition } from '@waybill/provider-kit';
import { SPOTGO_API_KEY_HEADER } from './spotgo.client.js';
import { SpotgoModule } from './spotgo.module.js';
import { SpotgoProvider } from './spotgo.provider.js';
import { SPOTGO_HEADERS } from './spotgo.webhooks.js';

/** Everything the hub needs to run SpotGo (one registry line). See README.md. */
export const spotgoDefinition: ProviderDefinition = {
  code: 'spotgo',
  name: 'SpotGo',
  module: SpotgoModule,
  provider: SpotgoProvider,
  enabledBy: 'SPOTGO_BASE_URL',
  env: [
    { name: 'SPOTGO_BASE_URL', type: 'url', required: true, description: 'SpotGo API base, `https://api-test.spotgo.eu` (production `https://api.spotgo.eu`)' },
    { name: 'SPOTGO_API_KEY', type: 'secret', required: true, description: 'API key (sent as `X-Api-Key`)' },
    {
      name: 'SPOTGO_WEBHOOK_SECRET',
      type: 'secrets',
      description:
        "the credential(s) the hub's webhook subscription asks SpotGo to send in `X-Waybill-Webhook-Secret`, comma-separated; the first is subscribed, any one verifies",
    },
    {
      name: 'SPOTGO_POLL_INTERVAL_SECONDS',
      type: 'int',
      min: 30,
      max: 86_400,
      default: 120,
      description: 'how often the orders changed since the last poll are read (the safety net under the webhooks)',
    },
  ],
  defaultConnection: (env) => ({
    baseUrl: env.SPOTGO_BASE_URL as string,
    credentials: { apiKey: env.SPOTGO_API_KEY as string },
    webhookSecrets: (env.SPOTGO_WEBHOOK_SECRET as string[] | undefined) ?? [],
    settings: { pollIntervalSeconds: (env.SPOTGO_POLL_INTERVAL_SECONDS as number | undefined) ?? 120 },
  }),
  secretHeaders: [SPOTGO_API_KEY_HEADER, SPOTGO_HEADERS.credential],
};
