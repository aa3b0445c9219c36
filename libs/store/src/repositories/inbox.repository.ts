import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
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
  dedupKey: string;
  eventType: string | null;
  via: string;
  headers: Record<string, string>;
  body: string;
  sizeBytes: number;
  sha256: string;
  status: InboxStatus;
  attempts: number;
  lastError: string | null;
  errorCode: string | null;
  receivedAt: string;
  processedAt: string | null;
}

/** What lists and the API show of a message: its metadata, never its body (fetched on its own, streamed). */
export interface InboxSummary {
  id: string;
  provider: string;
  connection: string;
  deliveryId: string;
  eventType: string | null;
  via: string;
  status: InboxStatus;
  attempts: number;
  error: { code: string | null; message: string | null } | null;
  sizeBytes: number;
  sha256: string;
  contentType: string;
  receivedAt: string;
  processedAt: string | null;
}

export interface NewInboxMessage {
  provider: string;
  connectionId: string;
  /** The provider's delivery id as received: shown, and compared to detect conflicts; not unique when unsigned. */
  deliveryId: string;
  /**
   * What makes the message unique per (provider, connection): `id:<deliveryId>` (the default) when the provider signs
   * the id, `body:<sha256 of the raw body>` when it does not (see `inboxDedupKey`).
   */
  dedupKey?: string;
  /**
   * The delivery id is not signed: a message whose body is new but whose delivery id is already stored with another
   * body is a conflict, kept as a dead letter `delivery_conflict` (never silently dropped, never applied).
   */
  detectConflict?: boolean;
  eventType: string | null;
  via: 'webhook' | 'poll';
  headers: Record<string, string>;
  body: string;
  /** Hex SHA-256 of the raw bytes when the caller has them (default: of `body` as UTF-8). */
  sha256?: string;
  sizeBytes?: number;
  status?: InboxStatus;
  error?: { code: string; message: string };
}

export interface InsertedInboxMessage {
  id: string;
  duplicate: boolean;
  deliveryId: string;
  /** Stored as a dead letter because its (unsigned) delivery id was already stored with another body. */
  conflict: boolean;
  status: InboxStatus;
}

export const DELIVERY_CONFLICT = 'delivery_conflict';

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The inbox's unique key for a delivery: its id when the provider signs it, else the hash of the signed body. */
export function inboxDedupKey(delivery: { deliveryId: string; signed: boolean }, bodySha256: string, index = 0): string {
  if (delivery.signed) return `id:${delivery.deliveryId}`;
  // One body holding several unsigned events: each keeps its own row, all tied to the body.
  return index === 0 ? `body:${bodySha256}` : `body:${bodySha256}:${index}`;
}

/** Identity of a polled record kept as a dead letter (its body is the bare provider record). */
export const POLL_EXTERNAL_ID_HEADER = 'x-waybill-external-id';
export const POLL_UPDATED_AT_HEADER = 'x-waybill-provider-updated-at';
/** The polled record's kind (shipment, carrier, document); absent on rows written before records had kinds. */
export const POLL_KIND_HEADER = 'x-waybill-record-kind';

const COLUMNS = `id, provider, connection_id AS "connectionId", delivery_id AS "deliveryId", dedup_key AS "dedupKey", event_type AS "eventType",
  via, headers, body, size_bytes AS "sizeBytes", sha256, status, attempts, last_error AS "lastError", error_code AS "errorCode",
  received_at AS "receivedAt", processed_at AS "processedAt"`;

/** Metadata only: neither `body` nor `headers` is read, so a list costs the same whatever the bodies weigh. */
const SUMMARY_COLUMNS = `id, provider, connection_id AS "connection", delivery_id AS "deliveryId", event_type AS "eventType", via, status,
  attempts, last_error AS "lastError", error_code AS "errorCode", size_bytes AS "sizeBytes", sha256,
  COALESCE(headers->>'content-type', 'application/json') AS "contentType", received_at AS "receivedAt", processed_at AS "processedAt"`;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string | null));

