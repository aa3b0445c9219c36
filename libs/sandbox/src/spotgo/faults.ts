import { SeededFaults } from '../shared/seeded-faults.js';

/** Fault knobs: shares in [0, 1] of API requests (not `/_sandbox`); draws come from a PRNG seeded from `seed`. */
export interface SpotgoFaults {
  /** Share answered `500` ProblemDetails (`InternalError`). */
  errorRate: number;
  /** Share answered `429` with `Retry-After: 1` whatever the key's window says; 1 = a storm that lasts until reset. */
  rateLimitStorm: number;
  /** Share whose connection is closed without an answer. */
  dropRate: number;
}

export const NO_SPOTGO_FAULTS: SpotgoFaults = { errorRate: 0, rateLimitStorm: 0, dropRate: 0 };
const KNOBS = Object.keys(NO_SPOTGO_FAULTS) as (keyof SpotgoFaults)[];

export function validateFaults(input: unknown): Partial<SpotgoFaults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new RangeError('faults must be an object');
  const out: Partial<SpotgoFaults> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(KNOBS as string[]).includes(key)) throw new RangeError(`${key} is not a fault knob (known: ${KNOBS.join(', ')})`);
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new RangeError(`${key} must be a number from 0 to 1`);
    out[key as keyof SpotgoFaults] = value;
  }
  return out;
}

export type RequestFault = 'drop' | 'rateLimited' | 'error' | null;

export class FaultInjector extends SeededFaults<SpotgoFaults> {
  constructor(seed: number, initial: Partial<SpotgoFaults> = {}) {
    super(NO_SPOTGO_FAULTS, validateFaults, seed, initial);
  }

  /** One draw per knob and request (a disabled knob draws nothing), so a run repeats exactly. */
  draw(): RequestFault {
    const drop = this.rng.chance(this.current.dropRate);
    const storm = this.rng.chance(this.current.rateLimitStorm);
    const error = this.rng.chance(this.current.errorRate);
    return drop ? 'drop' : storm ? 'rateLimited' : error ? 'error' : null;
  }
}
