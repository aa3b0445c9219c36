import { CITIES } from './geo-catalog.js';
import { applyStopStatuses, isTrackable, locationFor, nextStatus } from './load-lifecycle.js';
/**
 * What the virtual clock does to the world when it moves: `changes` non-terminal loads, picked by the seeded PRNG,
 * go one status forward, get `updatedAt = now` and, while trackable, a fresh tracking ping.
 */
export function progressLoads(store, rng, changes, now) {
    const candidates = store.nonTerminalLoads();
    const positions = rng.shuffle(candidates.map((_, i) => i)).slice(0, Math.max(0, changes));
    // Changed ids are reported in creation order, independent of the draw order.
    const picked = positions.sort((a, b) => a - b).map((i) => candidates[i]);
    for (const load of picked) {
        const next = nextStatus(load.status);
        if (next === null)
            continue;
        load.status = next;
        // A dispatcher books a carrier when a draft is assigned; some still run without a known vehicle.
        if (next === 'ASSIGNED' && load.carrierId === null) {
            load.carrierId = rng.pick(store.allCarriers()).id;
        }
        applyStopStatuses(load);
        if (isTrackable(next)) {
            load.lastKnownLocation = locationFor(load, now, rng.pick(['motive', 'samsara']), rng.next(), rng.pick(CITIES));
        }
        load.updatedAt = now;
    }
    store.changed();
    return picked;
}
