/**
 * Cargamos shapes the sandbox serves. Sources: shared/provider-docs/cargamos-delivery-order-integration.txt ("INT")
 * and cargamos-facts.md ("FACTS §n"); every undocumented choice is written in libs/providers/cargamos/README.md.
 */

/**
 * Shipment states. FACTS §4 confirms CREATED, OUT_FOR_DELIVERY, DELIVERY_ATTEMPTED, MISHAP and DELIVERED; RECEIVED,
 * RETURNED and CANCELLED are the sandbox's **assumption** for the rest of the life cycle (the state table is NOT FOUND).
 */
export const CARGAMOS_STATES = [
  'CREATED',
  'RECEIVED',
  'OUT_FOR_DELIVERY',
  'DELIVERY_ATTEMPTED',
  'MISHAP',
  'DELIVERED',
  'RETURNED',
  'CANCELLED',
] as const;
export type CargamosState = (typeof CARGAMOS_STATES)[number];

/** FACTS §4: "states with a bold border are final states"; which ones they are is an assumption. */
export const CARGAMOS_FINAL_STATES: readonly CargamosState[] = ['DELIVERED', 'RETURNED', 'CANCELLED'];

export const isFinalState = (s: CargamosState): boolean => CARGAMOS_FINAL_STATES.includes(s);

/** `anomalies` of a webhook (FACTS §5: structure NOT FOUND): `{}` or `{ anomaly, description }` (assumption). */
export type CargamosAnomalies = Record<string, string>;

export interface CargamosHistoryEntry {
  state: CargamosState;
  /** Sandbox clock, epoch ms (the only timestamp format the docs show). */
  timestamp: number;
  anomalies: CargamosAnomalies;
}

/** One integrated delivery order, as the sandbox keeps it. */
export interface CargamosShipmentRecord {
  trackingId: string;
  shipmentId: string;
  shipperTrackingId: string | null;
  /** The shipper (the account `key`) that integrated it; shipperTrackingId is unique per shipper. */
  shipperKey: string;
  /** INT "Integration lot id": the number of the integration call that created it. */
  lotNumber: number;
  createdAt: number;
  /** The request exactly as sent (JSON), for the success echo and ALREADY_EXISTS. */
  request: Record<string, unknown>;
  state: CargamosState;
  updatedAt: number;
  history: CargamosHistoryEntry[];
  attempts: number;
  mishaps: number;
  /** The planned next step, drawn when the current state was entered; null in a final state. */
  next: { state: CargamosState; at: number; anomalies: CargamosAnomalies } | null;
}

/** The shipment-tracking view (assumption: camelCase like the integration API, epoch-ms timestamps). */
export interface CargamosTracking {
  trackingId: string;
  shipmentId: string;
  shipperTrackingId: string | null;
  state: CargamosState;
  final: boolean;
  createdAt: number;
  updatedAt: number;
  expectedDeliveryDate: unknown;
  history: CargamosHistoryEntry[];
}

/** The truth: a tracking view plus what only the sandbox knows. */
export interface CargamosShipmentTruth extends CargamosTracking {
  shipperKey: string;
  lotNumber: number;
  request: Record<string, unknown>;
}

/** FACTS §5 payload: snake_case, no delivery id, no timestamp. */
export interface CargamosWebhookPayload {
  state: CargamosState;
  label_id: string;
  anomalies: CargamosAnomalies;
}

/** One state change made by the clock (or by an integration: CREATED). */
export interface CargamosChange {
  trackingId: string;
  shipmentId: string;
  from: CargamosState | null;
  to: CargamosState;
  /** When it happened on the sandbox clock (a due transition keeps its due time). */
  at: number;
}
