import type { ShipmentPatch } from '@waybill/canonical';
import type { MergeItem } from '@waybill/store';

/** A TrailFlow-like merge item for store tests; the store does not care which provider mapped it. */
export function mergeItem(
  externalId: string,
  updatedAtMs: number,
  patch: ShipmentPatch,
  opts: { connectionId?: string; via?: MergeItem['via']; raw?: unknown } = {},
): MergeItem {
  const raw = opts.raw ?? { id: externalId, updatedAt: updatedAtMs, patch };
  return {
    provider: 'trailflow',
    connectionId: opts.connectionId ?? 'tf-test',
    via: opts.via ?? 'poll',
    rawBody: JSON.stringify(raw),
    mapped: { kind: 'shipment', externalId, providerUpdatedAt: new Date(updatedAtMs).toISOString(), patch },
  };
}