function toRow(r: InboxRow & { receivedAt: unknown; processedAt: unknown }): InboxRow {
  return { ...r, receivedAt: iso(r.receivedAt)!, processedAt: iso(r.processedAt) };
}

type SummaryRecord = Omit<InboxSummary, 'error'> & { lastError: string | null; errorCode: string | null; receivedAt: unknown; processedAt: unknown };

function toSummary(r: SummaryRecord): InboxSummary {
  return {
    id: r.id,
    provider: r.provider,
    connection: r.connection,
    deliveryId: r.deliveryId,
    eventType: r.eventType,
    via: r.via,
    status: r.status,
    attempts: r.attempts,
    error: r.errorCode || r.lastError ? { code: r.errorCode, message: r.lastError } : null,
    sizeBytes: Number(r.sizeBytes),
    sha256: r.sha256,
    contentType: r.contentType,
    receivedAt: iso(r.receivedAt)!,
    processedAt: iso(r.processedAt),
  };
}

/** Characters per read when a body is streamed (a chunk is at most 4 × this in bytes). */
const BODY_CHUNK_CHARS = 64 * 1024;

/**
 * The inbox: webhook deliveries kept before processing (unique per dedup key: a signed delivery id, else the hash of
 * the signed body) and dead letters, the payloads that could not be mapped, kept whole so they can be replayed.
 */
