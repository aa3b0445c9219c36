import { cargamosDefinition } from './cargamos.definition.js';
import { CargamosModule } from './cargamos.module.js';
import { CargamosProvider } from './cargamos.provider.js';

describe('cargamosDefinition', () => {
  it('names the provider, its module, the variable that enables it and what to redact', () => {
    expect(cargamosDefinition).toMatchObject({
      code: 'cargamos',
      name: 'Cargamos',
      module: CargamosModule,
      provider: CargamosProvider,
      enabledBy: 'CARGAMOS_BASE_URL',
      secretHeaders: ['authorization'],
      secretQueryParams: ['token', 'key'],
    });
  });

  it('declares its variables with types, bounds and defaults', () => {
    expect(cargamosDefinition.env.map(({ description: _d, ...rest }) => rest)).toStrictEqual([
      { name: 'CARGAMOS_BASE_URL', type: 'url', required: true },
      { name: 'CARGAMOS_USERNAME', type: 'secret', required: true },
      { name: 'CARGAMOS_PASSWORD', type: 'secret', required: true },
      { name: 'CARGAMOS_KEY', type: 'secret', required: true },
      { name: 'CARGAMOS_WEBHOOK_TOKEN', type: 'secrets' },
      { name: 'CARGAMOS_POLL_INTERVAL_SECONDS', type: 'int', min: 30, max: 86_400, default: 300 },
    ]);
  });

  it('builds the default connection from validated variables', () => {
    const base = { CARGAMOS_BASE_URL: 'http://127.0.0.1:4010', CARGAMOS_USERNAME: 'john.doe@gmail.com', CARGAMOS_PASSWORD: 'shipper', CARGAMOS_KEY: 'k' };
    expect(cargamosDefinition.defaultConnection({ ...base, CARGAMOS_WEBHOOK_TOKEN: ['t1', 't2'], CARGAMOS_POLL_INTERVAL_SECONDS: 60 })).toStrictEqual({
      baseUrl: 'http://127.0.0.1:4010',
      credentials: { username: 'john.doe@gmail.com', password: 'shipper', key: 'k' },
      webhookSecrets: ['t1', 't2'],
      settings: { pollIntervalSeconds: 60 },
    });
    expect(cargamosDefinition.defaultConnection(base)).toMatchObject({ webhookSecrets: [], settings: { pollIntervalSeconds: 300 } });
  });
});
