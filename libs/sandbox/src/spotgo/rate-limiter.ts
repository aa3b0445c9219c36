/**
 * README "Rate limit": a fixed window per API key. The window opens with the key's first request and lasts
 * `windowMs` (default 60 s) of wall-clock time; refused requests do not count. A refusal says how long until the
 * window ends (`Retry-After`, whole seconds, at least 1).
 */
export const DEFAULT_RATE_WINDOW_MS = 60_000;
export const DEFAULT_RATE_LIMIT = 100;

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly windowMs: number = DEFAULT_RATE_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** null when allowed; otherwise the seconds to wait. */
  take(key: string, limit: number): number | null {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= limit) return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
    w.count++;
    return null;
  }

  remaining(key: string, limit: number): number {
    const w = this.windows.get(key);
    return w ? Math.max(0, limit - w.count) : limit;
  }

  clear(): void {
    this.windows.clear();
  }
}
