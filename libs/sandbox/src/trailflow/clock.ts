/**
 * The sandbox's own time. Load timestamps come from it, not from the wall clock, so a seed gives the same data and the
 * same `updatedAt` values on every run; tests move it explicitly.
 */
export class VirtualClock {
  private current: number;

  constructor(private readonly start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): number {
    if (!Number.isInteger(ms) || ms < 1) throw new RangeError('ms must be a positive integer');
    this.current += ms;
    return this.current;
  }

  /**
   * One millisecond forward, for a write: every write then gets an `updatedAt` later than anything a client has seen,
   * so a client holding a cursor at the previous millisecond cannot miss it.
   */
  tick(): number {
    return this.advance(1);
  }

  reset(): void {
    this.current = this.start;
  }
}
