import { type DynamicModule, Module } from '@nestjs/common';
import { InboxProcessJob } from './inbox-process.job.js';
import { InboxProcessorService } from './inbox-processor.service.js';
import { InboxReplayService } from './inbox-replay.service.js';
import { InboxSweeperCron } from './inbox-sweeper.cron.js';
import { WebhookReceiverService } from './webhook-receiver.service.js';

@Module({})
export class IngestModule {
  /** `worker`: also consume inbox jobs and sweep lost ones (roles worker and all). */
  static forRoot(opts: { worker: boolean }): DynamicModule {
    return {
      module: IngestModule,
      global: true,
      providers: [
        WebhookReceiverService,
        InboxProcessorService,
        InboxReplayService,
        ...(opts.worker ? [InboxProcessJob, InboxSweeperCron] : []),
      ],
      exports: [WebhookReceiverService, InboxProcessorService, InboxReplayService],
    };
  }
}
