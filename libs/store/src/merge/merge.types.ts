import type { ProviderCode, SourceVia } from '@waybill/canonical';
import type { MappedRecord } from '@waybill/provider-kit';
import type { EntityManager } from 'typeorm';

export interface MergeItem {
  provider: ProviderCode;
  connectionId: string;
  via: SourceVia;
  /** The payload exactly as received (webhook bytes, or the polled record serialised); kept in raw_payloads. */
  rawBody: string;
  mapped: MappedRecord;
}

export type MergeResult = 'created' | 'updated' | 'unchanged' | 'stale';

export interface MergeOutcome {
  externalId: string;
  result: MergeResult;
  shipmentId: string | null;
  version: number | null;
  unknownStatus?: string;
}

/**
 * Work that must commit in the same transaction as the merged records: the sync checkpoint of the page,
 * the inbox status of a delivery, dead letters. It runs after the items, inside the transaction.
 */
export type MergeTail = (tx: EntityManager, outcomes: MergeOutcome[]) => Promise<void>;
