import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../src/config/app-config.js';
import type { TestDatabase } from './test-database.js';

export const TEST_ADMIN_KEY = 'wb_test_admin_key_0123456789';

/** An AppConfig for an in-process hub on port 0 against the run's engine (and Redis when REDIS_URL is set). */
export function testConfig(db: TestDatabase, overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    role: 'all',
    databaseUrl: db.config.databaseUrl,
    dataDir: db.config.dataDir,
    redisUrl: process.env.REDIS_URL,
    // Each hub in a test run has its own queues, so suites never take each other's jobs.
    queuePrefix: `wbt${randomBytes(4).toString('hex')}`,
    apiKey: TEST_ADMIN_KEY,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    syncLeaseSeconds: 60,
    connections: [],
    sandbox: false,
    sandboxSizes: {},
    sandboxTickSeconds: 0,
    ...overrides,
  };
}
