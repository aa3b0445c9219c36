/**
 * Seeded pseudo-random numbers (mulberry32). Simulators draw every "random" choice from one of these so that the
 * same seed gives the same data and the same fault sequence on every run; Math.random is never used for data.
 */
export class Prng {
    state;
    constructor(seed) {
        this.state = seed >>> 0;
    }
    /** A float in [0, 1). */
    next() {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    /** An integer in [min, max], both ends included. */
    int(min, max) {
        return min + Math.floor(this.next() * (max - min + 1));
    }
    /** True with probability `p`; draws nothing when p is 0, so a disabled knob does not shift later draws. */
    chance(p) {
        if (p <= 0)
            return false;
        return this.next() < p;
    }
    pick(items) {
        if (items.length === 0)
            throw new Error('Prng.pick: empty list');
        return items[this.int(0, items.length - 1)];
    }
    /** A shuffled copy (Fisher-Yates). */
    shuffle(items) {
        const copy = [...items];
        for (let i = copy.length - 1; i > 0; i--) {
            const j = this.int(0, i);
            [copy[i], copy[j]] = [copy[j], copy[i]];
        }
        return copy;
    }
}
/** A seed for an independent stream (data, clock changes, faults) so that drawing more in one does not shift another. */
export function deriveSeed(seed, label) {
    let h = (seed ^ 0x811c9dc5) >>> 0;
    for (let i = 0; i < label.length; i++) {
        h ^= label.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
}
