import type { CarrierpacketSandbox } from '@waybill/sandbox';
import type { BenchHub } from './bench-hub.js';
import type { PhaseResult } from './bench-result.js';
import { memorySnapshot, perSecond, timed } from './bench-stats.js';

const SCAN_TIMEOUT_MS = 300_000;

/**
 * CarrierPacket has no `updatedAfter`: every poll is a full scan of /submissions and /documents (offset pages of 200).
 * The first scan maps and stores everything; the second, with nothing changed, must write nothing, and its time is
 * what every quiet poll costs.
 */
export async function carrierpacketScans(hub: BenchHub<CarrierpacketSandbox>, submissions: number): Promise<PhaseResult[]> {
  const documents = hub.sandbox.documents().length;
  const full = await timed(() => hub.syncRun(SCAN_TIMEOUT_MS));
  if (full.value.lastRun.failed !== 0 || full.value.lastRun.seen < submissions + documents) {
    throw new Error(`full scan of ${submissions} submissions reported seen=${full.value.lastRun.seen} failed=${full.value.lastRun.failed}`);
  }
  const first: PhaseResult = {
    phase: 'CarrierPacket full scan',
    loads: submissions,
    count: submissions,
    ms: full.ms,
    rate: perSecond(submissions, full.ms),
    rateUnit: 'submissions/s',
    details: { documents, lastRun: full.value.lastRun },
    ...memorySnapshot(),
  };
  const quiet = await timed(() => hub.syncRun(SCAN_TIMEOUT_MS));
  if (quiet.value.lastRun.changed !== 0) throw new Error(`no-change scan reported changed=${quiet.value.lastRun.changed}`);
  const second: PhaseResult = {
    phase: 'CarrierPacket scan (no change)',
    loads: submissions,
    count: quiet.value.lastRun.seen,
    ms: quiet.ms,
    rate: null,
    rateUnit: null,
    details: { documents, lastRun: quiet.value.lastRun },
    ...memorySnapshot(),
  };
  return [first, second];
}
