import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { STORE_ENTITIES } from '../entities/index.js';
import { STORE_MIGRATIONS } from '../migrations/index.js';

export interface DatabaseConfig {
  /** PostgreSQL URL; absent: embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  /** Directory of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir: string;
}

export interface DatabaseHandle {
  engine: 'postgres' | 'pglite';
  options: DataSourceOptions;
  /** Closes what the DataSource does not own (the PGlite instance, which otherwise keeps the process alive). */
  close(): Promise<void>;
}

// Both engines share one option set: never `synchronize`, migrations run by `migrate` at start; uuids are made by
// the app, so no extension is installed (PGlite has none to install).
const common = {
  type: 'postgres' as const,
  entities: STORE_ENTITIES,
  migrations: STORE_MIGRATIONS,
  migrationsRun: false,
  migrationsTransactionMode: 'each' as const,
  synchronize: false,
  uuidExtension: 'pgcrypto' as const,
  installExtensions: false,
  logging: false,
};

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return {
      engine: 'postgres',
      options: { ...common, url: config.databaseUrl, poolSize: 10 },
      close: async () => undefined,
    };
  }
  const dataDir = config.dataDir.startsWith('memory://') ? config.dataDir : resolve(config.dataDir, 'pglite');
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  // PGlite's own node-postgres adapter (not typeorm-pglite, which lost concurrent writes when measured here):
  // one connection, so TypeORM's pool must be 1 and transactions queue behind each other.
  return {
    engine: 'pglite',
    options: { ...common, poolSize: 1, extra: createPgConfig(pglite) },
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Any constant: the advisory lock id under which one process at a time runs migrations. */
const MIGRATION_LOCK_ID = 7_240_531;

/**
 * Runs pending migrations. On PostgreSQL several processes may start at once (api and worker processes on a new
 * database), so they queue behind a session advisory lock and the later ones find nothing left to do. PGlite belongs
 * to one process and has a single connection, which the lock would hold away from the migrations themselves.
 */
export async function migrate(dataSource: DataSource, engine: DatabaseHandle['engine']): Promise<void> {
  if (engine === 'pglite') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lock.release();
  }
}
