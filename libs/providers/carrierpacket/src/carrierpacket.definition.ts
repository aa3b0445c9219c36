import type { ProviderDefinition } from '@waybill/provider-kit';
import { CarrierpacketModule } from './carrierpacket.module.js';
import { CarrierpacketProvider } from './carrierpacket.provider.js';
import { CARRIERPACKET_HEADERS } from './carrierpacket.webhooks.js';

/** Everything the hub needs to run CarrierPacket (one registry line). See README.md. */
export const carrierpacketDefinition: ProviderDefinition = {
  code: 'carrierpacket',
  name: 'CarrierPacket',
  module: CarrierpacketModule,
  provider: CarrierpacketProvider,
  enabledBy: 'CARRIERPACKET_BASE_URL',
  env: [
    { name: 'CARRIERPACKET_BASE_URL', type: 'url', required: true, description: 'CarrierPacket REST base, `https://carrierpacket.link/api/v1`' },
    { name: 'CARRIERPACKET_API_KEY', type: 'secret', required: true, description: 'API key `cpl_…` (sent as `Authorization: Bearer`)' },
    {
      name: 'CARRIERPACKET_WEBHOOK_SECRET',
      type: 'secrets',
      description: 'the secrets of up to five webhook endpoints, comma-separated; a delivery verifies when any one matches',
    },
    {
      name: 'CARRIERPACKET_POLL_INTERVAL_SECONDS',
      type: 'int',
      min: 30,
      max: 86_400,
      default: 900,
      description: 'how often a full scan is started (every scan reads every submission and document)',
    },
    {
      name: 'CARRIERPACKET_TIMEZONE',
      type: 'timezone',
      default: 'UTC',
      description: "the broker's IANA time zone: CarrierPacket's datetimes are wall-clock times in it",
    },
    {
      name: 'CARRIERPACKET_FILE_STREAMING',
      type: 'boolean',
      default: false,
      description: 'serve document bytes from `GET /documents/{id}/file` (announced by CarrierPacket, not shipped yet)',
    },
  ],
  defaultConnection: (env) => ({
    baseUrl: env.CARRIERPACKET_BASE_URL as string,
    credentials: { apiKey: env.CARRIERPACKET_API_KEY as string },
    webhookSecrets: (env.CARRIERPACKET_WEBHOOK_SECRET as string[] | undefined) ?? [],
    settings: {
      pollIntervalSeconds: (env.CARRIERPACKET_POLL_INTERVAL_SECONDS as number | undefined) ?? 900,
      timezone: (env.CARRIERPACKET_TIMEZONE as string | undefined) ?? 'UTC',
      fileStreaming: (env.CARRIERPACKET_FILE_STREAMING as boolean | undefined) ?? false,
    },
  }),
  secretHeaders: [CARRIERPACKET_HEADERS.signature],
};
