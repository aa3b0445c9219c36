import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { JOB_QUEUE, type JobQueue } from '@waybill/queue';
import { InboxRepository } from '@waybill/store';
import { INBOX_QUEUE, INBOX_SWEEP_AFTER_MS, inboxJobId } from './ingest.constants.js';
import { WebhookReceiverService } from './webhook-receiver.service.js';

/**
 * The database is the source of truth: a delivery stored but not processed (its job lost with a crashed process or
 * a flushed Redis) is enqueued again. The job id makes this harmless when the job is in fact still there.
 */
@Injectable()
export class InboxSweeperCron {
  private readonly logger = new Logger(InboxSweeperCron.name);
  private sweeping = false;

  constructor(
    private readonly inbox: InboxRepository,
    private readonly receiver: WebhookReceiverService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  @Interval('inbox-sweep', 15_000)
  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    let requeued = 0;
    try {
      for (const row of await this.inbox.stale(INBOX_SWEEP_AFTER_MS, 500)) {
        if (await this.queue.has(INBOX_QUEUE, inboxJobId(row.id))) continue;
        await this.receiver.enqueue(row.id);
        requeued++;
      }
      if (requeued) this.logger.warn(`re-enqueued ${requeued} inbox message(s) whose job was lost`);
    } catch (e) {
      this.logger.warn(`inbox sweep failed: ${(e as Error).message}`);
    } finally {
      this.sweeping = false;
    }
    return requeued;
  }
}
