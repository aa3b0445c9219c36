import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Checkpoint } from '@waybill/provider-kit';
import { returnedRows } from '@waybill/store';
import type { DataSource, EntityManager } from 'typeorm';

export interface PageStats {
  seen: number;
  changed: number;
  failed: number;
}

export interface SyncStatusRow {
  connection_id: string;
  provider: string;
  checkpoint: Checkpoint | null;
  interval_seconds: number;
  next_run_at: Date | null;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  run_started_at: Date | null;
  last_run_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  run_seen: number;
  run_changed: number;
  run_failed: number;
  total_seen: string;
  total_changed: string;
  total_failed: string;
  run_open: boolean;
  resyncs: number;
  last_resync_at: Date | null;
}

/**
 * The sync state of each connection, and the lease that keeps two workers from polling one connection at once.
 * The checkpoint only moves inside the merge transaction of the page it covers (`saveInTransaction`).
 */
@Injectable()
export class CheckpointRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ensure(provider: string, connectionId: string, intervalSeconds: number): Promise<void> {
    await this.db.query(
      `INSERT INTO sync_checkpoints (connection_id, provider, interval_seconds, next_run_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (connection_id) DO UPDATE SET interval_seconds = EXCLUDED.interval_seconds`,
      [connectionId, provider, intervalSeconds],
    );
  }

  /** Takes the lease when it is free, expired or already ours. Atomic: one UPDATE decides. */
  async acquireLease(connectionId: string, owner: string, ttlMs: number): Promise<boolean> {
    const rows = returnedRows(await this.db.query(
      `UPDATE sync_checkpoints SET lease_owner = $2, lease_expires_at = now() + ($3 || ' milliseconds')::interval
       WHERE connection_id = $1 AND (lease_owner IS NULL OR lease_expires_at < now() OR lease_owner = $2)
       RETURNING connection_id`,
      [connectionId, owner, String(ttlMs)],
    ));
    return rows.length > 0;
  }

  async releaseLease(connectionId: string, owner: string): Promise<void> {
    await this.db.query(
      `UPDATE sync_checkpoints SET lease_owner = NULL, lease_expires_at = NULL WHERE connection_id = $1 AND lease_owner = $2`,
      [connectionId, owner],
    );
  }

  async read(connectionId: string): Promise<SyncStatusRow | null> {
    const [row] = (await this.db.query('SELECT * FROM sync_checkpoints WHERE connection_id = $1', [connectionId])) as SyncStatusRow[];
    return row ?? null;
  }

  async list(): Promise<SyncStatusRow[]> {
    return (await this.db.query('SELECT * FROM sync_checkpoints ORDER BY provider, connection_id')) as SyncStatusRow[];
  }

  /**
   * Opens a run while this worker holds the lease. A run that was open already (its worker died or failed mid-run)
   * is resumed: its counters are kept so the figures cover the whole run. Returns null when the lease is not ours.
   */
  async startRun(connectionId: string, owner: string): Promise<{ resumed: boolean; checkpoint: Checkpoint | null } | null> {
    const rows = returnedRows(await this.db.query(
      `WITH prev AS (SELECT run_open FROM sync_checkpoints WHERE connection_id = $1 AND lease_owner = $2 FOR UPDATE)
       UPDATE sync_checkpoints SET run_started_at = now(), last_run_at = now(), run_open = true,
         run_seen = CASE WHEN run_open THEN run_seen ELSE 0 END,
         run_changed = CASE WHEN run_open THEN run_changed ELSE 0 END,
         run_failed = CASE WHEN run_open THEN run_failed ELSE 0 END
       WHERE connection_id = $1 AND lease_owner = $2
       RETURNING checkpoint, (SELECT run_open FROM prev) AS resumed`,
      [connectionId, owner],
    )) as { checkpoint: Checkpoint | null; resumed: boolean }[];
    return rows.length ? { resumed: Boolean(rows[0].resumed), checkpoint: rows[0].checkpoint } : null;
  }

  /**
   * Extends the lease while this worker still holds it (a slow page must not outlive it); false when another worker
   * took it over. An expired lease nobody took is still ours: `acquireLease` replaces the owner when it takes over.
   */
  async renewLease(connectionId: string, owner: string, ttlMs: number): Promise<boolean> {
    const rows = returnedRows(await this.db.query(
      `UPDATE sync_checkpoints SET lease_expires_at = now() + ($3 || ' milliseconds')::interval
       WHERE connection_id = $1 AND lease_owner = $2 RETURNING connection_id`,
      [connectionId, owner, String(ttlMs)],
    ));
    return rows.length > 0;
  }

  /**
   * The provider refused the stored checkpoint: start over from nothing (a full resync), counted. Only the lease
   * holder may do it.
   */
  async resetCheckpoint(connectionId: string, owner: string): Promise<void> {
    const rows = returnedRows(await this.db.query(
      `UPDATE sync_checkpoints SET checkpoint = NULL, resyncs = resyncs + 1, last_resync_at = now()
       WHERE connection_id = $1 AND lease_owner = $2 RETURNING connection_id`,
      [connectionId, owner],
    ));
    if (rows.length === 0) throw new LeaseLostError(connectionId);
  }

  /**
   * Saves the page's checkpoint and figures inside the page's merge transaction, but only while this worker still
   * holds the lease: a worker whose lease expired (it stalled) must not move the checkpoint under its successor.
   */
  async saveInTransaction(tx: EntityManager, connectionId: string, owner: string, checkpoint: Checkpoint, stats: PageStats, ttlMs: number) {
    const rows = returnedRows(await tx.query(
      `UPDATE sync_checkpoints SET checkpoint = $3,
         run_seen = run_seen + $4, run_changed = run_changed + $5, run_failed = run_failed + $6,
         total_seen = total_seen + $4, total_changed = total_changed + $5, total_failed = total_failed + $6,
         lease_expires_at = now() + ($7 || ' milliseconds')::interval
       WHERE connection_id = $1 AND lease_owner = $2 RETURNING connection_id`,
      [connectionId, owner, JSON.stringify(checkpoint), stats.seen, stats.changed, stats.failed, String(ttlMs)],
    ));
    if (rows.length === 0) throw new LeaseLostError(connectionId);
  }

  /**
   * Closes the run (success) or records its error, and schedules the next one. Only the lease holder may: a worker
   * that lost its lease must not overwrite its successor's state (throws LeaseLostError).
   */
  async finishRun(connectionId: string, owner: string, ok: boolean, error: string | null, nextRunInSeconds: number): Promise<void> {
    const rows = returnedRows(await this.db.query(
      `UPDATE sync_checkpoints SET
         next_run_at = now() + ($5 || ' seconds')::interval,
         run_open = CASE WHEN $3 THEN false ELSE run_open END,
         last_success_at = CASE WHEN $3 THEN now() ELSE last_success_at END,
         last_error = CASE WHEN $3 THEN last_error ELSE $4 END,
         last_error_at = CASE WHEN $3 THEN last_error_at ELSE now() END
       WHERE connection_id = $1 AND lease_owner = $2 RETURNING connection_id`,
      [connectionId, owner, ok, error, String(nextRunInSeconds)],
    ));
    if (rows.length === 0) throw new LeaseLostError(connectionId);
  }

  /** Connections whose next run is due and that nobody is running. */
  async due(): Promise<{ provider: string; connection_id: string }[]> {
    return (await this.db.query(
      `SELECT provider, connection_id FROM sync_checkpoints
       WHERE next_run_at <= now() AND (lease_owner IS NULL OR lease_expires_at < now())`,
    )) as { provider: string; connection_id: string }[];
  }

  async markDueNow(connectionId: string): Promise<void> {
    await this.db.query('UPDATE sync_checkpoints SET next_run_at = now() WHERE connection_id = $1', [connectionId]);
  }
}

export class LeaseLostError extends Error {
  constructor(connectionId: string) {
    super(`sync lease on ${connectionId} was lost (another worker took over); nothing was written`);
    this.name = 'LeaseLostError';
  }
}
