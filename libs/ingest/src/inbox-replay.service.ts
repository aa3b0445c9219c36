import { Injectable } from '@nestjs/common';
import { InboxRepository, type InboxSummary } from '@waybill/store';
import { InboxProcessorService } from './inbox-processor.service.js';

/**
 * Replays one stored message (typically a dead letter, after a mapper fix) through the normal processing path, now,
 * so the operator sees the result in the answer.
 */
@Injectable()
export class InboxReplayService {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly processor: InboxProcessorService,
  ) {}

  /** The message's state after the attempt (metadata, no body); null when it does not exist. A test delivery is left as it is. */
  async replay(id: string): Promise<InboxSummary | null> {
    if (!(await this.inbox.requeue(id))) return this.inbox.summary(id);
    try {
      await this.processor.process(id);
    } catch {
      // A transient failure leaves the message `received` with its error: the queue and sweeper take it from there.
    }
    return this.inbox.summary(id);
  }
}
