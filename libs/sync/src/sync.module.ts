import { type DynamicModule, Module } from '@nestjs/common';
import { CheckpointRepository } from './checkpoint.repository.js';
import { SyncConnectionJob } from './sync-connection.job.js';
import { SyncDueCron } from './sync-due.cron.js';
import { SyncRunService } from './sync-run.service.js';
import { SyncService } from './sync.service.js';
import { SYNC_OPTIONS, type SyncOptions } from './sync.constants.js';

@Module({})
export class SyncModule {
  static forRoot(opts: SyncOptions): DynamicModule {
    return {
      module: SyncModule,
      global: true,
      providers: [{ provide: SYNC_OPTIONS, useValue: opts }, CheckpointRepository, SyncRunService, SyncService, ...(opts.worker ? [SyncDueCron, SyncConnectionJob] : [])],
      exports: [SyncService, SyncRunService, CheckpointRepository],
    };
  }
}
