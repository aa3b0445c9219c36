import { Prng, deriveSeed } from '../prng.js';
import { isFinalState, type CargamosChange, type CargamosShipmentRecord, type CargamosShipmentTruth, type CargamosTracking } from './cargamos.types.js';
import { planNext } from './shipment-lifecycle.js';

const keyOf = (shipperKey: string, trackingId: string) => `${shipperKey}\u0000${trackingId}`;

/**
 * Integrated shipments, per shipper. A trackingId is unique within a shipper (it is the shipperTrackingId when one was
 * sent); generated ones (`CH` + 11 digits) are unique across the sandbox. Each shipment draws its life cycle from
 * its own PRNG, seeded from the sandbox seed and its shipmentId.
 */
export class ShipmentStore {
  private readonly records = new Map<string, CargamosShipmentRecord>();
  private readonly rngs = new Map<string, Prng>();
  private readonly byShipmentId = new Map<string, CargamosShipmentRecord>();
  private readonly trackingIds = new Set<string>();
  private lots = 0;

  constructor(private readonly seed: number) {}

  find(shipperKey: string, trackingId: string): CargamosShipmentRecord | undefined {
    return this.records.get(keyOf(shipperKey, trackingId));
  }

  /** True when any shipper already uses `trackingId` (generated ids avoid every existing one). */
  trackingIdTaken(trackingId: string): boolean {
    return this.trackingIds.has(trackingId);
  }

  byShipment(shipmentId: string): CargamosShipmentRecord | undefined {
    return this.byShipmentId.get(shipmentId);
  }

  create(input: {
    shipperKey: string;
    trackingId: string;
    shipmentId: string;
    shipperTrackingId: string | null;
    request: Record<string, unknown>;
    now: number;
  }): { record: CargamosShipmentRecord; change: CargamosChange } {
    const rng = new Prng(deriveSeed(this.seed, `cargamos-life:${input.shipmentId}`));
    const record: CargamosShipmentRecord = {
      trackingId: input.trackingId,
      shipmentId: input.shipmentId,
      shipperTrackingId: input.shipperTrackingId,
      shipperKey: input.shipperKey,
      lotNumber: ++this.lots,
      createdAt: input.now,
      request: input.request,
      state: 'CREATED',
      updatedAt: input.now,
      history: [{ state: 'CREATED', timestamp: input.now, anomalies: {} }],
      attempts: 0,
      mishaps: 0,
      next: null,
    };
    record.next = planNext('CREATED', record, input.now, rng);
    this.records.set(keyOf(input.shipperKey, input.trackingId), record);
    this.rngs.set(record.shipmentId, rng);
    this.byShipmentId.set(record.shipmentId, record);
    this.trackingIds.add(record.trackingId);
    return { record, change: { trackingId: record.trackingId, shipmentId: record.shipmentId, from: null, to: 'CREATED', at: input.now } };
  }

  /** Creation order. */
  all(): CargamosShipmentRecord[] {
    return [...this.records.values()];
  }

  /** Shipments not in a final state, creation order. */
  active(): CargamosShipmentRecord[] {
    return this.all().filter((r) => !isFinalState(r.state));
  }

  /**
   * Takes every planned step due at or before `until`, each at its due time, earliest first (ties in creation order),
   * including steps planned by steps taken here. One pass over the shipments, then a sorted queue.
   */
  takeDue(until: number): CargamosChange[] {
    const order = new Map<CargamosShipmentRecord, number>();
    const queue: CargamosShipmentRecord[] = [];
    let i = 0;
    for (const r of this.records.values()) {
      order.set(r, i++);
      if (r.next && r.next.at <= until) queue.push(r);
    }
    const before = (a: CargamosShipmentRecord, b: CargamosShipmentRecord) => a.next!.at - b.next!.at || order.get(a)! - order.get(b)!;
    queue.sort(before);
    const changes: CargamosChange[] = [];
    while (queue.length > 0) {
      const r = queue.shift()!;
      changes.push(this.step(r, r.next!.at));
      if (r.next && r.next.at <= until) {
        let lo = 0;
        let hi = queue.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (before(queue[mid], r) <= 0) lo = mid + 1;
          else hi = mid;
        }
        queue.splice(lo, 0, r);
      }
    }
    return changes;
  }

  /** Takes the shipment's planned step at `at` and plans the one after it. */
  step(record: CargamosShipmentRecord, at: number): CargamosChange {
    const next = record.next;
    if (!next) throw new Error(`shipment ${record.trackingId} is in a final state`);
    const from = record.state;
    record.state = next.state;
    record.updatedAt = at;
    record.history.push({ state: next.state, timestamp: at, anomalies: next.anomalies });
    if (next.state === 'DELIVERY_ATTEMPTED') record.attempts++;
    if (next.state === 'MISHAP') record.mishaps++;
    record.next = planNext(next.state, record, at, this.rngs.get(record.shipmentId)!);
    return { trackingId: record.trackingId, shipmentId: record.shipmentId, from, to: next.state, at };
  }
}

export function trackingView(r: CargamosShipmentRecord): CargamosTracking {
  return {
    trackingId: r.trackingId,
    shipmentId: r.shipmentId,
    shipperTrackingId: r.shipperTrackingId,
    state: r.state,
    final: isFinalState(r.state),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    expectedDeliveryDate: r.request.expectedDeliveryDate,
    history: r.history.map((h) => ({ ...h, anomalies: { ...h.anomalies } })),
  };
}

export function truthView(r: CargamosShipmentRecord): CargamosShipmentTruth {
  return { ...trackingView(r), shipperKey: r.shipperKey, lotNumber: r.lotNumber, request: structuredClone(r.request) };
}
