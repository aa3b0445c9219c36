import { Injectable } from '@nestjs/common';
import { InboxRepository, type InboxRow } from '@waybill/store';
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

  async replay(id: string): Promise<InboxRow | null> {
    if (!(await this.inbox.requeue(id))) return null;
    try {
      await this.processor.process(id);
    } catch {
      // A transient failure leaves the message `received` with its error: the queue and sweeper take it from there.
    }
    return this.inbox.get(id);
  }
}
