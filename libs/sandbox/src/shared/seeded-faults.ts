import { Prng } from '../prng.js';

/**
 * The knob-keeping half of a provider's `FaultInjector`: the knobs in force (the provider's "none", then the options'
 * initial knobs, then whatever `set` adds) and one PRNG seeded from `seed`, both back to their start on `reset`, so a
 * run repeats exactly. The provider's subclass adds the draws (what each knob does is the provider's).
 */
export abstract class SeededFaults<F extends object> {
  protected current: F;
  protected rng: Prng;

  protected constructor(
    private readonly none: F,
    private readonly validate: (input: unknown) => Partial<F>,
    private readonly seed: number,
    private readonly initial: Partial<F>,
  ) {
    this.current = { ...none, ...validate(initial) };
    this.rng = new Prng(seed);
  }

  get(): F {
    return { ...this.current };
  }

  set(partial: Partial<F>): F {
    this.current = { ...this.current, ...this.validate(partial) };
    return this.get();
  }

  /** The initial knobs were checked at construction, so they are not checked again. */
  reset(): void {
    this.current = { ...this.none, ...this.initial };
    this.rng = new Prng(this.seed);
  }
}
