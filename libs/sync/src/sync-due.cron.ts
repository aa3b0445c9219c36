import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { CheckpointRepository } from './checkpoint.repository.js';
import { SyncService } from './sync.service.js';

/**
 * The cron only enqueues: every few seconds it finds the connections whose next run is due and adds one job each
 * (the job id collapses duplicates). It is also the sweeper for sync: a lost job leaves its connection due, so the
 * next tick enqueues it again.
 */
@Injectable()
export class SyncDueCron {
  private readonly logger = new Logger(SyncDueCron.name);
  private ticking = false;

  constructor(
    private readonly checkpoints: CheckpointRepository,
    private readonly sync: SyncService,
  ) {}

  @Interval('sync-due', 5000)
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      for (const due of await this.checkpoints.due()) await this.sync.enqueue(due.provider, due.connection_id);
    } catch (e) {
      this.logger.warn(`could not enqueue due syncs: ${(e as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }
}
