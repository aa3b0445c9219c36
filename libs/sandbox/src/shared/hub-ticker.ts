/**
 * The clock ticker of a sandbox the hub runs in-process (`*.sandbox-definition.ts`): started once the hub listens,
 * unref'd so it never keeps the process alive, stopped before the sandbox closes.
 */
export interface HubTicker {
  /** Calls `tick` every `tickSeconds`; does nothing when `tickSeconds` is 0 or less. */
  start(): void;
  /** Stops the ticker, then closes the sandbox. */
  closeAfter(close: () => Promise<void>): Promise<void>;
}

export function hubTicker(tickSeconds: number, tick: () => void): HubTicker {
  let ticker: NodeJS.Timeout | undefined;
  return {
    start() {
      if (tickSeconds > 0) {
        ticker = setInterval(tick, tickSeconds * 1000);
        ticker.unref();
      }
    },
    async closeAfter(close) {
      if (ticker) clearInterval(ticker);
      await close();
    },
  };
}
