import type { BenchHub } from './bench-hub.js';
import { expectStatus } from './bench-http.js';
import type { PhaseResult } from './bench-result.js';
import { memorySnapshot, percentile, perSecond, round1 } from './bench-stats.js';

/** `requests` sequential pages of GET /v1/shipments, following nextCursor and starting over at the end of the list. */
export async function apiRead(hub: BenchHub, loads: number, requests: number, limit: number): Promise<PhaseResult> {
  const latencies: number[] = [];
  let cursor: string | null = null;
  let rows = 0;
  const start = performance.now();
  for (let i = 0; i < requests; i++) {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const sent = performance.now();
    const res = await hub.api(`/v1/shipments?limit=${limit}${query}`);
    latencies.push(performance.now() - sent);
    expectStatus(res, 200, 'GET /v1/shipments');
    rows += (res.body.data as unknown[]).length;
    cursor = res.body.nextCursor as string | null;
  }
  const ms = round1(performance.now() - start);
  return {
    phase: 'API read',
    loads,
    count: requests,
    ms,
    rate: perSecond(requests, ms),
    rateUnit: 'requests/s',
    p50Ms: round1(percentile(latencies, 50)),
    p95Ms: round1(percentile(latencies, 95)),
    details: { limit, rows },
    ...memorySnapshot(),
  };
}
