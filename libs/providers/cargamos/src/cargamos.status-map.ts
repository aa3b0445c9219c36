import type { ShipmentStatus } from '@waybill/canonical';

// README "States": every Cargamos state → canonical status, as data (every row tested in cargamos.status-map.spec.ts).
// Final states map to the highest-ranked statuses (DELIVERED 5, CANCELLED 6 in libs/canonical/src/status-rank.ts).
// Lookups are exact on the upper-cased state and use own keys only. Unknown → UNKNOWN with the raw value kept.

export interface CargamosStateRow {
  status: ShipmentStatus;
  final: boolean;
  /** The status reason when the webhook's `anomalies.anomaly` gives none (null: no reason). */
  reason: string | null;
}

export const CARGAMOS_STATE_MAP: Readonly<Record<string, CargamosStateRow>> = Object.freeze({
  CREATED: { status: 'PENDING', final: false, reason: null },
  RECEIVED: { status: 'IN_TRANSIT', final: false, reason: null },
  OUT_FOR_DELIVERY: { status: 'OUT_FOR_DELIVERY', final: false, reason: null },
  DELIVERY_ATTEMPTED: { status: 'EXCEPTION', final: false, reason: 'delivery_attempted' },
  MISHAP: { status: 'EXCEPTION', final: false, reason: 'mishap' },
  DELIVERED: { status: 'DELIVERED', final: true, reason: null },
  RETURNED: { status: 'CANCELLED', final: true, reason: 'returned' },
  CANCELLED: { status: 'CANCELLED', final: true, reason: null },
});

export interface MappedCargamosState {
  status: ShipmentStatus;
  rawStatus: string;
  final: boolean;
  statusReason: string | null;
  /** Set only when the raw state is not in the table (counted by `waybill_unknown_status_total`). */
  unknown?: string;
}

/**
 * A state (and the anomalies that came with it) → canonical. The reason is the anomaly code when the state is an
 * exception or a return (README "Webhooks": `anomalies.anomaly` read only as the status reason), else the row's.
 */
export function mapCargamosState(raw: string, anomalies?: Record<string, unknown> | null): MappedCargamosState {
  const key = raw.trim().toUpperCase();
  if (!Object.hasOwn(CARGAMOS_STATE_MAP, key)) return { status: 'UNKNOWN', rawStatus: raw, final: false, statusReason: null, unknown: raw };
  const row = CARGAMOS_STATE_MAP[key];
  const anomaly = typeof anomalies?.anomaly === 'string' && anomalies.anomaly.trim() !== '' ? anomalies.anomaly.trim() : null;
  const statusReason = row.reason === null ? null : (anomaly ?? row.reason);
  return { status: row.status, rawStatus: raw, final: row.final, statusReason };
}

export function isFinalCargamosState(raw: string): boolean {
  const key = raw.trim().toUpperCase();
  return Object.hasOwn(CARGAMOS_STATE_MAP, key) && CARGAMOS_STATE_MAP[key].final;
}
