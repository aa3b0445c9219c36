import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { migrate, openDatabase } from '@waybill/store';
import { STORE_MIGRATIONS } from '../../../libs/store/src/migrations/index.js';
import { createTestDatabase } from '../../support/test-database.js';
import { openTestStore, type TestStore } from '../../support/test-store.js';

describe(`migrations (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  it('apply from an empty database and create every table', async () => {
    const tables = (await store.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    )) as { table_name: string }[];
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['api_keys', 'changes', 'inbox', 'migrations', 'raw_payloads', 'shipment_sources', 'shipments', 'sync_checkpoints']),
    );
    expect(await store.count('migrations')).toBe(STORE_MIGRATIONS.length);
  });

  it('are not applied twice when the database is opened again', async () => {
    // PGlite in memory cannot be reopened, so that engine is checked on a data directory, as `npm start` uses it.
    const dir = mkdtempSync(join(tmpdir(), 'waybill-mig-'));
    const config = store.db.config.databaseUrl ? store.db.config : { dataDir: dir };
    for (let run = 0; run < 2; run++) {
      const handle = await openDatabase(config);
      const ds = await new DataSource(handle.options).initialize();
      await migrate(ds, handle.engine);
      expect(Number((await ds.query('SELECT count(*)::int AS n FROM migrations'))[0].n)).toBe(STORE_MIGRATIONS.length);
      await ds.destroy();
      await handle.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  // Several processes starting on a new database at once (api + workers). PGlite belongs to one process only.
  (process.env.DATABASE_URL ? it : it.skip)('apply once when several processes start on a new database at the same time', async () => {
    const db = await createTestDatabase();
    try {
      const handles = await Promise.all([0, 1, 2].map(() => openDatabase(db.config)));
      const sources = await Promise.all(handles.map((h) => new DataSource(h.options).initialize()));
      await Promise.all(sources.map((ds, i) => migrate(ds, handles[i]!.engine)));
      expect(Number((await sources[0]!.query('SELECT count(*)::int AS n FROM migrations'))[0].n)).toBe(STORE_MIGRATIONS.length);
      await Promise.all(sources.map((ds) => ds.destroy()));
    } finally {
      await db.drop();
    }
  });
});
