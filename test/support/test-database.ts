import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig } from '@waybill/store';

/**
 * A fresh, empty database per test suite on the engine the run is for: PostgreSQL when DATABASE_URL is set
 * (CI runs the suite once that way), else embedded PGlite in memory.
 */
export interface TestDatabase {
  engine: 'postgres' | 'pglite';
  config: DatabaseConfig;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    return { engine: 'pglite', config: { dataDir: 'memory://' }, drop: async () => undefined };
  }
  const name = `waybill_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    engine: 'postgres',
    config: { databaseUrl: url.toString(), dataDir: 'memory://' },
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
