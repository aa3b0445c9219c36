import { createHmac, randomUUID } from 'node:crypto';
import type { TrailflowBareLoad } from '@waybill/sandbox';
import { CONNECTION_ID, type BenchHub } from './bench-hub.js';
import { call, waitFor } from './bench-http.js';
import type { PhaseResult } from './bench-result.js';
import { memorySnapshot, perSecond, timed } from './bench-stats.js';

const DRAIN_TIMEOUT_MS = 120_000;

/**
 * Posts `deliveries` signed `load.updated` deliveries, `concurrency` at a time, then waits for the inbox to drain.
 * Signed here rather than by a sandbox subscription, so the bench controls the rate and the count exactly.
 * Returns two rows: accepted (202 answers) and processed (inbox drained), both timed from the first POST.
 */
export async function webhookIngest(hub: BenchHub, loads: number, deliveries: number, concurrency: number): Promise<PhaseResult[]> {
  const secret = hub.connection.webhookSecrets[0]!;
  const bodies = updatedLoads(hub, deliveries);
  const start = performance.now();
  let next = 0;
  let duplicates = 0;
  const { ms: acceptMs } = await timed(() =>
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const res = await call(`${hub.url}/webhooks/trailflow/${CONNECTION_ID}`, { method: 'POST', body, headers: signedHeaders(secret, body) });
          if (res.status !== 202) throw new Error(`webhook delivery answered ${res.status}: ${JSON.stringify(res.body)}`);
          if (res.body.data.accepted.some((a: { duplicate: boolean }) => a.duplicate)) duplicates++;
        }
      }),
    ),
  );
  const accepted: PhaseResult = {
    phase: 'webhook accepted',
    loads,
    count: deliveries,
    ms: acceptMs,
    rate: perSecond(deliveries, acceptMs),
    rateUnit: 'deliveries/s',
    details: { concurrency, duplicates },
    ...memorySnapshot(),
  };

  await waitFor('the inbox to drain', async () => ((await hub.inboxCount(['received', 'processing'])) === 0 ? true : undefined), DRAIN_TIMEOUT_MS);
  const drainMs = Math.round((performance.now() - start) * 10) / 10;
  const dead = await hub.inboxCount(['dead']);
  if (dead > 0) throw new Error(`${dead} webhook deliveries ended as dead letters`);
  const processed: PhaseResult = {
    phase: 'webhook processed',
    loads,
    count: deliveries,
    ms: drainMs,
    rate: perSecond(deliveries, drainMs),
    rateUnit: 'deliveries/s',
    details: { concurrency, done: await hub.inboxCount(['done']), dead },
    ...memorySnapshot(),
  };
  return [accepted, processed];
}

/**
 * FACTS §6: the body is the bare load. Each delivery carries a load the hub already has with a later `updatedAt`,
 * so it is a real change and not dropped as stale; a load used again gets a later one still.
 */
function updatedLoads(hub: BenchHub, count: number): string[] {
  const loads = hub.sandbox.loads();
  if (loads.length === 0) throw new Error('the sandbox has no loads to send updates for');
  return Array.from({ length: count }, (_, i) => {
    const load = loads[i % loads.length]!;
    const bare: TrailflowBareLoad = {
      id: load.id,
      externalId: load.externalId,
      orderNumber: load.orderNumber,
      status: load.status,
      eligibleForTracking: load.eligibleForTracking,
      rate: load.rate,
      notes: load.notes,
      customerId: load.customerId,
      carrierId: load.carrierId,
      vehicleId: load.vehicleId,
      createdAt: load.createdAt,
      updatedAt: load.updatedAt + 60_000 * (1 + Math.floor(i / loads.length)),
    };
    return JSON.stringify(bare);
  });
}

/** FACTS §6 "Delivery"; epoch-ms timestamp and plain hex digest as libs/providers/trailflow/README.md assumption 8 reads them. */
function signedHeaders(secret: string, body: string): Record<string, string> {
  const timestamp = String(Date.now());
  return {
    'content-type': 'application/json',
    'x-trailflow-delivery-id': `dlv_bench_${randomUUID()}`,
    'x-trailflow-event': 'load.updated',
    'x-trailflow-timestamp': timestamp,
    'x-trailflow-signature': createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex'),
  };
}
