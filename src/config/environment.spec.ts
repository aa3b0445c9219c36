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
    expect(config.trailflow).toEqual({ baseUrl: 'https://api.trailflow.ai', apiKey: 'k', webhookSecret: 'tfwhsec_x', pollIntervalSeconds: 60 });
  });
});
