import type { ProviderDefinition } from '@waybill/provider-kit';
import { CargamosModule } from './cargamos.module.js';
import { CargamosProvider } from './cargamos.provider.js';
import { CARGAMOS_TOKEN_PARAM } from './cargamos.webhooks.js';

/** Everything the hub needs to run Cargamos (one registry line, not added yet). See ../README.md. */
export const cargamosDefinition: ProviderDefinition = {
  code: 'cargamos',
  name: 'Cargamos',
  module: CargamosModule,
  provider: CargamosProvider,
  enabledBy: 'CARGAMOS_BASE_URL',
  env: [
    { name: 'CARGAMOS_BASE_URL', type: 'url', required: true, description: "Cargamos' `{host}` (not in the docs; the sandbox's URL in development)" },
    { name: 'CARGAMOS_USERNAME', type: 'secret', required: true, description: "the user's e-mail (HTTP Basic on `/v1/login`)" },
    { name: 'CARGAMOS_PASSWORD', type: 'secret', required: true, description: "the user's password (HTTP Basic on `/v1/login`)" },
    { name: 'CARGAMOS_KEY', type: 'secret', required: true, description: "the shipper's `key` (`/v1/login?key=`), shared by its users" },
    {
      name: 'CARGAMOS_WEBHOOK_TOKEN',
      type: 'secrets',
      description: 'the URL token(s) of `/webhooks/cargamos/{connection}?token=…`, comma-separated; any one verifies',
    },
    {
      name: 'CARGAMOS_POLL_INTERVAL_SECONDS',
      type: 'int',
      min: 30,
      max: 86_400,
      default: 300,
      description: 'how often the tracking endpoint is polled for non-final shipments (the safety net under the webhooks)',
    },
  ],
  defaultConnection: (env) => ({
    baseUrl: env.CARGAMOS_BASE_URL as string,
    credentials: { username: env.CARGAMOS_USERNAME as string, password: env.CARGAMOS_PASSWORD as string, key: env.CARGAMOS_KEY as string },
    webhookSecrets: (env.CARGAMOS_WEBHOOK_TOKEN as string[] | undefined) ?? [],
    settings: { pollIntervalSeconds: (env.CARGAMOS_POLL_INTERVAL_SECONDS as number | undefined) ?? 300 },
  }),
  secretHeaders: ['authorization'],
  secretQueryParams: [CARGAMOS_TOKEN_PARAM, 'key'],
};
