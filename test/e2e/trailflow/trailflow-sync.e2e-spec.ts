import type { Shipment } from '@waybill/canonical';
import type { TrailflowLoadTruth } from '@waybill/sandbox';
import { DateTime } from 'luxon';
import { startTrailflowHub, type TrailflowHub } from '../../support/trailflow-hub.js';

// Written out, not derived from the adapter's table (libs/providers/trailflow/README.md, Status map).
const EXPECTED_STATUS: Record<string, string> = {
  DRAFT: 'DRAFT',
  ASSIGNED: 'ASSIGNED',
  LOADED: 'IN_TRANSIT',
  IN_TRANSIT: 'IN_TRANSIT',
  DELIVERED: 'DELIVERED',
  CANCELLED: 'CANCELLED',
};

async function allShipments(hub: TrailflowHub): Promise<Shipment[]> {
  const out: Shipment[] = [];
  let cursor: string | null = null;
  do {
    const res = await hub.api(`/v1/shipments?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    out.push(...(res.body.data as Shipment[]));
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

/** The canonical shipment must say what the sandbox's own data says, field by field. */
function expectMatchesTruth(s: Shipment, load: TrailflowLoadTruth) {
  expect(s.reference).toBe(load.orderNumber);
  expect(s.status).toBe(EXPECTED_STATUS[load.status]);
  expect(s.providerStatuses).toEqual([expect.objectContaining({ provider: 'trailflow', connection: 'trailflow-default', status: load.status })]);
  expect(s.references).toEqual(expect.arrayContaining([{ provider: 'trailflow', connection: 'trailflow-default', kind: 'load', value: load.id }]));
  expect(s.sources).toEqual([expect.objectContaining({ externalId: load.id, providerUpdatedAt: new Date(load.updatedAt).toISOString(), via: 'poll' })]);
  expect(s.rate).toEqual(load.rate === null ? null : { amount: load.rate, currency: null });
  expect(s.customer?.name ?? null).toBe(load.customer?.customerName ?? null);
  expect(s.carrier?.name ?? null).toBe(load.carrier?.carrierName ?? null);
  expect(s.vehicle?.unitNumber ?? null).toBe(load.vehicle?.unitNumber ?? null);
  expect(s.stops.map((st) => st.address?.formatted)).toEqual(load.stops.map((st) => st.address));
  load.stops.forEach((stop, i) => {
    const window = s.stops[i]!.window!;
    expect(window.timezone).toBe(stop.timezone);
    expect(s.stops[i]!.type).toBe(stop.kind === 'pickup' ? 'PICKUP' : 'DELIVERY');
    if (stop.scheduledTime) {
      // Round trip: the UTC instant, seen in the stop's zone, is the provider's local date and time (a wall time
      // that does not exist, inside a spring-forward gap, moves forward by the gap as Luxon normalises it).
      const date = new Date(stop.scheduledDate).toISOString().slice(0, 10);
      const local = DateTime.fromISO(`${date}T${stop.scheduledTime}`, { zone: stop.timezone }).toFormat('yyyy-MM-dd HH:mm');
      expect(DateTime.fromISO(window.start!, { zone: stop.timezone }).toFormat('yyyy-MM-dd HH:mm')).toBe(local);
    }
  });
  expect(s.tracking?.eligible).toBe(load.eligibleForTracking);
}

describe(`TrailFlow incremental sync over HTTP (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${process.env.REDIS_URL ? 'BullMQ' : 'in-process queue'})`, () => {
  let hub: TrailflowHub;
  beforeAll(async () => {
    hub = await startTrailflowHub({ sandbox: { loads: 1000, seed: 7 }, settings: { pageSize: 100 } });
  });
  afterAll(() => hub.close());

  it('stores every one of 1,000 sandbox loads exactly once, each correct against the sandbox data', async () => {
    const started = Date.now();
    const row = await hub.syncNow();
    const seconds = (Date.now() - started) / 1000;
    // For the closing note, not an assertion.
    console.log(`full sync: 1000 loads in ${seconds.toFixed(1)} s (${Math.round(1000 / seconds)} loads/s)`);
    expect(row.lastError).toBeNull();
    expect(row.lastRun).toEqual({ seen: 1000, changed: 1000, failed: 0 });

    const shipments = await allShipments(hub);
    expect(shipments).toHaveLength(1000);
    const truth = new Map(hub.sandbox.loads().map((l) => [l.id, l]));
    const seen = new Set<string>();
    for (const s of shipments) {
      const loadId = s.sources[0]!.externalId;
      expect(seen.has(loadId)).toBe(false);
      seen.add(loadId);
      expectMatchesTruth(s, truth.get(loadId)!);
    }
    expect(seen.size).toBe(truth.size);
    expect(await hub.count('shipment_sources')).toBe(1000);
  });

  it('picks up exactly the changed loads after the clock advances, and a no-change run writes nothing', async () => {
    const changesBefore = await hub.count('changes');
    const rawBefore = await hub.count('raw_payloads');
    const changedIds = hub.sandbox.advance(10 * 60_000, { changes: 25 });
    expect(changedIds).toHaveLength(25);

    const row = await hub.syncNow();
    expect(row.lastError).toBeNull();
    expect(row.lastRun.changed).toBe(25);
    const changed = (await hub.dataSource.query(
      `SELECT src.external_id FROM changes c JOIN shipment_sources src ON src.shipment_id = c.shipment_id WHERE c.seq > (SELECT max(seq) - 25 FROM changes)`,
    )) as { external_id: string }[];
    expect(await hub.count('changes')).toBe(changesBefore + 25);
    expect(changed.map((c) => c.external_id).sort()).toEqual([...changedIds].sort());
    const truth = new Map(hub.sandbox.loads().map((l) => [l.id, l]));
    for (const id of changedIds) {
      const [s] = (await hub.dataSource.query(
        `SELECT s.canonical FROM shipments s JOIN shipment_sources src ON src.shipment_id = s.id WHERE src.external_id = $1`,
        [id],
      )) as { canonical: Shipment }[];
      expectMatchesTruth(s!.canonical, truth.get(id)!);
    }

    const rawAfterChange = await hub.count('raw_payloads');
    expect(rawAfterChange).toBe(rawBefore + 25);
    const again = await hub.syncNow();
    expect(again.lastRun.changed).toBe(0);
    expect(await hub.count('changes')).toBe(changesBefore + 25);
    expect(await hub.count('raw_payloads')).toBe(rawAfterChange);
  });
});
