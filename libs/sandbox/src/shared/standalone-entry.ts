/**
 * What the standalone entries (`main.ts` of each provider) share: reading settings from the environment, where a bad
 * value stops the start with a message that names the variable, and the start/stop lifecycle of the process.
 */

export interface EnvReader {
  /** An integer from `min` to `max`; unset or empty gives `fallback`. */
  int(name: string, fallback: number, min: number, max: number): number;
  /** A finite non-negative number; unset or empty gives `fallback`. */
  number(name: string, fallback: number): number;
  /** `true` or `false`; unset or empty is false. */
  bool(name: string): boolean;
  /** Any text; unset or empty gives `fallback`. */
  text(name: string, fallback: string): string;
}

/**
 * Reads `<prefix><name>` variables. `signedIntegers`: also accept a leading minus sign before the range check (the
 * TrailFlow entry always did; the range still decides).
 */
export function envReader(prefix: string, opts: { signedIntegers?: boolean } = {}): EnvReader {
  const integer = opts.signedIntegers ? /^-?\d+$/ : /^\d+$/;
  return {
    int(name, fallback, min, max) {
      const raw = process.env[prefix + name];
      if (raw === undefined || raw === '') return fallback;
      const n = Number(raw);
      if (!integer.test(raw) || n < min || n > max) throw new Error(`${prefix}${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return n;
    },
    number(name, fallback) {
      const raw = process.env[prefix + name];
      if (raw === undefined || raw === '') return fallback;
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${prefix}${name} must be a non-negative number (got "${raw}")`);
      return n;
    },
    bool(name) {
      const raw = process.env[prefix + name];
      if (raw === undefined || raw === '' || raw === 'false') return false;
      if (raw === 'true') return true;
      throw new Error(`${prefix}${name} must be true or false (got "${raw}")`);
    },
    text(name, fallback) {
      return process.env[prefix + name] || fallback;
    },
  };
}

/**
 * Runs a standalone sandbox: `start` builds it, listens and prints where; SIGINT/SIGTERM close it and end the process.
 * A failed start prints `<name> sandbox did not start: <reason>` and exits with 1.
 */
export function runStandalone(name: string, start: () => Promise<{ close(): Promise<void> }>): void {
  const main = async (): Promise<void> => {
    const sandbox = await start();
    const stop = () => {
      sandbox.close().then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  };
  main().catch((err: unknown) => {
    console.error(`${name} sandbox did not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
