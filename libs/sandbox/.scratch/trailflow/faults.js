import { Prng } from '../prng.js';
export const NO_FAULTS = {
    rateLimitedShare: 0,
    serverErrorShare: 0,
    slowShare: 0,
    slowDelayMs: 0,
    malformedShare: 0,
    duplicateDeliveryShare: 0,
    outOfOrderShare: 0,
};
const SHARE_KEYS = ['rateLimitedShare', 'serverErrorShare', 'slowShare', 'malformedShare', 'duplicateDeliveryShare', 'outOfOrderShare'];
/** Checks a partial knob set; the message names the first wrong field. */
export function validateFaults(input) {
    if (typeof input !== 'object' || input === null || Array.isArray(input))
        throw new Error('faults must be an object');
    const out = {};
    for (const [key, value] of Object.entries(input)) {
        if (SHARE_KEYS.includes(key)) {
            if (typeof value !== 'number' || !(value >= 0 && value <= 1))
                throw new Error(`${key} must be a number from 0 to 1`);
        }
        else if (key === 'slowDelayMs') {
            if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
                throw new Error('slowDelayMs must be a non-negative integer');
        }
        else {
            throw new Error(`${key} is not a fault knob (known: ${[...SHARE_KEYS, 'slowDelayMs'].join(', ')})`);
        }
        out[key] = value;
    }
    return out;
}
export class FaultInjector {
    seed;
    initial;
    current;
    rng;
    constructor(seed, initial = {}) {
        this.seed = seed;
        this.initial = initial;
        this.current = { ...NO_FAULTS, ...validateFaults(initial) };
        this.rng = new Prng(seed);
    }
    get() {
        return { ...this.current };
    }
    set(partial) {
        this.current = { ...this.current, ...validateFaults(partial) };
        return this.get();
    }
    reset() {
        this.current = { ...NO_FAULTS, ...this.initial };
        this.rng = new Prng(this.seed);
    }
    drawRequest() {
        const f = this.current;
        return {
            rateLimited: this.rng.chance(f.rateLimitedShare),
            serverError: this.rng.chance(f.serverErrorShare),
            delayMs: this.rng.chance(f.slowShare) ? f.slowDelayMs : 0,
            malformed: this.rng.chance(f.malformedShare),
        };
    }
    drawDelivery() {
        return {
            duplicate: this.rng.chance(this.current.duplicateDeliveryShare),
            outOfOrder: this.rng.chance(this.current.outOfOrderShare),
        };
    }
}
