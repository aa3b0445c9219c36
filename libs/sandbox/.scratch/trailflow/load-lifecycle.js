import { TRACKABLE_STATUSES } from './trailflow.types.js';
/** The forward path the clock moves loads along; DELIVERED and CANCELLED are terminal. */
const NEXT_STATUS = {
    DRAFT: 'ASSIGNED',
    ASSIGNED: 'LOADED',
    LOADED: 'IN_TRANSIT',
    IN_TRANSIT: 'DELIVERED',
};
export function nextStatus(status) {
    return NEXT_STATUS[status] ?? null;
}
export function isTerminal(status) {
    return nextStatus(status) === null;
}
// FACTS §4 and README assumption 4.
export function isTrackable(status) {
    return TRACKABLE_STATUSES.includes(status);
}
/** Stop statuses that agree with the load status (README assumption 6 keeps them verbatim, so any words do). */
export function stopStatusFor(loadStatus, stop, lastSequence) {
    switch (loadStatus) {
        case 'LOADED':
            return stop.sequence === 0 ? 'completed' : 'scheduled';
        case 'IN_TRANSIT':
            return stop.kind === 'pickup' ? 'completed' : stop.sequence === lastSequence ? 'scheduled' : 'arrived';
        case 'DELIVERED':
            return 'completed';
        case 'CANCELLED':
            return 'cancelled';
        default:
            return 'scheduled';
    }
}
export function applyStopStatuses(load) {
    const last = load.stops.length - 1;
    for (const stop of load.stops)
        stop.status = stopStatusFor(load.status, stop, last);
}
/** Where a truck plausibly is for a status: at the first stop, between stops, or at the last one. */
export function locationFor(load, recordedAt, source, jitter, fallback) {
    const first = load.stops[0] ?? fallback;
    const last = load.stops[load.stops.length - 1] ?? fallback;
    const progress = load.status === 'IN_TRANSIT' ? 0.2 + 0.6 * jitter : load.status === 'DELIVERED' ? 1 : 0;
    const round = (n) => Math.round(n * 10_000) / 10_000;
    return {
        latitude: round(first.latitude + (last.latitude - first.latitude) * progress + (jitter - 0.5) * 0.01),
        longitude: round(first.longitude + (last.longitude - first.longitude) * progress + (jitter - 0.5) * 0.01),
        recordedAt,
        source,
    };
}
