import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ConnectionRegistry, ProviderRegistry } from '@waybill/provider-kit';
import { JOB_QUEUE, type JobQueue } from '@waybill/queue';
import { CheckpointRepository, type SyncStatusRow } from './checkpoint.repository.js';
import { SYNC_CONNECTION_JOB, SYNC_QUEUE, syncJobId, type SyncJobData } from './sync.constants.js';

export interface ConnectionSyncStatus {
  provider: string;
  connection: string;
  intervalSeconds: number;
  running: boolean;
  leaseOwner: string | null;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  nextRunAt: string | null;
  checkpoint: Record<string, unknown> | null;
  /** Seconds since the last successful run finished (null before the first). */
  lagSeconds: number | null;
  lastRun: { seen: number; changed: number; failed: number };
  totals: { seen: number; changed: number; failed: number };
  lastError: { message: string; at: string | null } | null;
  /** Full resyncs started because the provider refused the stored checkpoint (`cursor_invalid`). */
  resyncs: { count: number; lastAt: string | null };
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** What the API asks of sync: start a run, report the state. Enqueues only; the worker does the work. */
@Injectable()
export class SyncService implements OnApplicationBootstrap {
  constructor(
    private readonly checkpoints: CheckpointRepository,
    private readonly connections: ConnectionRegistry,
    private readonly providers: ProviderRegistry,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  /** Every pollable connection gets its state row at start (idempotent), so it is reported before its first run. */
  async onApplicationBootstrap(): Promise<void> {
    for (const conn of this.connections.list()) {
      if (!this.providers.find(conn.provider)?.capabilities.poll) continue;
      await this.checkpoints.ensure(conn.provider, conn.id, Number(conn.settings.pollIntervalSeconds ?? 60));
    }
  }

  /** Enqueues a run of each connection of `provider` (or one of them); null when there is no such connection. */
  async trigger(provider: string, connectionId?: string): Promise<string[] | null> {
    const targets = connectionId
      ? [this.connections.find(provider, connectionId)].filter((c) => c !== undefined)
      : this.connections.list().filter((c) => c.provider === provider);
    if (!targets.length || !this.providers.find(provider)?.capabilities.poll) return null;
    for (const conn of targets) await this.enqueue(conn.provider, conn.id);
    return targets.map((c) => c.id);
  }

  async enqueue(provider: string, connectionId: string): Promise<void> {
    const data: SyncJobData = { provider, connectionId };
    await this.queue.add(SYNC_QUEUE, SYNC_CONNECTION_JOB, data, { jobId: syncJobId(provider, connectionId), attempts: 3, backoffMs: 2000 });
  }

  async status(): Promise<ConnectionSyncStatus[]> {
    const now = Date.now();
    return (await this.checkpoints.list()).map((r: SyncStatusRow) => ({
      provider: r.provider,
      connection: r.connection_id,
      intervalSeconds: r.interval_seconds,
      running: Boolean(r.lease_owner && r.lease_expires_at && new Date(r.lease_expires_at).getTime() > now),
      leaseOwner: r.lease_owner,
      lastRunAt: iso(r.last_run_at),
      lastSuccessAt: iso(r.last_success_at),
      nextRunAt: iso(r.next_run_at),
      checkpoint: r.checkpoint,
      lagSeconds: r.last_success_at ? Math.round((now - new Date(r.last_success_at).getTime()) / 1000) : null,
      lastRun: { seen: r.run_seen, changed: r.run_changed, failed: r.run_failed },
      totals: { seen: Number(r.total_seen), changed: Number(r.total_changed), failed: Number(r.total_failed) },
      lastError: r.last_error ? { message: r.last_error, at: iso(r.last_error_at) } : null,
      resyncs: { count: r.resyncs, lastAt: iso(r.last_resync_at) },
    }));
  }
}
