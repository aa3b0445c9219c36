/** Memory of the whole bench process (sandbox, hub and load generator share it), in MB. */
export interface MemorySnapshot {
  rssMb: number;
  heapUsedMb: number;
}

export function memorySnapshot(): MemorySnapshot {
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed) };
}

/** Items per second, one decimal. */
export function perSecond(count: number, ms: number): number {
  return round1(count / (ms / 1000));
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const round1 = (n: number): number => Math.round(n * 10) / 10;

const mb = (bytes: number): number => round1(bytes / 1024 / 1024);

/** Milliseconds `fn` took (monotonic clock), with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: round1(performance.now() - start), value };
}
