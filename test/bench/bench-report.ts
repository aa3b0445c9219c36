import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchEngine } from './bench-database.js';
import type { PhaseResult } from './bench-result.js';

export interface BenchRun {
  node: string;
  engine: BenchEngine;
  queue: 'bullmq' | 'in-process';
  cpus: number;
  startedAt: string;
  finishedAt: string;
  phases: PhaseResult[];
}

export function describeRun(engine: BenchEngine, startedAt: Date, phases: PhaseResult[]): BenchRun {
  return {
    node: process.version,
    engine,
    queue: process.env.REDIS_URL ? 'bullmq' : 'in-process',
    cpus: cpus().length,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    phases,
  };
}

export function printTable(run: BenchRun): void {
  console.log(`\nWaybill bench: node ${run.node}, ${run.engine}, ${run.queue} queue, ${run.cpus} CPUs`);
  const header = ['phase', 'loads', 'count', 'ms', 'rate', 'p50 ms', 'p95 ms', 'rss MB', 'heapUsed MB'];
  const rows = run.phases.map((p) => [
    p.phase,
    p.loads,
    p.count,
    p.ms,
    p.rate === null ? '' : `${p.rate} ${p.rateUnit}`,
    p.p50Ms ?? '',
    p.p95Ms ?? '',
    p.rssMb,
    p.heapUsedMb,
  ].map(String));
  console.log(alignedTable(header, rows));
}

/** Plain aligned text (console.table quotes every string): text left-aligned, figures right-aligned. */
function alignedTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = header.map((_, i) => rows.every((r) => r[i] === '' || !Number.isNaN(Number(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// The repository root, whether this runs from test/bench or from dist/test/bench.
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = here.includes(join('dist', 'test', 'bench')) ? join(here, '..', '..', '..') : join(here, '..', '..');

/** Writes bench-results/bench-<engine>-<ISO time>.json (colons in the time become dashes, for every file system). */
export async function writeResult(run: BenchRun): Promise<string> {
  const dir = join(repoRoot, 'bench-results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `bench-${run.engine}-${run.startedAt.replace(/:/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
  return relative(process.cwd(), file);
}
