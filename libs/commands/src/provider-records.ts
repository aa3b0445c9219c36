import type { Connection, FreightProvider, ProviderRecord } from '@waybill/provider-kit';
import type { MergeItem } from '@waybill/store';

/** A provider's answer to a command, as merge items (`via: command`): mapped by the provider, merged like any record. */
export function commandMergeItems(provider: FreightProvider, conn: Connection, records: ProviderRecord[]): MergeItem[] {
  return records.map((record) => ({
    provider: provider.code,
    connectionId: conn.id,
    via: 'command' as const,
    rawBody: typeof record.raw === 'string' ? record.raw : JSON.stringify(record.raw),
    mapped: provider.map(record, conn),
  }));
}
