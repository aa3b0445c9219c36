import { ApiKeyRepository, migrate, openDatabase, ShipmentMergeService, ShipmentQueryRepository } from '@waybill/store';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestStore {
  db: TestDatabase;
  dataSource: DataSource;
  merge: ShipmentMergeService;
  shipments: ShipmentQueryRepository;
  apiKeys: ApiKeyRepository;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

/** A migrated store on a fresh database of the run's engine, without Nest. */
export async function openTestStore(): Promise<TestStore> {
  const db = await createTestDatabase();
  const handle = await openDatabase(db.config);
  const dataSource = await new DataSource(handle.options).initialize();
  await migrate(dataSource, handle.engine);
  return {
    db,
    dataSource,
    merge: new ShipmentMergeService(dataSource),
    shipments: new ShipmentQueryRepository(dataSource),
    apiKeys: new ApiKeyRepository(dataSource),
    count: async (table) => Number((await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n),
    close: async () => {
      await dataSource.destroy();
      await handle.close();
      await db.drop();
    },
  };
}
