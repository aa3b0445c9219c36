import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { returnedRows } from './query-result.js';
import type { DataSource, EntityManager } from 'typeorm';

export const DISPATCH_STATUSES = ['pending', 'completed', 'failed', 'cancelled'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

/** One `dispatches` row: a shipment sent (or being sent) to one provider connection. */
export interface DispatchRecord {
  id: string;
  shipmentId: string;
  provider: string;
  connectionId: string;
  status: DispatchStatus;
  /** Derived from (shipment, provider, connection) only, so every retry of this dispatch sends the same key. */
  idempotencyKey: string;
  options: Record<string, unknown>;
  externalId: string | null;
  shareUrl: string | null;
  trackingId: string | null;
  attempts: number;
  lastError: string | null;
  lastErrorCode: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

interface Row {
  id: string;
  shipment_id: string;
  provider: string;
  connection_id: string;
  status: DispatchStatus;
  idempotency_key: string;
  options: Record<string, unknown>;
  external_id: string | null;
  share_url: string | null;
  tracking_id: string | null;
  attempts: number;
  last_error: string | null;
  last_error_code: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

function toRecord(r: Row): DispatchRecord {
  return {
    id: r.id,
    shipmentId: r.shipment_id,
    provider: r.provider,
    connectionId: r.connection_id,
    status: r.status,
    idempotencyKey: r.idempotency_key,
    options: r.options ?? {},
    externalId: r.external_id,
    shareUrl: r.share_url,
    trackingId: r.tracking_id,
    attempts: r.attempts,
    lastError: r.last_error,
    lastErrorCode: r.last_error_code,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    completedAt: iso(r.completed_at),
  };
}

export interface DispatchCompletion {
  externalId: string;
  shareUrl: string | null;
  trackingId: string | null;
}

@Injectable()
export class DispatchRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Records the dispatch as `pending` before anything is sent (the recovery point). A target dispatched before keeps
   * its row (its externalId, so the provider updates its copy) and is `pending` again until the provider answers.
   */
  async recordPending(shipmentId: string, provider: string, connectionId: string, idempotencyKey: string, options: Record<string, unknown>): Promise<DispatchRecord> {
    const [row] = (await this.db.query(
      `INSERT INTO dispatches (id, shipment_id, provider, connection_id, status, idempotency_key, options, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'pending', $5, $6, now(), now())
       ON CONFLICT (shipment_id, provider, connection_id) DO UPDATE SET
         status = 'pending', options = EXCLUDED.options, updated_at = now(), last_error = NULL, last_error_code = NULL
       RETURNING *`,
      [randomUUID(), shipmentId, provider, connectionId, idempotencyKey, JSON.stringify(options)],
    )) as Row[];
    return toRecord(row!);
  }

  /** Marks a completed dispatch `pending` again before its copy is updated at the provider (after a PATCH). */
  async reopen(id: string): Promise<DispatchRecord | null> {
    const [row] = returnedRows<Row>(
      await this.db.query(
      `UPDATE dispatches SET status = 'pending', updated_at = now() WHERE id = $1 AND status IN ('completed', 'pending') RETURNING *`,
      [id],
    ),
    );
    return row ? toRecord(row) : null;
  }

  /** In the merge transaction of the provider's answer: the dispatch is done exactly when its records are stored. */
  async complete(tx: EntityManager, id: string, c: DispatchCompletion): Promise<void> {
    await tx.query(
      `UPDATE dispatches SET status = 'completed', external_id = $2, share_url = COALESCE($3, share_url),
         tracking_id = COALESCE($4, tracking_id), attempts = attempts + 1, last_error = NULL, last_error_code = NULL,
         completed_at = now(), updated_at = now()
       WHERE id = $1`,
      [id, c.externalId, c.shareUrl, c.trackingId],
    );
  }

  /**
   * The provider refused or could not be reached. `status` is `failed` for a new dispatch; an update of a copy the
   * provider already holds keeps `completed` (that copy is still there) and only records the error.
   */
  async fail(id: string, status: DispatchStatus, message: string, code: string | null): Promise<void> {
    await this.db.query(
      `UPDATE dispatches SET status = $2, last_error = $3, last_error_code = $4, attempts = attempts + 1, updated_at = now() WHERE id = $1`,
      [id, status, message.slice(0, 2000), code],
    );
  }

  async markCancelled(id: string): Promise<DispatchRecord | null> {
    const [row] = returnedRows<Row>(
      await this.db.query(
      `UPDATE dispatches SET status = 'cancelled', cancelled_at = now(), updated_at = now() WHERE id = $1 RETURNING *`,
      [id],
    ),
    );
    return row ? toRecord(row) : null;
  }

  async get(id: string): Promise<DispatchRecord | null> {
    const [row] = (await this.db.query(`SELECT * FROM dispatches WHERE id = $1`, [id])) as Row[];
    return row ? toRecord(row) : null;
  }

  async listForShipment(shipmentId: string): Promise<DispatchRecord[]> {
    const rows = (await this.db.query(`SELECT * FROM dispatches WHERE shipment_id = $1 ORDER BY created_at, id`, [shipmentId])) as Row[];
    return rows.map(toRecord);
  }

  /** `pending` dispatches untouched for longer than `olderThanMs`: a process died between record and complete. */
  async listStalePending(olderThanMs: number, limit: number): Promise<DispatchRecord[]> {
    const rows = (await this.db.query(
      `SELECT * FROM dispatches WHERE status = 'pending' AND updated_at < now() - ($1::bigint * interval '1 millisecond')
       ORDER BY updated_at LIMIT $2`,
      [olderThanMs, limit],
    )) as Row[];
    return rows.map(toRecord);
  }

  /**
   * Takes a stale `pending` dispatch for one retry: the UPDATE succeeds for one sweeper only (it moves `updated_at`, so
   * the row is no longer stale for the others), and never for a dispatch a live request is still sending.
   */
  async claimStale(id: string, olderThanMs: number): Promise<DispatchRecord | null> {
    const [row] = returnedRows<Row>(
      await this.db.query(
      `UPDATE dispatches SET updated_at = now()
       WHERE id = $1 AND status = 'pending' AND updated_at < now() - ($2::bigint * interval '1 millisecond') RETURNING *`,
      [id, olderThanMs],
    ),
    );
    return row ? toRecord(row) : null;
  }
}
