import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MappedRecord, RecordKind } from '@waybill/provider-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { carrierMergePath } from './carrier-merge.js';
import { contentHash } from './content-hash.js';
import { documentMergePath } from './document-merge.js';
import { checkSource, incomingTime, knownKey, loadKnownSources, type MergePath, outcome, sourceLockKey } from './merge-common.js';
import type { MergeItem, MergeOutcome, MergeTail } from './merge.types.js';
import { shipmentMergePath } from './shipment-merge.js';

// 40P01 deadlock, 40001 serialization failure: the whole transaction is safe to run again.
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);
const MAX_TX_ATTEMPTS = 4;

/** One merge path per record kind, found by the record's `kind`. */
const PATHS: { [K in RecordKind]: MergePath<Extract<MappedRecord, { kind: K }>> } = {
  shipment: shipmentMergePath,
  carrier: carrierMergePath,
  document: documentMergePath,
};

/**
 * The one canonical merge entry point (ARCHITECTURE.md): every record of a batch, whatever its kind, commits in one
 * transaction with its raw payload, provenance, entity and change row, and the caller's tail (checkpoint or inbox
 * status), or nothing does. Polled pages and webhooks both come through here.
 */
@Injectable()
export class MergeService {
  private readonly logger = new Logger(MergeService.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async merge(items: MergeItem[], tail?: MergeTail, now: () => Date = () => new Date()): Promise<MergeOutcome[]> {
    for (const item of items) {
      if (!PATHS[item.mapped.kind]) throw new Error(`no merge path for ${String(item.mapped.kind)} records`);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(async (tx) => {
          const hashes = items.map((i) => contentHash(i.rawBody));
          const outcomes = await this.answerUnchanged(tx, items, hashes);
          const pending = items.map((item, i) => ({ item, i })).filter(({ i }) => !outcomes[i]);
          await lockKeys(tx, pending.map(({ item }) => item));
          for (const { item, i } of pending) {
            const path = PATHS[item.mapped.kind] as MergePath<MappedRecord>;
            outcomes[i] = await path.mergeOne(tx, item, hashes[i]!, now());
          }
          const all = outcomes as MergeOutcome[];
          if (tail) await tail(tx, all);
          return all;
        });
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (!code || !RETRYABLE_SQLSTATES.has(code) || attempt >= MAX_TX_ATTEMPTS) throw e;
        this.logger.warn(`merge transaction retried after ${code} (attempt ${attempt})`);
      }
    }
  }

  /**
   * A full scan re-emits every unchanged record: one SELECT of the batch's stored hashes answers those before any
   * per-row statement. Skipping them unlocked is safe: an identical re-delivery writes nothing in any case, whatever
   * commits around it. A source named twice in one batch goes through its path, where order within the batch counts.
   */
  private async answerUnchanged(tx: EntityManager, items: MergeItem[], hashes: string[]): Promise<(MergeOutcome | undefined)[]> {
    const keyOf = (i: MergeItem) => knownKey(i.mapped.kind, i.provider, i.connectionId, i.mapped.externalId);
    const seen = new Map<string, number>();
    for (const item of items) seen.set(keyOf(item), (seen.get(keyOf(item)) ?? 0) + 1);
    const known = await loadKnownSources(tx, items);
    return items.map((item, i) => {
      const key = keyOf(item);
      const stored = known.get(key);
      if (!stored || seen.get(key)! > 1) return undefined;
      return checkSource(stored, incomingTime(item), hashes[i]!) === 'unchanged' ? outcome(item, 'unchanged', stored.entityId, null) : undefined;
    });
  }
}

/**
 * Transaction-scoped advisory locks on every source, business reference and carrier match key of the batch, taken in
 * one sorted order so that two batches never deadlock. They serialise the read-modify-write of one entity across
 * processes, including the first insert, which row locks cannot cover (there is no row to lock yet).
 */
async function lockKeys(tx: EntityManager, items: MergeItem[]): Promise<void> {
  const keys = new Set<string>();
  for (const item of items) {
    keys.add(sourceLockKey(item.mapped.kind, item.provider, item.connectionId, item.mapped.externalId));
    for (const key of (PATHS[item.mapped.kind] as MergePath<MappedRecord>).lockKeys(item)) keys.add(key);
  }
  for (const key of [...keys].sort()) {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
  }
}
