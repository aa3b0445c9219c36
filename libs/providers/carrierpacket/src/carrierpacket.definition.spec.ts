import { carrierpacketDefinition } from './carrierpacket.definition.js';
import { CarrierpacketModule } from './carrierpacket.module.js';
import { CarrierpacketProvider } from './carrierpacket.provider.js';

describe('carrierpacketDefinition', () => {
  it('names the provider, its module and the variable that enables it', () => {
    expect(carrierpacketDefinition).toMatchObject({
      code: 'carrierpacket',
      name: 'CarrierPacket',
      module: CarrierpacketModule,
      provider: CarrierpacketProvider,
      enabledBy: 'CARRIERPACKET_BASE_URL',
      secretHeaders: ['x-carrierpacket-signature'],
    });
  });

  it('declares its variables with types, bounds and defaults', () => {
    expect(carrierpacketDefinition.env.map(({ description: _d, ...rest }) => rest)).toStrictEqual([
      { name: 'CARRIERPACKET_BASE_URL', type: 'url', required: true },
      { name: 'CARRIERPACKET_API_KEY', type: 'secret', required: true },
      { name: 'CARRIERPACKET_WEBHOOK_SECRET', type: 'secrets' },
      { name: 'CARRIERPACKET_POLL_INTERVAL_SECONDS', type: 'int', min: 30, max: 86_400, default: 900 },
      { name: 'CARRIERPACKET_TIMEZONE', type: 'timezone', default: 'UTC' },
      { name: 'CARRIERPACKET_FILE_STREAMING', type: 'boolean', default: false },
    ]);
  });

  it('builds the default connection from validated variables', () => {
    expect(
      carrierpacketDefinition.defaultConnection({
        CARRIERPACKET_BASE_URL: 'https://carrierpacket.link/api/v1',
        CARRIERPACKET_API_KEY: 'cpl_a1b2c3_x9z7y',
        CARRIERPACKET_WEBHOOK_SECRET: ['one', 'two'],
        CARRIERPACKET_POLL_INTERVAL_SECONDS: 600,
        CARRIERPACKET_TIMEZONE: 'America/Chicago',
        CARRIERPACKET_FILE_STREAMING: true,
      }),
    ).toStrictEqual({
      baseUrl: 'https://carrierpacket.link/api/v1',
      credentials: { apiKey: 'cpl_a1b2c3_x9z7y' },
      webhookSecrets: ['one', 'two'],
      settings: { pollIntervalSeconds: 600, timezone: 'America/Chicago', fileStreaming: true },
    });
  });

  it('falls back to the defaults when optional variables are absent', () => {
    expect(
      carrierpacketDefinition.defaultConnection({ CARRIERPACKET_BASE_URL: 'https://carrierpacket.link/api/v1', CARRIERPACKET_API_KEY: 'k' }),
    ).toStrictEqual({
      baseUrl: 'https://carrierpacket.link/api/v1',
      credentials: { apiKey: 'k' },
      webhookSecrets: [],
      settings: { pollIntervalSeconds: 900, timezone: 'UTC', fileStreaming: false },
    });
  });
});
