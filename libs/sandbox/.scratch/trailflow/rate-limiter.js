/**
 * Per-key, per-minute limit (FACTS §5: default 60, range 1–600 for real keys; the sandbox allows more for the hub's
 * benchmarks). A window opens with the first request and lasts 60 s of wall-clock time; refused requests do not count.
 */
const WINDOW_MS = 60_000;
export class RateLimiter {
    now;
    windows = new Map();
    constructor(now = Date.now) {
        this.now = now;
    }
    allow(key, perMinute) {
        const now = this.now();
        let window = this.windows.get(key);
        if (!window || now - window.start >= WINDOW_MS) {
            window = { start: now, count: 0 };
            this.windows.set(key, window);
        }
        if (window.count >= perMinute)
            return false;
        window.count++;
        return true;
    }
    clear() {
        this.windows.clear();
    }
}
