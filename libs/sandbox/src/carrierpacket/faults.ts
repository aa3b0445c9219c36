import { SeededFaults } from '../shared/seeded-faults.js';

/** Fault knobs: shares in [0, 1] of API requests (not `/_sandbox`); draws come from a PRNG seeded from `seed`. */
export interface CarrierpacketFaults {
  /** Share answered `500 server_error` (REST "Errors"), for the adapter's 5xx retries. */
  errorRate: number;
  /** Share whose connection is closed without an answer: the "network failures" of REST "Retry strategy". */
  dropRate: number;
}

export const NO_CARRIERPACKET_FAULTS: CarrierpacketFaults = { errorRate: 0, dropRate: 0 };

const KNOBS = Object.keys(NO_CARRIERPACKET_FAULTS) as (keyof CarrierpacketFaults)[];

/** Checks a partial knob set; the message names the wrong field. */
export function validateFaults(input: unknown): Partial<CarrierpacketFaults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('faults must be an object');
  const out: Partial<CarrierpacketFaults> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(KNOBS as string[]).includes(key)) throw new Error(`${key} is not a fault knob (known: ${KNOBS.join(', ')})`);
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new Error(`${key} must be a number from 0 to 1`);
    out[key as keyof CarrierpacketFaults] = value;
  }
  return out;
}

export type RequestFault = 'error' | 'drop' | null;

export class FaultInjector extends SeededFaults<CarrierpacketFaults> {
  constructor(seed: number, initial: Partial<CarrierpacketFaults> = {}) {
    super(NO_CARRIERPACKET_FAULTS, validateFaults, seed, initial);
  }

  /** One draw per knob and request, a disabled knob drawing nothing (Prng.chance), so a run repeats exactly. */
  draw(): RequestFault {
    const drop = this.rng.chance(this.current.dropRate);
    const error = this.rng.chance(this.current.errorRate);
    return drop ? 'drop' : error ? 'error' : null;
  }
}
