import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type DatabaseConfig, migrate, openDatabase } from './database/database-options.js';
import { ComplianceExpiryCron } from './compliance/compliance-expiry.cron.js';
import { ComplianceExpiryJob } from './compliance/compliance-expiry.job.js';
import { ExpiryCalendar } from './compliance/expiry-calendar.js';
import { MergeService } from './merge/merge.service.js';
import { CarrierQueryRepository } from './repositories/carrier-query.repository.js';
import { DocumentQueryRepository } from './repositories/document-query.repository.js';
import { ApiKeyRepository } from './repositories/api-key.repository.js';
import { InboxRepository } from './repositories/inbox.repository.js';
import { ShipmentQueryRepository } from './repositories/shipment-query.repository.js';

export const STORE_REPOSITORIES = [
  MergeService,
  ShipmentQueryRepository,
  CarrierQueryRepository,
  DocumentQueryRepository,
  ApiKeyRepository,
  InboxRepository,
  ExpiryCalendar,
  ComplianceExpiryJob,
];

@Module({})
export class StoreModule {
  /** `config` may be a factory so the app can read it from the validated environment. */
  static forRoot(config: DatabaseConfig | (() => DatabaseConfig)): DynamicModule {
    const read = typeof config === 'function' ? config : () => config;
    return {
      module: StoreModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({}),
          dataSourceFactory: async () => {
            const handle = await openDatabase(read());
            const dataSource = new DataSource(handle.options);
            // The embedded engine must close after TypeORM's pool, or the process never exits.
            const destroy = dataSource.destroy.bind(dataSource);
            dataSource.destroy = async () => {
              try {
                if (dataSource.isInitialized) await destroy();
              } finally {
                await handle.close();
              }
            };
            try {
              await dataSource.initialize();
              await migrate(dataSource, handle.engine);
              return dataSource;
            } catch (e) {
              await dataSource.destroy().catch(() => undefined);
              await handle.close();
              throw e;
            }
          },
        }),
      ],
      // The expiry cron's @Interval fires only where ScheduleModule is imported: the worker role (and `all`).
      providers: [...STORE_REPOSITORIES, ComplianceExpiryCron],
      exports: STORE_REPOSITORIES,
    };
  }
}
