import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type BenchEngine = 'pglite' | 'postgres';

/** Where one hub of the bench keeps its data: the AppConfig fields, and how to throw it away afterwards. */
export interface BenchDatabase {
  engine: BenchEngine;
  databaseUrl?: string;
  dataDir: string;
  drop(): Promise<void>;
}

export const benchEngine = (): BenchEngine => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

/**
 * A fresh, empty database per hub, so each figure starts from the same state: embedded PGlite in memory by default,
 * or a new database on the server of DATABASE_URL (created here, dropped by `drop`).
 */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return { engine: 'pglite', dataDir: 'memory://', drop: async () => undefined };
  const name = `waybill_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    engine: 'postgres',
    databaseUrl: url.toString(),
    dataDir: 'memory://',
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
