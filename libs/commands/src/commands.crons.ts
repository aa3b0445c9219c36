import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DispatchService } from './dispatch.service.js';
import { IdempotencyService } from './idempotency.service.js';

/**
 * The commands' two crons. Both fire only where ScheduleModule is imported (the worker role, and `all`). Each run is
 * a few set-based statements plus, for the sweeper, one provider call per stale dispatch claimed by an atomic UPDATE
 * (several workers never resume one dispatch twice), so they run in place rather than through a queue.
 */
@Injectable()
export class DispatchSweeperCron {
  private readonly logger = new Logger(DispatchSweeperCron.name);
  private running = false;

  constructor(private readonly dispatches: DispatchService) {}

  @Interval('dispatch-sweeper', 30_000)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const { resumed, completed } = await this.dispatches.sweep();
      if (resumed) this.logger.log(`dispatch sweeper resumed ${resumed} pending dispatch(es), ${completed} completed`);
    } catch (e) {
      this.logger.warn(`dispatch sweep failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}

@Injectable()
export class IdempotencyCleanupCron {
  private readonly logger = new Logger(IdempotencyCleanupCron.name);

  constructor(private readonly idempotency: IdempotencyService) {}

  @Interval('idempotency-cleanup', 60 * 60_000)
  async tick(): Promise<void> {
    try {
      const deleted = await this.idempotency.cleanup();
      if (deleted) this.logger.log(`deleted ${deleted} idempotency key(s) older than 24 h`);
    } catch (e) {
      this.logger.warn(`idempotency cleanup failed: ${(e as Error).message}`);
    }
  }
}
