import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { InboxStatus } from '../entities/inbox-message.entity.js';
import { decodeCursor, encodeCursor } from './keyset-cursor.js';
import { returnedRows } from './query-result.js';
import type { Page } from './shipment-query.repository.js';

export interface InboxRow {
  id: string;
  provider: string;
  connectionId: string;
  deliveryId: string;
  eventType: string | null;
  via: string;
  headers: Record<string, string>;
  body: string;
  status: InboxStatus;
  attempts: number;
  lastError: string | null;
  errorCode: string | null;
  receivedAt: string;
  processedAt: string | null;
}

export interface NewInboxMessage {
  provider: string;
  connectionId: string;
  deliveryId: string;
  eventType: string | null;
  via: 'webhook' | 'poll';
  headers: Record<string, string>;
  body: string;
  status?: InboxStatus;
  error?: { code: string; message: string };
}

/** Identity of a polled record kept as a dead letter (its body is the bare provider record). */
export const POLL_EXTERNAL_ID_HEADER = 'x-waybill-external-id';
export const POLL_UPDATED_AT_HEADER = 'x-waybill-provider-updated-at';

const COLUMNS = `id, provider, connection_id AS "connectionId", delivery_id AS "deliveryId", event_type AS "eventType", via, headers,
  body, status, attempts, last_error AS "lastError", error_code AS "errorCode", received_at AS "receivedAt", processed_at AS "processedAt"`;

function toRow(r: InboxRow & { receivedAt: unknown; processedAt: unknown }): InboxRow {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string | null));
  return { ...r, receivedAt: iso(r.receivedAt)!, processedAt: iso(r.processedAt) };
}

/**
 * The inbox: webhook deliveries kept before processing (unique per provider delivery id) and dead letters, the
 * payloads that could not be mapped, kept whole so they can be replayed.
 */
@Injectable()
export class InboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts new messages; a delivery id already stored is a duplicate and is not inserted again. */
  async insert(messages: NewInboxMessage[], tx?: EntityManager): Promise<{ id: string; duplicate: boolean; deliveryId: string }[]> {
    const runner = tx ?? this.db;
    // received_at gets millisecond precision from the app so that keyset cursors (ISO, ms) compare exactly.
    const results: { id: string; duplicate: boolean; deliveryId: string }[] = [];
    for (const m of messages) {
      const id = randomUUID();
      const inserted = (await runner.query(
        `INSERT INTO inbox (id, provider, connection_id, delivery_id, event_type, via, headers, body, status, last_error, error_code, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (provider, connection_id, delivery_id) DO NOTHING RETURNING id`,
        [id, m.provider, m.connectionId, m.deliveryId, m.eventType, m.via, JSON.stringify(m.headers), m.body,
          m.status ?? 'received', m.error?.message ?? null, m.error?.code ?? null, new Date()],
      )) as { id: string }[];
      if (inserted.length) {
        results.push({ id, duplicate: false, deliveryId: m.deliveryId });
      } else {
        const [existing] = (await runner.query(
          'SELECT id FROM inbox WHERE provider = $1 AND connection_id = $2 AND delivery_id = $3',
          [m.provider, m.connectionId, m.deliveryId],
        )) as { id: string }[];
        results.push({ id: existing!.id, duplicate: true, deliveryId: m.deliveryId });
      }
    }
    return results;
  }

  async get(id: string): Promise<InboxRow | null> {
    const [row] = (await this.db.query(`SELECT ${COLUMNS} FROM inbox WHERE id = $1`, [id])) as InboxRow[];
    return row ? toRow(row) : null;
  }

  /** Claims a message for processing (counts the attempt); null when it is already done or dead. */
  async claim(id: string): Promise<InboxRow | null> {
    const [row] = returnedRows<InboxRow>(
      await this.db.query(
        `UPDATE inbox SET status = 'processing', attempts = attempts + 1 WHERE id = $1 AND status IN ('received', 'processing')
         RETURNING ${COLUMNS}`,
        [id],
      ),
    );
    return row ? toRow(row) : null;
  }

  async markDone(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`UPDATE inbox SET status = 'done', processed_at = now(), last_error = NULL, error_code = NULL WHERE id = $1`, [id]);
  }

  async markDead(id: string, code: string, message: string): Promise<void> {
    await this.db.query(`UPDATE inbox SET status = 'dead', processed_at = now(), error_code = $2, last_error = $3 WHERE id = $1`, [id, code, message]);
  }

  /** Back to `received` after a transient failure, with the error kept for the operator. */
  async release(id: string, code: string, message: string): Promise<void> {
    await this.db.query(`UPDATE inbox SET status = 'received', error_code = $2, last_error = $3 WHERE id = $1 AND status = 'processing'`, [id, code, message]);
  }

  /** Puts a dead (or done) message back in line for processing. */
  async requeue(id: string): Promise<boolean> {
    const rows = returnedRows(await this.db.query(`UPDATE inbox SET status = 'received' WHERE id = $1 RETURNING id`, [id]));
    return rows.length > 0;
  }

  /** Messages waiting longer than `olderThanMs`: the sweeper re-enqueues the ones whose job was lost. */
  async stale(olderThanMs: number, limit: number): Promise<{ id: string; provider: string }[]> {
    return (await this.db.query(
      `SELECT id, provider FROM inbox WHERE status IN ('received', 'processing') AND via = 'webhook'
         AND received_at < now() - ($1 || ' milliseconds')::interval ORDER BY received_at LIMIT $2`,
      [String(olderThanMs), limit],
    )) as { id: string; provider: string }[];
  }

  async list(filter: { status?: InboxStatus; provider?: string; connectionId?: string; cursor?: string; limit: number }): Promise<Page<InboxRow>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.status) where.push(`status = ${p(filter.status)}`);
    if (filter.provider) where.push(`provider = ${p(filter.provider)}`);
    if (filter.connectionId) where.push(`connection_id = ${p(filter.connectionId)}`);
    if (filter.cursor) {
      const key = decodeCursor<{ r: string; i: string }>(filter.cursor, ['r', 'i']);
      where.push(`(received_at, id) > (${p(new Date(key.r))}::timestamptz, ${p(key.i)}::uuid)`);
    }
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM inbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at, id LIMIT ${p(filter.limit + 1)}`,
      params,
    )) as InboxRow[];
    const more = rows.length > filter.limit;
    const page = (more ? rows.slice(0, filter.limit) : rows).map(toRow);
    const last = page[page.length - 1];
    return { data: page, nextCursor: more && last ? encodeCursor({ r: last.receivedAt, i: last.id }) : null };
  }
}
