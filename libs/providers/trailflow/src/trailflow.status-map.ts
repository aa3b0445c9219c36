import type { ShipmentStatus } from '@waybill/canonical';

/**
 * TrailFlow load status → canonical status (README "Status map"; statuses from README assumption 4).
 * An unmapped value becomes UNKNOWN with the raw value reported, never a guess (FACTS §7: enums grow in v1).
 */
export const TRAILFLOW_STATUS_MAP: Readonly<Record<string, ShipmentStatus>> = Object.freeze({
  DRAFT: 'DRAFT',
  ASSIGNED: 'ASSIGNED',
  // Freight is on board and the load is trackable (FACTS §4); the canonical model has no "loaded" step, and the
  // raw LOADED stays visible in providerStatuses.
  LOADED: 'IN_TRANSIT',
  IN_TRANSIT: 'IN_TRANSIT',
  DELIVERED: 'DELIVERED',
  CANCELLED: 'CANCELLED',
});

export interface MappedStatus {
  status: ShipmentStatus;
  /** The raw value, set only when it is not in the table. */
  unknown?: string;
}

export function mapTrailflowStatus(raw: string): MappedStatus {
  // Own keys only: `constructor` or `toString` must not resolve through the prototype.
  if (Object.hasOwn(TRAILFLOW_STATUS_MAP, raw)) return { status: TRAILFLOW_STATUS_MAP[raw] };
  return { status: 'UNKNOWN', unknown: raw };
}
