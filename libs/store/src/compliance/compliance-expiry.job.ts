import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Carrier } from '@waybill/canonical';
import type { DataSource } from 'typeorm';
import { insertChange } from '../merge/merge-common.js';
import { complianceDocumentsOf, composeCarrier } from '../repositories/carrier-read-model.js';
import { returnedRows } from '../repositories/query-result.js';
import { ExpiryCalendar, type ExpiryBucket, expiryBucketSql } from './expiry-calendar.js';

interface MovedDocument {
  id: string;
  owner_id: string;
  provider: string;
  connection_id: string;
  expiry_bucket: ExpiryBucket | null;
  bucket: ExpiryBucket;
  today: string;
}

export interface ExpiryRunResult {
  /** Documents whose bucket was recorded or moved. */
  documents: number;
  /** Carriers that got a compliance change (one per carrier per run). */
  carriers: number;
}

/**
 * Expiry moves compliance with no provider change. Each carrier document keeps the last expiry bucket committed for
 * its connection's "today" (`later | within_30 | within_7 | expired`); when the bucket moves, the carrier gets a new
 * version and a `compliance` change row, so the change feed and the TMS's webhooks hear of it. Idempotent: a second
 * run on the same day finds nothing moved; several workers running it at once commit each move once (the bucket
 * update is conditional on the bucket read). A document's first bucket is a baseline and commits no change: its
 * own arrival was already a change.
 */
@Injectable()
export class ComplianceExpiryJob {
  private readonly calendar: ExpiryCalendar;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() calendar?: ExpiryCalendar,
  ) {
    this.calendar = calendar ?? new ExpiryCalendar();
  }

  async run(now: Date): Promise<ExpiryRunResult> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const { cte, fallback } = this.calendar.todaysSql(p, now);
    const moved = (await this.db.query(
      `WITH ${cte},
       d AS (SELECT d.id, d.owner_id, d.provider, d.connection_id, d.expiry_bucket, COALESCE(t.today, ${fallback}) AS today, d.expires_on
             FROM documents d LEFT JOIN todays t ON t.provider = d.provider AND t.connection_id = d.connection_id
             WHERE d.owner_kind = 'carrier' AND d.owner_id IS NOT NULL AND d.expires_on IS NOT NULL)
       SELECT id, owner_id, provider, connection_id, expiry_bucket, today::text AS today, ${expiryBucketSql('(expires_on - today)')} AS bucket
       FROM d WHERE expiry_bucket IS DISTINCT FROM ${expiryBucketSql('(expires_on - today)')}
       ORDER BY owner_id, id`,
      params,
    )) as MovedDocument[];

    const byCarrier = new Map<string, MovedDocument[]>();
    for (const m of moved) byCarrier.set(m.owner_id, [...(byCarrier.get(m.owner_id) ?? []), m]);
    let carriers = 0;
    for (const [carrierId, docs] of byCarrier) {
      if (await this.commitCarrier(carrierId, docs, now)) carriers++;
    }
    return { documents: moved.length, carriers };
  }

  private async commitCarrier(carrierId: string, docs: MovedDocument[], now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [row] = (await tx.query('SELECT canonical, version FROM carriers WHERE id = $1 FOR UPDATE', [carrierId])) as { canonical: Carrier; version: number }[];
      let trigger: MovedDocument | null = null;
      for (const d of docs) {
        const updated = returnedRows(
          await tx.query(
            `UPDATE documents SET expiry_bucket = $2, expiry_checked_on = $3::date
             WHERE id = $1 AND expiry_bucket IS NOT DISTINCT FROM $4 RETURNING id`,
            [d.id, d.bucket, d.today, d.expiry_bucket],
          ),
        );
        if (updated.length && d.expiry_bucket !== null) trigger ??= d;
      }
      if (!row || !trigger) return false;
      const version = row.version + 1;
      const stored: Carrier = { ...row.canonical, version, updatedAt: now.toISOString() };
      await tx.query('UPDATE carriers SET canonical = $2, version = $3, updated_at = $4 WHERE id = $1', [carrierId, JSON.stringify(stored), version, now]);
      const documents = await complianceDocumentsOf(tx, [carrierId]);
      await insertChange(tx, {
        entity: 'carrier',
        entityId: carrierId,
        version,
        kind: 'compliance',
        provider: trigger.provider,
        connectionId: trigger.connection_id,
        via: 'schedule',
        snapshot: composeCarrier(stored, documents.get(carrierId) ?? [], this.calendar, now),
        at: now,
      });
      return true;
    });
  }
}
