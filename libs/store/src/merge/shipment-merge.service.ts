import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { applyPatch, sameContent, type Shipment } from '@waybill/canonical';
import type { MappedShipment } from '@waybill/provider-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { contentHash } from './content-hash.js';
import type { MergeItem, MergeOutcome, MergeTail } from './merge.types.js';

interface SourceRow {
  shipment_id: string;
  provider_updated_at: Date | null;
  content_hash: string;
}
interface ShipmentRow {
  canonical: Shipment;
  version: number;
}

// 40P01 deadlock, 40001 serialization failure: the whole transaction is safe to run again.
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);
const MAX_TX_ATTEMPTS = 4;

/**
 * The one canonical merge path (ARCHITECTURE.md): raw payload + provenance + shipment + change row + the caller's
 * tail (checkpoint or inbox status) commit together or not at all. Polled pages and webhooks both come through here.
 */
@Injectable()
export class ShipmentMergeService {
  private readonly logger = new Logger(ShipmentMergeService.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async merge(items: MergeItem[], tail?: MergeTail, now: () => Date = () => new Date()): Promise<MergeOutcome[]> {
    for (const item of items) {
      if (item.mapped.kind !== 'shipment') throw new Error(`no merge path for ${item.mapped.kind} records yet`);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(async (tx) => {
          await this.lockSources(tx, items);
          const outcomes: MergeOutcome[] = [];
          for (const item of items) outcomes.push(await this.mergeOne(tx, item, now()));
          if (tail) await tail(tx, outcomes);
          return outcomes;
        });
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (!code || !RETRYABLE_SQLSTATES.has(code) || attempt >= MAX_TX_ATTEMPTS) throw e;
        this.logger.warn(`merge transaction retried after ${code} (attempt ${attempt})`);
      }
    }
  }

  /**
   * Transaction-scoped advisory locks on every source and business reference of the batch, taken in one sorted
   * order so that two batches never deadlock. They serialise the read-modify-write of one shipment across processes,
   * including the first insert, which row locks cannot cover (there is no row to lock yet).
   */
  private async lockSources(tx: EntityManager, items: MergeItem[]): Promise<void> {
    const keys = new Set<string>();
    for (const item of items) {
      keys.add(`src|${item.provider}|${item.connectionId}|${item.mapped.externalId}`);
      const ref = (item.mapped as MappedShipment).patch.reference;
      if (ref) keys.add(`ref|${ref}`);
    }
    for (const key of [...keys].sort()) {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
    }
  }

  private async mergeOne(tx: EntityManager, item: MergeItem, at: Date): Promise<MergeOutcome> {
    const { provider, connectionId, via } = item;
    const mapped = item.mapped as MappedShipment;
    const hash = contentHash(item.rawBody);
    const base = { externalId: mapped.externalId, unknownStatus: mapped.unknownStatus };

    await tx.query(
      `INSERT INTO raw_payloads (provider, connection_id, external_id, content_hash, body, received_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (provider, connection_id, content_hash) DO NOTHING`,
      [provider, connectionId, mapped.externalId, hash, item.rawBody, at],
    );

    const [source] = (await tx.query(
      `SELECT shipment_id, provider_updated_at, content_hash FROM shipment_sources
       WHERE provider = $1 AND connection_id = $2 AND external_id = $3 FOR UPDATE`,
      [provider, connectionId, mapped.externalId],
    )) as SourceRow[];

    const incomingAt = mapped.providerUpdatedAt ? new Date(mapped.providerUpdatedAt) : null;
    if (source) {
      const storedAt = source.provider_updated_at;
      // Freshness rule: an update older than what is stored for this source changes nothing.
      if (incomingAt && storedAt && incomingAt.getTime() < storedAt.getTime()) {
        return { ...base, result: 'stale', shipmentId: source.shipment_id, version: null };
      }
      if (source.content_hash === hash && (!incomingAt || !storedAt || incomingAt.getTime() === storedAt.getTime())) {
        return { ...base, result: 'unchanged', shipmentId: source.shipment_id, version: null };
      }
    }

    const current = await this.findShipment(tx, source?.shipment_id ?? null, mapped.patch.reference ?? null, provider, connectionId);
    const sourceInfo = {
      provider,
      connection: connectionId,
      externalId: mapped.externalId,
      providerUpdatedAt: incomingAt ? incomingAt.toISOString() : null,
      via,
      syncedAt: at.toISOString(),
    };
    const next = applyPatch(current?.canonical ?? null, mapped.patch, sourceInfo, { id: randomUUID(), now: at.toISOString() });

    if (current && sameContent(current.canonical, next)) {
      await this.upsertSource(tx, next.id, item, hash, incomingAt, at);
      return { ...base, result: 'unchanged', shipmentId: next.id, version: current.version };
    }

    const version = (current?.version ?? 0) + 1;
    const stored: Shipment = { ...next, version, updatedAt: at.toISOString() };
    if (current) {
      await tx.query(
        `UPDATE shipments SET reference = $2, status = $3, canonical = $4, version = $5, updated_at = $6 WHERE id = $1`,
        [stored.id, stored.reference, stored.status, JSON.stringify(stored), version, at],
      );
    } else {
      await tx.query(
        `INSERT INTO shipments (id, reference, status, canonical, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)`,
        [stored.id, stored.reference, stored.status, JSON.stringify(stored), version, at],
      );
    }
    await this.upsertSource(tx, stored.id, item, hash, incomingAt, at);
    await tx.query(
      `INSERT INTO changes (shipment_id, version, kind, provider, connection_id, via, shipment, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [stored.id, version, current ? 'updated' : 'created', provider, connectionId, via, JSON.stringify(stored), at],
    );
    return { ...base, result: current ? 'updated' : 'created', shipmentId: stored.id, version };
  }

  private async findShipment(tx: EntityManager, shipmentId: string | null, reference: string | null, provider: string, connectionId: string): Promise<ShipmentRow | null> {
    // Records of OTHER providers with the same business reference are the same shipment (ARCHITECTURE.md, Identity).
    // Two records of one connection are two shipments even when they share an order number: nothing says a provider
    // keeps it unique. (Other connections of the same provider do match: one deployment, one business reference.)
    const [row] = (shipmentId
      ? await tx.query('SELECT canonical, version FROM shipments WHERE id = $1 FOR UPDATE', [shipmentId])
      : reference
        ? await tx.query(
            `SELECT canonical, version FROM shipments s WHERE reference = $1
               AND NOT EXISTS (SELECT 1 FROM shipment_sources src WHERE src.shipment_id = s.id AND src.provider = $2 AND src.connection_id = $3)
             ORDER BY created_at, id LIMIT 1 FOR UPDATE`,
            [reference, provider, connectionId],
          )
        : []) as ShipmentRow[];
    return row ?? null;
  }

  private async upsertSource(tx: EntityManager, shipmentId: string, item: MergeItem, hash: string, providerAt: Date | null, at: Date) {
    await tx.query(
      `INSERT INTO shipment_sources (shipment_id, provider, connection_id, external_id, provider_updated_at, content_hash, via, synced_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (provider, connection_id, external_id) DO UPDATE SET
         shipment_id = EXCLUDED.shipment_id, provider_updated_at = EXCLUDED.provider_updated_at,
         content_hash = EXCLUDED.content_hash, via = EXCLUDED.via, synced_at = EXCLUDED.synced_at`,
      [shipmentId, item.provider, item.connectionId, item.mapped.externalId, providerAt, hash, item.via, at],
    );
  }
}
