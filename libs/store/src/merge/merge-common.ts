import type { MappedRecord, RecordKind } from '@waybill/provider-kit';
import type { EntityManager } from 'typeorm';
import type { ChangeEntityKind, MergeItem, MergeOutcome } from './merge.types.js';

/** What the store holds for one source record: the entity it feeds and what it last said. */
export interface KnownSource {
  entityId: string;
  providerUpdatedAt: Date | null;
  contentHash: string;
}

/** One merge path per record kind (ARCHITECTURE.md, "The provider contract, generalized"). */
export interface MergePath<M extends MappedRecord> {
  /** Advisory lock keys this record's merge needs, beyond its own source key. */
  lockKeys(item: MergeItem<M>): string[];
  mergeOne(tx: EntityManager, item: MergeItem<M>, hash: string, at: Date): Promise<MergeOutcome>;
}

export function sourceLockKey(kind: RecordKind, provider: string, connectionId: string, externalId: string): string {
  return `src|${kind}|${provider}|${connectionId}|${externalId}`;
}

export function outcome(item: MergeItem, result: MergeOutcome['result'], entityId: string | null, version: number | null): MergeOutcome {
  const o: MergeOutcome = {
    kind: item.mapped.kind,
    externalId: item.mapped.externalId,
    result,
    entityId,
    shipmentId: item.mapped.kind === 'shipment' ? entityId : null,
    version,
  };
  if (item.mapped.unknownStatus) o.unknownStatus = item.mapped.unknownStatus;
  return o;
}

/**
 * Freshness and change detection, the same for every kind: an older provider time for the same source never
 * overwrites (`stale`); the same bytes with the same (or no) provider time are `unchanged`.
 */
export function checkSource(known: KnownSource | undefined, incomingAt: Date | null, hash: string): 'stale' | 'unchanged' | null {
  if (!known) return null;
  const storedAt = known.providerUpdatedAt;
  if (incomingAt && storedAt && incomingAt.getTime() < storedAt.getTime()) return 'stale';
  if (known.contentHash === hash && (!incomingAt || !storedAt || incomingAt.getTime() === storedAt.getTime())) return 'unchanged';
  return null;
}

export function incomingTime(item: MergeItem): Date | null {
  return item.mapped.providerUpdatedAt ? new Date(item.mapped.providerUpdatedAt) : null;
}

export async function storeRawPayload(tx: EntityManager, item: MergeItem, hash: string, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO raw_payloads (provider, connection_id, external_id, content_hash, body, received_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (provider, connection_id, content_hash) DO NOTHING`,
    [item.provider, item.connectionId, item.mapped.externalId, hash, item.rawBody, at],
  );
}

export interface NewChange {
  entity: ChangeEntityKind;
  entityId: string;
  version: number;
  kind: string;
  provider: string;
  connectionId: string;
  via: string;
  /** The entity as committed: shipments keep it in `shipment` (as before), carriers and documents in `data`. */
  snapshot: unknown;
  at: Date;
}

export async function insertChange(tx: EntityManager, c: NewChange): Promise<void> {
  const isShipment = c.entity === 'shipment';
  const json = JSON.stringify(c.snapshot);
  await tx.query(
    `INSERT INTO changes (entity, entity_id, shipment_id, version, kind, provider, connection_id, via, shipment, data, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [c.entity, c.entityId, isShipment ? c.entityId : null, c.version, c.kind, c.provider, c.connectionId, c.via,
      isShipment ? json : null, isShipment ? null : json, c.at],
  );
}

/** The source tables of each kind, for the one batch read of what is already stored. */
const SOURCE_TABLES: Record<RecordKind, { table: string; entityColumn: string }> = {
  shipment: { table: 'shipment_sources', entityColumn: 'shipment_id' },
  carrier: { table: 'carrier_sources', entityColumn: 'carrier_id' },
  document: { table: 'documents', entityColumn: 'id' },
};

export function knownKey(kind: RecordKind, provider: string, connectionId: string, externalId: string): string {
  return `${kind}\u0000${provider}\u0000${connectionId}\u0000${externalId}`;
}

/**
 * One SELECT for the whole batch: the stored provider time and content hash of every source the batch names. A full
 * scan re-emits every unchanged record, so most items are answered from this alone, before any per-row statement.
 */
export async function loadKnownSources(tx: EntityManager, items: MergeItem[]): Promise<Map<string, KnownSource>> {
  const known = new Map<string, KnownSource>();
  if (!items.length) return known;
  const params: unknown[] = [];
  const parts: string[] = [];
  for (const kind of Object.keys(SOURCE_TABLES) as RecordKind[]) {
    const ofKind = items.filter((i) => i.mapped.kind === kind);
    if (!ofKind.length) continue;
    const { table, entityColumn } = SOURCE_TABLES[kind];
    params.push(ofKind.map((i) => i.provider), ofKind.map((i) => i.connectionId), ofKind.map((i) => i.mapped.externalId));
    const n = params.length;
    parts.push(
      `SELECT '${kind}' AS kind, provider, connection_id, external_id, ${entityColumn} AS entity_id, provider_updated_at, content_hash
       FROM ${table} WHERE (provider, connection_id, external_id) IN (SELECT * FROM unnest($${n - 2}::text[], $${n - 1}::text[], $${n}::text[]))`,
    );
  }
  const rows = (await tx.query(parts.join(' UNION ALL '), params)) as {
    kind: RecordKind;
    provider: string;
    connection_id: string;
    external_id: string;
    entity_id: string;
    provider_updated_at: Date | null;
    content_hash: string;
  }[];
  for (const r of rows) {
    known.set(knownKey(r.kind, r.provider, r.connection_id, r.external_id), {
      entityId: r.entity_id,
      providerUpdatedAt: r.provider_updated_at,
      contentHash: r.content_hash,
    });
  }
  return known;
}
