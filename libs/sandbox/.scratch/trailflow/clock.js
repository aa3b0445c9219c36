/**
 * The sandbox's own time. Load timestamps come from it, not from the wall clock, so a seed gives the same data and the
 * same `updatedAt` values on every run; tests move it explicitly.
 */
export class VirtualClock {
    start;
    current;
    constructor(start) {
        this.start = start;
        this.current = start;
    }
    now() {
        return this.current;
    }
    advance(ms) {
        if (!Number.isInteger(ms) || ms < 1)
            throw new RangeError('ms must be a positive integer');
        this.current += ms;
        return this.current;
    }
    /**
     * One millisecond forward, for a write: every write then gets an `updatedAt` later than anything a client has seen,
     * so a client holding a cursor at the previous millisecond cannot miss it.
     */
    tick() {
        return this.advance(1);
    }
    reset() {
        this.current = this.start;
    }
}
