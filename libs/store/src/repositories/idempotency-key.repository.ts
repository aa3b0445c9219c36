import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { returnedRows } from './query-result.js';
import type { DataSource } from 'typeorm';

/** A stored `Idempotency-Key` of an API write (STYLE.md, Stripe-style idempotency keys). */
export interface IdempotencyRecord {
  apiKeyId: string;
  key: string;
  requestHash: string;
  status: 'in_progress' | 'completed';
  responseStatus: number | null;
  responseBody: unknown;
}

export type IdempotencyClaim = { claimed: true } | { claimed: false; existing: IdempotencyRecord };

interface Row {
  api_key_id: string;
  key: string;
  request_hash: string;
  status: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
}

const toRecord = (r: Row): IdempotencyRecord => ({
  apiKeyId: r.api_key_id,
  key: r.key,
  requestHash: r.request_hash,
  status: r.status,
  responseStatus: r.response_status,
  responseBody: r.response_body,
});

@Injectable()
export class IdempotencyKeyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Claims the key atomically: the INSERT wins for exactly one of concurrent requests. A claim left `in_progress`
   * longer than `staleAfterMs` (its process died mid-request) is taken over by a request with the same body.
   */
  async claim(apiKeyId: string, key: string, method: string, path: string, requestHash: string, staleAfterMs: number): Promise<IdempotencyClaim> {
    // INSERT … ON CONFLICT DO UPDATE answers like an INSERT (rows only).
    const claimed = (await this.db.query(
      `INSERT INTO idempotency_keys (api_key_id, key, method, path, request_hash, status, created_at, locked_at)
       VALUES ($1, $2, $3, $4, $5, 'in_progress', now(), now())
       ON CONFLICT (api_key_id, key) DO UPDATE SET locked_at = now()
         WHERE idempotency_keys.status = 'in_progress' AND idempotency_keys.request_hash = EXCLUDED.request_hash
           AND idempotency_keys.locked_at < now() - ($6::int * interval '1 millisecond')
       RETURNING key`,
      [apiKeyId, key, method, path, requestHash, staleAfterMs],
    )) as unknown[];
    if (claimed.length > 0) return { claimed: true };
    const existing = await this.find(apiKeyId, key);
    // Deleted in between (the first request failed with a 5xx and released it): the caller tries again.
    if (!existing) return this.claim(apiKeyId, key, method, path, requestHash, staleAfterMs);
    return { claimed: false, existing };
  }

  async find(apiKeyId: string, key: string): Promise<IdempotencyRecord | null> {
    const [row] = (await this.db.query(
      `SELECT api_key_id, key, request_hash, status, response_status, response_body FROM idempotency_keys WHERE api_key_id = $1 AND key = $2`,
      [apiKeyId, key],
    )) as Row[];
    return row ? toRecord(row) : null;
  }

  async complete(apiKeyId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET status = 'completed', response_status = $3, response_body = $4, completed_at = now()
       WHERE api_key_id = $1 AND key = $2`,
      [apiKeyId, key, status, JSON.stringify(body ?? null)],
    );
  }

  /** The request failed in a way worth retrying (5xx): the key is released so the same request can run again. */
  async release(apiKeyId: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE api_key_id = $1 AND key = $2 AND status = 'in_progress'`, [apiKeyId, key]);
  }

  /** Keys are kept at least `olderThanMs` (24 h): only older ones are deleted. Returns how many. */
  async deleteOlderThan(olderThanMs: number): Promise<number> {
    const rows = returnedRows<unknown>(
      await this.db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - ($1::bigint * interval '1 millisecond') RETURNING key`, [olderThanMs]),
    );
    return rows.length;
  }
}
