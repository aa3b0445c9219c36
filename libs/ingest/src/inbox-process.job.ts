import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JOB_QUEUE, type JobQueue } from '@waybill/queue';
import { INBOX_QUEUE, type InboxJobData } from './ingest.constants.js';
import { InboxProcessorService } from './inbox-processor.service.js';

/** Consumes inbox jobs (worker roles only). */
@Injectable()
export class InboxProcessJob implements OnApplicationBootstrap {
  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly processor: InboxProcessorService,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.process<InboxJobData>(INBOX_QUEUE, async (data) => {
      await this.processor.process(data.inboxId);
    }, { concurrency: 4 });
  }
}
