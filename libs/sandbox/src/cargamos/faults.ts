import { Prng } from '../prng.js';

/**
 * Fault knobs. Shares are in [0, 1] and drawn from PRNGs seeded from the sandbox seed (requests and webhook sends
 * draw from separate streams), so a run repeats exactly.
 */
export interface CargamosFaults {
  /** Share of `/v1` requests answered `500 INTERNAL_SERVER_ERROR` (drawn before the login check, after the token check). */
  errorRate: number;
  /** No webhook is sent (and none is logged) while true: only the tracking endpoint tells the state. */
  webhooksOff: boolean;
  /** Share of state changes after whose webhook the previous state's webhook is sent again, late (e.g. OUT_FOR_DELIVERY after DELIVERED). */
  lateStates: number;
  /** Share of webhook sends made twice in a row with the same body. */
  duplicateSends: number;
}

export const NO_CARGAMOS_FAULTS: CargamosFaults = { errorRate: 0, webhooksOff: false, lateStates: 0, duplicateSends: 0 };

const KNOBS = Object.keys(NO_CARGAMOS_FAULTS) as (keyof CargamosFaults)[];

/** Checks a partial knob set; the message names the wrong field. */
export function validateFaults(input: unknown): Partial<CargamosFaults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new RangeError('faults must be an object');
  const out: Partial<CargamosFaults> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(KNOBS as string[]).includes(key)) throw new RangeError(`${key} is not a fault knob (known: ${KNOBS.join(', ')})`);
    if (key === 'webhooksOff') {
      if (typeof value !== 'boolean') throw new RangeError('webhooksOff must be true or false');
      out.webhooksOff = value;
      continue;
    }
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new RangeError(`${key} must be a number from 0 to 1`);
    (out as Record<string, number>)[key] = value;
  }
  return out;
}

export class FaultInjector {
  private current: CargamosFaults;
  private requestRng: Prng;
  private webhookRng: Prng;

  constructor(
    private readonly requestSeed: number,
    private readonly webhookSeed: number,
    private readonly initial: Partial<CargamosFaults> = {},
  ) {
    this.current = { ...NO_CARGAMOS_FAULTS, ...validateFaults(initial) };
    this.requestRng = new Prng(requestSeed);
    this.webhookRng = new Prng(webhookSeed);
  }

  get(): CargamosFaults {
    return { ...this.current };
  }

  set(partial: Partial<CargamosFaults>): CargamosFaults {
    this.current = { ...this.current, ...validateFaults(partial) };
    return this.get();
  }

  reset(): void {
    this.current = { ...NO_CARGAMOS_FAULTS, ...validateFaults(this.initial) };
    this.requestRng = new Prng(this.requestSeed);
    this.webhookRng = new Prng(this.webhookSeed);
  }

  /** One draw per `/v1` request (none when the knob is 0). */
  serverError(): boolean {
    return this.requestRng.chance(this.current.errorRate);
  }

  lateState(): boolean {
    return this.webhookRng.chance(this.current.lateStates);
  }

  duplicateSend(): boolean {
    return this.webhookRng.chance(this.current.duplicateSends);
  }
}
