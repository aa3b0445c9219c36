import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConnectionRegistry, ProviderRegistry } from '@waybill/provider-kit';
import { JOB_QUEUE, type JobContext, type JobQueue } from '@waybill/queue';
import { SyncRunService } from './sync-run.service.js';
import { SYNC_QUEUE, type SyncJobData } from './sync.constants.js';

/** Consumes sync jobs (worker roles only): one job runs the page loop of one connection. */
@Injectable()
export class SyncConnectionJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(SyncConnectionJob.name);

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly runs: SyncRunService,
    private readonly connections: ConnectionRegistry,
    private readonly providers: ProviderRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.process<SyncJobData>(SYNC_QUEUE, (data, ctx) => this.handle(data, ctx), { concurrency: 2 });
  }

  async handle(data: SyncJobData, ctx: JobContext): Promise<void> {
    const conn = this.connections.find(data.provider, data.connectionId);
    if (!conn) {
      this.logger.warn(`sync job for unknown connection ${data.provider}/${data.connectionId} dropped`);
      return;
    }
    const outcome = await this.runs.run(this.providers.get(data.provider), conn);
    if (outcome.status === 'done') {
      this.logger.log(
        `${conn.id}: sync run done (attempt ${ctx.attempt}): ${outcome.pages} page(s), ${outcome.seen} seen, ${outcome.changed} changed, ${outcome.failed} failed`,
      );
    }
  }
}
