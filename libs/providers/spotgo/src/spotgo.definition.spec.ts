import { spotgoDefinition } from './spotgo.definition.js';
import { SpotgoModule } from './spotgo.module.js';
import { SpotgoProvider } from './spotgo.provider.js';

describe('spotgoDefinition', () => {
  it('names the provider, its module, the variable that enables it and the headers to redact', () => {
    expect(spotgoDefinition).toMatchObject({
      code: 'spotgo',
      name: 'SpotGo',
      module: SpotgoModule,
      provider: SpotgoProvider,
      enabledBy: 'SPOTGO_BASE_URL',
      secretHeaders: ['x-api-key', 'x-waybill-webhook-secret'],
    });
  });

  it('declares its variables with types, bounds and defaults', () => {
    expect(spotgoDefinition.env.map(({ description: _d, ...rest }) => rest)).toStrictEqual([
      { name: 'SPOTGO_BASE_URL', type: 'url', required: true },
      { name: 'SPOTGO_API_KEY', type: 'secret', required: true },
      { name: 'SPOTGO_WEBHOOK_SECRET', type: 'secrets' },
      { name: 'SPOTGO_POLL_INTERVAL_SECONDS', type: 'int', min: 30, max: 86_400, default: 120 },
    ]);
  });

  it('builds the default connection from validated variables, with defaults for the optional ones', () => {
    expect(
      spotgoDefinition.defaultConnection({
        SPOTGO_BASE_URL: 'https://api-test.spotgo.eu',
        SPOTGO_API_KEY: 'sg_live_1',
        SPOTGO_WEBHOOK_SECRET: ['new', 'old'],
        SPOTGO_POLL_INTERVAL_SECONDS: 60,
      }),
    ).toStrictEqual({
      baseUrl: 'https://api-test.spotgo.eu',
      credentials: { apiKey: 'sg_live_1' },
      webhookSecrets: ['new', 'old'],
      settings: { pollIntervalSeconds: 60 },
    });
    expect(spotgoDefinition.defaultConnection({ SPOTGO_BASE_URL: 'https://api-test.spotgo.eu', SPOTGO_API_KEY: 'k' })).toStrictEqual({
      baseUrl: 'https://api-test.spotgo.eu',
      credentials: { apiKey: 'k' },
      webhookSecrets: [],
      settings: { pollIntervalSeconds: 120 },
    });
  });
});