@Injectable()
export class InboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Inserts new messages. A message whose dedup key is already stored is a duplicate and is not inserted again; one
   * with `detectConflict` whose delivery id is stored with another body is inserted as a dead letter `delivery_conflict`.
   */
  async insert(messages: NewInboxMessage[], tx?: EntityManager): Promise<InsertedInboxMessage[]> {
    const results: InsertedInboxMessage[] = [];
    for (const m of messages) {
      if (m.detectConflict && !tx) {
        // Check-then-insert under a lock on (provider, connection, delivery id): two different bodies arriving together
        // with one id cannot both see "no clash"; deliveries with other ids (the common case) never wait on each other.
        results.push(await this.db.transaction(async (t) => {
          await t.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`inbox:${m.provider}/${m.connectionId}/${m.deliveryId}`]);
          return this.insertOne(m, t);
        }));
      } else {
        results.push(await this.insertOne(m, tx ?? this.db));
      }
    }
    return results;
  }

  private async insertOne(m: NewInboxMessage, runner: DataSource | EntityManager): Promise<InsertedInboxMessage> {
    const sha256 = m.sha256 ?? sha256Hex(m.body);
    const sizeBytes = m.sizeBytes ?? Buffer.byteLength(m.body, 'utf8');
    const dedupKey = m.dedupKey ?? `id:${m.deliveryId}`;
    let status: InboxStatus = m.status ?? 'received';
    let error = m.error;
    let conflict = false;
    const existing = async () =>
      ((await runner.query(
        'SELECT id, status FROM inbox WHERE provider = $1 AND connection_id = $2 AND dedup_key = $3',
        [m.provider, m.connectionId, dedupKey],
      )) as { id: string; status: InboxStatus }[])[0];
    if (m.detectConflict && status !== 'dead') {
      // A body already stored is a plain duplicate (whatever id it came with); only a new body can conflict.
      const dup = await existing();
      if (dup) return { id: dup.id, duplicate: true, deliveryId: m.deliveryId, conflict: false, status: dup.status };
      const [clash] = (await runner.query(
        `SELECT id FROM inbox WHERE provider = $1 AND connection_id = $2 AND delivery_id = $3 AND sha256 <> $4 AND via = 'webhook' LIMIT 1`,
        [m.provider, m.connectionId, m.deliveryId, sha256],
      )) as { id: string }[];
      if (clash) {
        conflict = true;
        status = 'dead';
        error = { code: DELIVERY_CONFLICT, message: `delivery id ${m.deliveryId} was already received with another body (inbox ${clash.id})` };
      }
    }
    const id = randomUUID();
    // received_at gets millisecond precision from the app so that keyset cursors (ISO, ms) compare exactly.
    const inserted = (await runner.query(
      `INSERT INTO inbox (id, provider, connection_id, delivery_id, dedup_key, event_type, via, headers, body, size_bytes, sha256, status,
         last_error, error_code, received_at, processed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (provider, connection_id, dedup_key) DO NOTHING RETURNING id`,
      [id, m.provider, m.connectionId, m.deliveryId, dedupKey, m.eventType, m.via, JSON.stringify(m.headers), m.body, sizeBytes, sha256,
        status, error?.message ?? null, error?.code ?? null, new Date(), status === 'ignored' ? new Date() : null],
    )) as { id: string }[];
    if (inserted.length) return { id, duplicate: false, deliveryId: m.deliveryId, conflict, status };
    const dup = (await existing())!;
    return { id: dup.id, duplicate: true, deliveryId: m.deliveryId, conflict: false, status: dup.status };
  }

  /** The whole row, body included: for processing, one message at a time. */
  async get(id: string): Promise<InboxRow | null> {
    const [row] = (await this.db.query(`SELECT ${COLUMNS} FROM inbox WHERE id = $1`, [id])) as InboxRow[];
    return row ? toRow(row) : null;
  }

  /** One message's metadata, without its body. */
  async summary(id: string): Promise<InboxSummary | null> {
    const [row] = (await this.db.query(`SELECT ${SUMMARY_COLUMNS} FROM inbox WHERE id = $1`, [id])) as SummaryRecord[];
    return row ? toSummary(row) : null;
  }

  /**
   * One message's body as a stream of its stored bytes, read from the database in bounded chunks, so that serving it
   * never holds more than one chunk in memory. Null when the message does not exist.
   */
  async openBody(id: string): Promise<{ stream: Readable; contentType: string; sizeBytes: number; sha256: string } | null> {
    const [meta] = (await this.db.query(
      `SELECT char_length(body) AS chars, size_bytes AS "sizeBytes", sha256, COALESCE(headers->>'content-type', 'application/json') AS "contentType"
       FROM inbox WHERE id = $1`,
      [id],
    )) as { chars: number | string; sizeBytes: number; sha256: string; contentType: string }[];
    if (!meta) return null;
    const chars = Number(meta.chars);
    const db = this.db;
    async function* chunks() {
      for (let from = 1; from <= chars; from += BODY_CHUNK_CHARS) {
        const [row] = (await db.query('SELECT substring(body FROM $2::int FOR $3::int) AS part FROM inbox WHERE id = $1', [id, from, BODY_CHUNK_CHARS])) as { part: string | null }[];
        if (!row?.part) return;
        yield Buffer.from(row.part, 'utf8');
      }
    }
    return { stream: Readable.from(chunks()), contentType: meta.contentType, sizeBytes: Number(meta.sizeBytes), sha256: meta.sha256 };
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

  /** Puts a dead (or done) message back in line for processing. A test delivery (`ignored`) is never applied. */
  async requeue(id: string): Promise<boolean> {
    const rows = returnedRows(await this.db.query(`UPDATE inbox SET status = 'received' WHERE id = $1 AND status <> 'ignored' RETURNING id`, [id]));
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

  /** Metadata only (see `SUMMARY_COLUMNS`): a page of 200 costs kilobytes whatever the stored bodies weigh. */
  async list(filter: { status?: InboxStatus; provider?: string; connectionId?: string; cursor?: string; limit: number }): Promise<Page<InboxSummary>> {
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
      `SELECT ${SUMMARY_COLUMNS} FROM inbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at, id LIMIT ${p(filter.limit + 1)}`,
      params,
    )) as SummaryRecord[];
    const more = rows.length > filter.limit;
    const page = (more ? rows.slice(0, filter.limit) : rows).map(toSummary);
    const last = page[page.length - 1];
    return { data: page, nextCursor: more && last ? encodeCursor({ r: last.receivedAt, i: last.id }) : null };
  }
}
