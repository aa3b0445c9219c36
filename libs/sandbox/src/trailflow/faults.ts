import { SeededFaults } from '../shared/seeded-faults.js';

/** Fault knobs. Shares are probabilities in [0, 1]; every draw comes from a seeded PRNG, so a run can be repeated. */
export interface TrailflowFaults {
  /** Share of API requests answered 429 `rate_limited` regardless of the real limit. */
  rateLimitedShare: number;
  /** Share of API requests answered 500 `internal_error`. */
  serverErrorShare: number;
  /** Share of API requests delayed by `slowDelayMs` before they are handled. */
  slowShare: number;
  slowDelayMs: number;
  /** Share of 200 answers whose JSON body is cut in half (still status 200). */
  malformedShare: number;
  /** Share of webhook deliveries sent twice with the same delivery id. */
  duplicateDeliveryShare: number;
  /** Share of webhook deliveries held back until a newer delivery for the same load has been sent. */
  outOfOrderShare: number;
}

export const NO_FAULTS: TrailflowFaults = {
  rateLimitedShare: 0,
  serverErrorShare: 0,
  slowShare: 0,
  slowDelayMs: 0,
  malformedShare: 0,
  duplicateDeliveryShare: 0,
  outOfOrderShare: 0,
};

const SHARE_KEYS = ['rateLimitedShare', 'serverErrorShare', 'slowShare', 'malformedShare', 'duplicateDeliveryShare', 'outOfOrderShare'] as const;

/** Checks a partial knob set; the message names the first wrong field. */
export function validateFaults(input: unknown): Partial<TrailflowFaults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('faults must be an object');
  const out: Partial<TrailflowFaults> = {};
  for (const [key, value] of Object.entries(input)) {
    if ((SHARE_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new Error(`${key} must be a number from 0 to 1`);
    } else if (key === 'slowDelayMs') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error('slowDelayMs must be a non-negative integer');
    } else {
      throw new Error(`${key} is not a fault knob (known: ${[...SHARE_KEYS, 'slowDelayMs'].join(', ')})`);
    }
    out[key as keyof TrailflowFaults] = value;
  }
  return out;
}

export interface RequestFaults {
  rateLimited: boolean;
  serverError: boolean;
  delayMs: number;
  malformed: boolean;
}

export interface DeliveryFaults {
  duplicate: boolean;
  outOfOrder: boolean;
}

export class FaultInjector extends SeededFaults<TrailflowFaults> {
  constructor(seed: number, initial: Partial<TrailflowFaults> = {}) {
    super(NO_FAULTS, validateFaults, seed, initial);
  }

  drawRequest(): RequestFaults {
    const f = this.current;
    return {
      rateLimited: this.rng.chance(f.rateLimitedShare),
      serverError: this.rng.chance(f.serverErrorShare),
      delayMs: this.rng.chance(f.slowShare) ? f.slowDelayMs : 0,
      malformed: this.rng.chance(f.malformedShare),
    };
  }

  drawDelivery(): DeliveryFaults {
    return {
      duplicate: this.rng.chance(this.current.duplicateDeliveryShare),
      outOfOrder: this.rng.chance(this.current.outOfOrderShare),
    };
  }
}
