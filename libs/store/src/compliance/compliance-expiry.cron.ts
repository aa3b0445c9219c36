import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { type Clock, STORE_CLOCK, systemClock } from './clock.js';
import { ComplianceExpiryJob } from './compliance-expiry.job.js';

/**
 * Runs the expiry job every 15 minutes, so each connection's local midnight is seen within 15 minutes whatever its
 * time zone. The job is a couple of set-based statements and idempotent, so the cron runs it in place rather than
 * through a queue. It fires only where `ScheduleModule` is imported: the worker role (and `all`).
 */
@Injectable()
export class ComplianceExpiryCron {
  private readonly logger = new Logger(ComplianceExpiryCron.name);
  private running = false;

  constructor(
    private readonly job: ComplianceExpiryJob,
    @Optional() @Inject(STORE_CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  @Interval('compliance-expiry', 15 * 60_000)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const { carriers } = await this.job.run(this.clock());
      if (carriers) this.logger.log(`document expiry moved the compliance of ${carriers} carrier(s)`);
    } catch (e) {
      this.logger.warn(`compliance expiry run failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
