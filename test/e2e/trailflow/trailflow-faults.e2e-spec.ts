import { request } from '../../support/http.js';
import { startTrailflowHub, type SyncRow, type TrailflowHub } from '../../support/trailflow-hub.js';

describe(`TrailFlow sync under provider faults (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${process.env.REDIS_URL ? 'BullMQ' : 'in-process queue'})`, () => {
  let hub: TrailflowHub;
  beforeAll(async () => {
    hub = await startTrailflowHub({ sandbox: { loads: 300, seed: 3 }, settings: { pageSize: 25 } });
  });
  afterAll(() => hub.close());

  it('reports a failing provider in GET /v1/sync and stores nothing half-way', async () => {
    hub.sandbox.setFaults({ serverErrorShare: 1 });
    const row = await hub.syncNow();
    expect(row.lastSuccessAt).toBeNull();
    expect(row.lastError!.message).toMatch(/transient.*500/);
    expect(await hub.count('shipments')).toBe(0);
    expect(await hub.count('raw_payloads')).toBe(0);
  });

  it('rides out a 429/500/malformed storm with backoff; each run resumes where the last one committed', async () => {
    hub.sandbox.setFaults({ serverErrorShare: 0.25, rateLimitedShare: 0.25, malformedShare: 0.2 });
    const runs: SyncRow[] = [];
    for (let i = 0; i < 30; i++) {
      const row = await hub.syncNow();
      runs.push(row);
      if (row.lastSuccessAt && (!row.lastError || row.lastSuccessAt > row.lastError.at)) break;
    }
    hub.sandbox.setFaults({ serverErrorShare: 0, rateLimitedShare: 0, malformedShare: 0 });
    const last = runs[runs.length - 1]!;
    expect(last.lastSuccessAt).not.toBeNull();

    // Every load exactly once, however many runs it took.
    expect(await hub.count('shipments')).toBe(300);
    expect(await hub.count('shipment_sources')).toBe(300);
    expect(await hub.count('changes')).toBe(300);
    const metrics = (await request(`${hub.app.url}/metrics`)).body as string;
    expect(metrics).toMatch(/waybill_provider_retries_total\{provider="trailflow",kind="rate_limited"\} [1-9]/);
    expect(metrics).toMatch(/waybill_provider_retries_total\{provider="trailflow",kind="transient"\} [1-9]/);
    // For the closing note: how many runs the storm took.
    console.log(`storm: ${runs.length} run(s) to a clean finish; errors seen: ${runs.filter((r) => r.lastError).map((r) => r.lastError!.message.slice(0, 60)).join(' | ')}`);
  });
});
