import type { ProviderDefinition } from '@waybill/provider-kit';
import { TrailflowModule } from './trailflow.module.js';
import { TrailflowProvider } from './trailflow.provider.js';
import { TRAILFLOW_HEADERS } from './trailflow.webhooks.js';

/** Everything the hub needs to run TrailFlow (registry line in src/providers.registry.ts). See README.md. */
export const trailflowDefinition: ProviderDefinition = {
  code: 'trailflow',
  name: 'TrailFlow',
  module: TrailflowModule,
  provider: TrailflowProvider,
  enabledBy: 'TRAILFLOW_BASE_URL',
  env: [
    { name: 'TRAILFLOW_BASE_URL', type: 'url', required: true, description: 'TrailFlow Partner API base, `https://api.trailflow.ai`' },
    { name: 'TRAILFLOW_API_KEY', type: 'secret', required: true, description: 'partner API key (sent as `Authorization: Bearer`)' },
    {
      name: 'TRAILFLOW_WEBHOOK_SECRET',
      type: 'secrets',
      description: 'signing secret(s) of the webhook subscription(s), comma-separated; a delivery verifies when any one matches',
    },
    { name: 'TRAILFLOW_POLL_INTERVAL_SECONDS', type: 'int', min: 5, max: 86_400, default: 60, description: 'how often the connection is polled' },
  ],
  defaultConnection: (env) => ({
    baseUrl: env.TRAILFLOW_BASE_URL as string,
    credentials: { apiKey: env.TRAILFLOW_API_KEY as string },
    webhookSecrets: (env.TRAILFLOW_WEBHOOK_SECRET as string[] | undefined) ?? [],
    settings: { pollIntervalSeconds: env.TRAILFLOW_POLL_INTERVAL_SECONDS as number },
  }),
  secretHeaders: [TRAILFLOW_HEADERS.signature],
};
