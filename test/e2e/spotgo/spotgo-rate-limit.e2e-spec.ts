import { startSpotgoHub, type SpotgoHub } from '../../support/spotgo-hub.js';
import { waitFor } from '../../support/wait-for.js';

// A 429 storm from SpotGo (sandbox fault `rateLimitStorm`: a share of requests answered 429 with Retry-After: 1) is
// ridden out by a sync run: the adapter waits what SpotGo asks and retries, the run finishes, and the hub holds every
// order SpotGo has. Polling only (no webhooks), several pages.
describe('SpotGo rate limiting through a sync run', () => {
  let hub: SpotgoHub;

  beforeAll(async () => {
    // The storm is on from the first request: the hub's first sync runs into it.
    hub = await startSpotgoHub({ sandbox: { orders: 40, seed: 11, faults: { rateLimitStorm: 0.6 } }, settings: { pageSize: 5 }, webhooks: false });
  });
  afterAll(async () => {
    hub?.sandbox.setFaults({ rateLimitStorm: 0 });
    await hub?.close();
  });

  it('rides out a 429 storm: the run finishes and every order is a shipment', async () => {
    expect(hub.sandbox.setFaults({})).toMatchObject({ rateLimitStorm: 0.6 });
    // A run that still lost a page (four 429s in a row on one request) is retried by the sync job from its
    // checkpoint; runs go on until one has succeeded.
    const row: { lastRun: { failed: number }; checkpoint: unknown } = await waitFor('a successful full sync during the storm', async () => {
      const r = await hub.syncNow(180_000);
      return r.lastSuccessAt !== null && (r.lastError === null || Date.parse(r.lastSuccessAt) >= Date.parse(r.lastError.at)) ? r : undefined;
    }, 300_000, 0);
    expect(row.checkpoint).toMatchObject({ format: 'spotgo.orders-query.v1', token: null });

    const truth = hub.sandbox.orders();
    const exchanges = hub.exchanges().filter((e) => e.path === '/api/v1/orders/query');
    const limited = exchanges.filter((e) => e.status === 429).length;
    // The storm was real, and every page was read in the end.
    expect(limited).toBeGreaterThanOrEqual(3);
    expect(row.lastRun.failed).toBe(0);
    expect(exchanges.filter((e) => e.status === 200).length).toBeGreaterThanOrEqual(Math.ceil(truth.length / 5));
    expect(await hub.dataSource.query(`SELECT count(*)::int AS n FROM shipment_sources WHERE provider = 'spotgo'`)).toStrictEqual([{ n: truth.length }]);
    const refs = new Set(
      ((await hub.dataSource.query(`SELECT s.reference FROM shipments s JOIN shipment_sources src ON src.shipment_id = s.id WHERE src.provider = 'spotgo'`)) as { reference: string }[]).map((r) => r.reference),
    );
    expect(refs).toStrictEqual(new Set(truth.map((o) => o.orderNumber)));
  });
});
