import { isTrackable } from './load-lifecycle.js';
import type {
  LoadEmbed, LoadRecord, TrailflowBareLoad, TrailflowCarrier, TrailflowCustomer, TrailflowLoadTruth, TrailflowTracking,
  TrailflowVehicle,
} from './trailflow.types.js';

/** Read access the views need; the load store implements it. */
export interface LoadLookups {
  customer(id: string | null): TrailflowCustomer | undefined;
  carrier(id: string | null): TrailflowCarrier | undefined;
  vehicle(id: string | null): TrailflowVehicle | undefined;
}

export function bareLoad(load: LoadRecord): TrailflowBareLoad {
  return {
    id: load.id,
    externalId: load.externalId,
    orderNumber: load.orderNumber,
    status: load.status,
    eligibleForTracking: isTrackable(load.status),
    rate: load.rate,
    notes: load.notes,
    customerId: load.customerId,
    carrierId: load.carrierId,
    vehicleId: load.vehicleId,
    createdAt: load.createdAt,
    updatedAt: load.updatedAt,
  };
}

// EX "Get Load Response": embedded customers and carriers carry no updatedAt (the list routes do).
export function customerEmbed(c: TrailflowCustomer | undefined): Omit<TrailflowCustomer, 'updatedAt'> | null {
  if (!c) return null;
  const { updatedAt: _omit, ...rest } = c;
  return { ...rest };
}

export function carrierEmbed(c: TrailflowCarrier | undefined): Omit<TrailflowCarrier, 'updatedAt'> | null {
  if (!c) return null;
  const { updatedAt: _omit, ...rest } = c;
  return { ...rest };
}

// EX "Get Tracking Response"; README assumption 13.
export function trackingView(load: LoadRecord): TrailflowTracking {
  const eligible = isTrackable(load.status);
  return {
    loadId: load.id,
    externalId: load.externalId,
    status: load.status,
    eligibleForTracking: eligible,
    eligibilityReason: eligible ? null : 'load_status_not_trackable',
    routeCount: load.stops.length,
    lastKnownLocation: load.lastKnownLocation ? { ...load.lastKnownLocation } : null,
  };
}

/** The load with the listed embeds, keys in the order of EX "List Loads Response". */
export function loadView(load: LoadRecord, lookups: LoadLookups, include: ReadonlySet<LoadEmbed>): Record<string, unknown> {
  const { createdAt, updatedAt, ...head } = bareLoad(load);
  const view: Record<string, unknown> = { ...head };
  if (include.has('customer')) view.customer = customerEmbed(lookups.customer(load.customerId));
  if (include.has('carrier')) view.carrier = carrierEmbed(lookups.carrier(load.carrierId));
  if (include.has('vehicle')) {
    const vehicle = lookups.vehicle(load.vehicleId);
    view.vehicle = vehicle ? { ...vehicle } : null;
  }
  if (include.has('stops')) view.stops = load.stops.map((stop) => ({ ...stop }));
  if (include.has('tracking')) view.tracking = trackingView(load);
  view.createdAt = createdAt;
  view.updatedAt = updatedAt;
  return view;
}

const ALL_EMBEDS: ReadonlySet<LoadEmbed> = new Set(['customer', 'carrier', 'vehicle', 'stops', 'tracking']);

/** README assumption 3: the detail route always embeds everything. */
export function fullLoadView(load: LoadRecord, lookups: LoadLookups): TrailflowLoadTruth {
  return loadView(load, lookups, ALL_EMBEDS) as unknown as TrailflowLoadTruth;
}
