import { isTrackable } from './load-lifecycle.js';
export function bareLoad(load) {
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
export function customerEmbed(c) {
    if (!c)
        return null;
    const { updatedAt: _omit, ...rest } = c;
    return { ...rest };
}
export function carrierEmbed(c) {
    if (!c)
        return null;
    const { updatedAt: _omit, ...rest } = c;
    return { ...rest };
}
// EX "Get Tracking Response"; README assumption 13.
export function trackingView(load) {
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
export function loadView(load, lookups, include) {
    const { createdAt, updatedAt, ...head } = bareLoad(load);
    const view = { ...head };
    if (include.has('customer'))
        view.customer = customerEmbed(lookups.customer(load.customerId));
    if (include.has('carrier'))
        view.carrier = carrierEmbed(lookups.carrier(load.carrierId));
    if (include.has('vehicle')) {
        const vehicle = lookups.vehicle(load.vehicleId);
        view.vehicle = vehicle ? { ...vehicle } : null;
    }
    if (include.has('stops'))
        view.stops = load.stops.map((stop) => ({ ...stop }));
    if (include.has('tracking'))
        view.tracking = trackingView(load);
    view.createdAt = createdAt;
    view.updatedAt = updatedAt;
    return view;
}
const ALL_EMBEDS = new Set(['customer', 'carrier', 'vehicle', 'stops', 'tracking']);
/** README assumption 3: the detail route always embeds everything. */
export function fullLoadView(load, lookups) {
    return loadView(load, lookups, ALL_EMBEDS);
}
