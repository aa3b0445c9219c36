import { type DynamicModule, Module } from '@nestjs/common';
import { CheckpointRepository } from './checkpoint.repository.js';
import { SyncConnectionJob } from './sync-connection.job.js';
import { SyncDueCron } from './sync-due.cron.js';
import { SyncRunService } from './sync-run.service.js';
import { SyncService } from './sync.service.js';

@Module({})
export class SyncModule {
  /** `worker`: also run the due-cron and consume sync jobs (roles worker and all). */
  static forRoot(opts: { worker: boolean }): DynamicModule {
    return {
      module: SyncModule,
      global: true,
      providers: [CheckpointRepository, SyncRunService, SyncService, ...(opts.worker ? [SyncDueCron, SyncConnectionJob] : [])],
      exports: [SyncService, SyncRunService, CheckpointRepository],
    };
  }
}
