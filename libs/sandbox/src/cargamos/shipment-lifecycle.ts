import type { Prng } from '../prng.js';
import { isFinalState, type CargamosAnomalies, type CargamosState } from './cargamos.types.js';

/**
 * The shipment state machine as data (FACTS §4: the figure and the table are NOT FOUND beyond five names, so every
 * edge below is an **assumption**, listed in libs/providers/cargamos/README.md). Final states have no edges.
 */
export const CARGAMOS_TRANSITIONS: Readonly<Record<CargamosState, readonly CargamosState[]>> = {
  CREATED: ['RECEIVED', 'CANCELLED'],
  RECEIVED: ['OUT_FOR_DELIVERY', 'MISHAP'],
  OUT_FOR_DELIVERY: ['DELIVERED', 'DELIVERY_ATTEMPTED', 'MISHAP'],
  DELIVERY_ATTEMPTED: ['OUT_FOR_DELIVERY', 'RETURNED'],
  MISHAP: ['OUT_FOR_DELIVERY', 'RETURNED'],
  DELIVERED: [],
  RETURNED: [],
  CANCELLED: [],
};

/** After this many attempts a DELIVERY_ATTEMPTED shipment goes back to the shipper ("retry management", FACTS §1). */
export const MAX_DELIVERY_ATTEMPTS = 3;
/** After a second MISHAP the package goes back to the shipper. */
export const MAX_MISHAPS = 2;

const MINUTE = 60_000;

/** Weight of each edge and how long the shipment stays before taking it (minutes, both ends included). */
interface Edge {
  to: CargamosState;
  weight: number;
  minMinutes: number;
  maxMinutes: number;
}

const EDGES: Readonly<Partial<Record<CargamosState, readonly Edge[]>>> = {
  CREATED: [
    { to: 'RECEIVED', weight: 97, minMinutes: 120, maxMinutes: 480 },
    // Never handed over to the distribution centre.
    { to: 'CANCELLED', weight: 3, minMinutes: 2880, maxMinutes: 2880 },
  ],
  RECEIVED: [
    { to: 'OUT_FOR_DELIVERY', weight: 95, minMinutes: 60, maxMinutes: 600 },
    { to: 'MISHAP', weight: 5, minMinutes: 60, maxMinutes: 240 },
  ],
  OUT_FOR_DELIVERY: [
    { to: 'DELIVERED', weight: 80, minMinutes: 60, maxMinutes: 360 },
    { to: 'DELIVERY_ATTEMPTED', weight: 15, minMinutes: 60, maxMinutes: 360 },
    { to: 'MISHAP', weight: 5, minMinutes: 30, maxMinutes: 240 },
  ],
  DELIVERY_ATTEMPTED: [{ to: 'OUT_FOR_DELIVERY', weight: 1, minMinutes: 720, maxMinutes: 1440 }],
  MISHAP: [
    { to: 'OUT_FOR_DELIVERY', weight: 60, minMinutes: 360, maxMinutes: 1440 },
    { to: 'RETURNED', weight: 40, minMinutes: 1440, maxMinutes: 2880 },
  ],
};

const RETURN_EDGE: Edge = { to: 'RETURNED', weight: 1, minMinutes: 1440, maxMinutes: 2880 };

/** The longest a shipment can stay out of a final state: the clock brings every shipment to one within this. */
export const MAX_LIFETIME_MS = 14 * 24 * 60 * MINUTE;

const ANOMALIES: Partial<Record<CargamosState, readonly CargamosAnomalies[]>> = {
  DELIVERY_ATTEMPTED: [
    { anomaly: 'RECIPIENT_ABSENT', description: 'Nobody was at the address to receive the package.' },
    { anomaly: 'ADDRESS_NOT_FOUND', description: 'The address could not be located.' },
    { anomaly: 'RECIPIENT_UNREACHABLE', description: 'The recipient did not answer the phone.' },
  ],
  MISHAP: [
    { anomaly: 'DAMAGED_PACKAGE', description: 'The package was damaged; instructions from the shipper are expected.' },
    { anomaly: 'UNREADABLE_LABEL', description: 'The barcode could not be scanned; instructions from the shipper are expected.' },
  ],
  RETURNED: [{ anomaly: 'RETURNED_TO_SHIPPER', description: 'The package was returned to the shipper.' }],
};

export interface LifecycleCounters {
  attempts: number;
  mishaps: number;
}

/** Whether `from → to` is an edge of the machine. */
export function isAllowedTransition(from: CargamosState, to: CargamosState): boolean {
  return CARGAMOS_TRANSITIONS[from].includes(to);
}

/** The `anomalies` object of a webhook/history entry for entering `state` (`{}` for states without one). */
export function anomaliesFor(state: CargamosState, rng: Prng): CargamosAnomalies {
  const options = ANOMALIES[state];
  return options ? { ...rng.pick(options) } : {};
}

/**
 * Draws the next step for a shipment that just entered `state` at `at`, from that shipment's own PRNG (so one
 * shipment's draws never shift another's). Null in a final state.
 */
export function planNext(
  state: CargamosState,
  counters: LifecycleCounters,
  at: number,
  rng: Prng,
): { state: CargamosState; at: number; anomalies: CargamosAnomalies } | null {
  if (isFinalState(state)) return null;
  let edges = EDGES[state] ?? [];
  if (state === 'DELIVERY_ATTEMPTED' && counters.attempts >= MAX_DELIVERY_ATTEMPTS) edges = [RETURN_EDGE];
  if (state === 'MISHAP' && counters.mishaps >= MAX_MISHAPS) edges = [RETURN_EDGE];
  const edge = pickWeighted(edges, rng);
  const dwell = rng.int(edge.minMinutes, edge.maxMinutes) * MINUTE;
  return { state: edge.to, at: at + dwell, anomalies: anomaliesFor(edge.to, rng) };
}

function pickWeighted(edges: readonly Edge[], rng: Prng): Edge {
  if (edges.length === 1) return edges[0];
  const total = edges.reduce((sum, e) => sum + e.weight, 0);
  let roll = rng.next() * total;
  for (const e of edges) {
    roll -= e.weight;
    if (roll < 0) return e;
  }
  return edges[edges.length - 1];
}
