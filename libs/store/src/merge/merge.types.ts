import type { ProviderCode, SourceVia } from '@waybill/canonical';
import type { MappedRecord, RecordKind } from '@waybill/provider-kit';
import type { EntityManager } from 'typeorm';

export interface MergeItem<M extends MappedRecord = MappedRecord> {
  provider: ProviderCode;
  connectionId: string;
  via: SourceVia;
  /** The payload exactly as received (webhook bytes, or the polled record serialised); kept in raw_payloads. */
  rawBody: string;
  mapped: M;
}

export type MergeResult = 'created' | 'updated' | 'unchanged' | 'stale';

/** The entities of the change feed: one per record kind. */
export type ChangeEntityKind = RecordKind;

export interface MergeOutcome {
  kind: RecordKind;
  externalId: string;
  result: MergeResult;
  /** The canonical entity (shipment, carrier or document) the record feeds; null only when nothing was stored. */
  entityId: string | null;
  /** `entityId` when `kind` is `shipment`, else null (kept for the callers written before carriers and documents). */
  shipmentId: string | null;
  /** The entity's new version when this record changed it, else null. */
  version: number | null;
  unknownStatus?: string;
}

/**
 * Work that must commit in the same transaction as the merged records: the sync checkpoint of the page,
 * the inbox status of a delivery, dead letters. It runs after the items, inside the transaction.
 */
export type MergeTail = (tx: EntityManager, outcomes: MergeOutcome[]) => Promise<void>;
