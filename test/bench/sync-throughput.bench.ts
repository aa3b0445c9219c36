import type { BenchHub } from './bench-hub.js';
import type { PhaseResult } from './bench-result.js';
import { memorySnapshot, perSecond, timed } from './bench-stats.js';

const SYNC_TIMEOUT_MS = 150_000;

/** A full sync of a fresh hub: trigger, then wait for the run's end as a TMS operator would see it in GET /v1/sync. */
export async function fullSync(hub: BenchHub, loads: number, pageSize: number): Promise<PhaseResult> {
  const { ms, value: row } = await timed(() => hub.syncRun(SYNC_TIMEOUT_MS));
  // A run that saw fewer loads than the sandbox holds would make the rate a lie.
  if (row.lastRun.seen !== loads || row.lastRun.failed !== 0) {
    throw new Error(`full sync of ${loads} loads reported seen=${row.lastRun.seen} failed=${row.lastRun.failed}`);
  }
  return {
    phase: 'full sync',
    loads,
    count: loads,
    ms,
    rate: perSecond(loads, ms),
    rateUnit: 'loads/s',
    details: { pageSize, serverMs: serverMs(row), lastRun: row.lastRun },
    ...memorySnapshot(),
  };
}

/** A second run right after the full sync, with nothing changed at the provider: the cost of a quiet poll. */
export async function incrementalNoChange(hub: BenchHub, loads: number): Promise<PhaseResult> {
  const { ms, value: row } = await timed(() => hub.syncRun(SYNC_TIMEOUT_MS));
  if (row.lastRun.changed !== 0 || row.lastRun.failed !== 0) {
    throw new Error(`no-change run reported changed=${row.lastRun.changed} failed=${row.lastRun.failed}`);
  }
  return {
    phase: 'incremental (no change)',
    loads,
    count: row.lastRun.seen,
    ms,
    rate: null,
    rateUnit: null,
    details: { serverMs: serverMs(row), lastRun: row.lastRun },
    ...memorySnapshot(),
  };
}

/** The run's length by the hub's own clock (start of the run to its success), without the polling of the bench. */
function serverMs(row: { lastRunAt: string | null; lastSuccessAt: string | null }): number | null {
  return row.lastRunAt && row.lastSuccessAt ? Date.parse(row.lastSuccessAt) - Date.parse(row.lastRunAt) : null;
}
