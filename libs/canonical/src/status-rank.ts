import type { ShipmentStatus } from './shipment.js';

/**
 * How far along a shipment is. When several sources report a status, the furthest one wins (merge.ts), so that a
 * slow source cannot pull a delivered shipment back to in transit. EXCEPTION shares OUT_FOR_DELIVERY's rank: it
 * happens on the road, and neither should hide the other. UNKNOWN (an unmapped provider value) never beats a
 * known status.
 */
export const STATUS_RANK: Readonly<Record<ShipmentStatus, number>> = Object.freeze({
  UNKNOWN: -1,
  DRAFT: 0,
  PENDING: 1,
  ASSIGNED: 2,
  IN_TRANSIT: 3,
  OUT_FOR_DELIVERY: 4,
  EXCEPTION: 4,
  DELIVERED: 5,
  COMPLETED: 6,
  CANCELLED: 6,
});

const TERMINAL_STATUSES: ReadonlySet<ShipmentStatus> = new Set<ShipmentStatus>(['DELIVERED', 'COMPLETED', 'CANCELLED']);

export function isTerminal(status: ShipmentStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** Negative when `a` is less advanced than `b`, 0 when they rank the same, positive when `a` is further. */
export function compareStatus(a: ShipmentStatus, b: ShipmentStatus): number {
  return Math.sign(STATUS_RANK[a] - STATUS_RANK[b]);
}
