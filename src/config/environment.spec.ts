import { EnvironmentError, validateEnvironment } from './environment.js';
import { loadAppConfig } from './app-config.js';

describe('environment validation', () => {
  it('names the variable whose value is bad', () => {
    expect(() => validateEnvironment({ PORT: 'abc' })).toThrow(/PORT/);
    try {
      validateEnvironment({ PORT: '70000', WAYBILL_ROLE: 'boss', DATABASE_URL: 'mysql://x' });
      throw new Error('expected a failure');
    } catch (e) {
      expect(e).toBeInstanceOf(EnvironmentError);
      expect((e as EnvironmentError).variables.sort()).toEqual(['DATABASE_URL', 'PORT', 'WAYBILL_ROLE']);
    }
  });

  it('does not echo secret values in its message', () => {
    expect(() => validateEnvironment({ WAYBILL_API_KEY: 'short-secret' })).toThrow(/WAYBILL_API_KEY/);
    try {
      validateEnvironment({ WAYBILL_API_KEY: 'short-secret' });
    } catch (e) {
      expect((e as Error).message).not.toContain('short-secret');
    }
  });

  it('applies the documented defaults and starts the sandbox when no provider is configured', () => {
    const config = loadAppConfig({});
    expect(config).toMatchObject({ port: 3000, role: 'all', dataDir: './data', sandbox: true });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });

  it('builds the TrailFlow connection from its variables', () => {
    const config = loadAppConfig({
      TRAILFLOW_BASE_URL: 'https://api.trailflow.ai',
      TRAILFLOW_API_KEY: 'k',
      TRAILFLOW_WEBHOOK_SECRET: 'tfwhsec_x',
      WAYBILL_ROLE: 'worker',
      PORT: '8080',
    });
    expect(config).toMatchObject({ port: 8080, role: 'worker', sandbox: false });
    expect(config.connections).toEqual([
      {
        id: 'trailflow-default',
        provider: 'trailflow',
        baseUrl: 'https://api.trailflow.ai',
        credentials: { apiKey: 'k' },
        webhookSecrets: ['tfwhsec_x'],
        settings: { pollIntervalSeconds: 60 },
      },
    ]);
  });

  it('stops the start when a configured provider misses a credential, naming the variable', () => {
    expect(() => loadAppConfig({ TRAILFLOW_BASE_URL: 'https://api.trailflow.ai' })).toThrow(/TRAILFLOW_API_KEY: is required when TRAILFLOW_BASE_URL is set/);
    try {
      loadAppConfig({ TRAILFLOW_BASE_URL: 'https://api.trailflow.ai', TRAILFLOW_API_KEY: '  ', PORT: 'x' });
      throw new Error('expected a failure');
    } catch (e) {
      expect(e).toBeInstanceOf(EnvironmentError);
      expect((e as EnvironmentError).variables.sort()).toEqual(['PORT', 'TRAILFLOW_API_KEY']);
    }
  });

  it('reads several webhook secrets separated by commas, and refuses a list with none', () => {
    const config = loadAppConfig({ TRAILFLOW_BASE_URL: 'https://api.trailflow.ai/', TRAILFLOW_API_KEY: 'k', TRAILFLOW_WEBHOOK_SECRET: ' s1, s2 ,s3 ' });
    expect(config.connections[0]).toMatchObject({ baseUrl: 'https://api.trailflow.ai', webhookSecrets: ['s1', 's2', 's3'] });
    expect(() => loadAppConfig({ TRAILFLOW_BASE_URL: 'https://x.test', TRAILFLOW_API_KEY: 'k', TRAILFLOW_WEBHOOK_SECRET: ' , ' })).toThrow(/TRAILFLOW_WEBHOOK_SECRET/);
  });

  it("validates a provider's variables by their declared type without echoing the values", () => {
    try {
      loadAppConfig({ TRAILFLOW_BASE_URL: 'ftp://secret-host', TRAILFLOW_API_KEY: 'k', TRAILFLOW_POLL_INTERVAL_SECONDS: '2', SANDBOX_LOADS: 'many' });
      throw new Error('expected a failure');
    } catch (e) {
      expect((e as EnvironmentError).variables.sort()).toEqual(['SANDBOX_LOADS', 'TRAILFLOW_BASE_URL', 'TRAILFLOW_POLL_INTERVAL_SECONDS']);
      expect((e as Error).message).not.toContain('secret-host');
    }
  });
});
