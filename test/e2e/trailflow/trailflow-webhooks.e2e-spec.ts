import { createHmac } from 'node:crypto';
import type { Shipment } from '@waybill/canonical';
import { request } from '../../support/http.js';
import { CONNECTION, startTrailflowHub, TF_KEY, type TrailflowHub } from '../../support/trailflow-hub.js';
import { TEST_ADMIN_KEY } from '../../support/test-config.js';
import { waitFor } from '../../support/wait-for.js';

const SECRET_HEADER_SET = ['load.created', 'load.updated', 'load.status_changed'];

/** Signs like TrailFlow (FACTS §6), independently of the sandbox's own code. */
function signed(secret: string, body: string, opts: { deliveryId: string; event: string; timestamp?: number; signature?: string }) {
  const ts = String(opts.timestamp ?? Date.now());
  return {
    'content-type': 'application/json',
    'x-trailflow-delivery-id': opts.deliveryId,
    'x-trailflow-event': opts.event,
    'x-trailflow-timestamp': ts,
    'x-trailflow-signature': opts.signature ?? createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex'),
  };
}

async function shipmentOfLoad(hub: TrailflowHub, loadId: string): Promise<Shipment | undefined> {
  const [row] = (await hub.dataSource.query(
    `SELECT s.canonical FROM shipments s JOIN shipment_sources src ON src.shipment_id = s.id WHERE src.external_id = $1`,
    [loadId],
  )) as { canonical: Shipment }[];
  return row?.canonical;
}

const inboxSettled = (hub: TrailflowHub) =>
  waitFor('the inbox to be processed', async () => (await hub.count('inbox', `status IN ('received', 'processing')`)) === 0, 30_000);

describe(`TrailFlow webhooks through the inbox (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${process.env.REDIS_URL ? 'BullMQ' : 'in-process queue'})`, () => {
  let hub: TrailflowHub;
  let secret: string;
  const post = (body: string, headers: Record<string, string>, path = `/webhooks/trailflow/${CONNECTION}`) =>
    request(`${hub.app.url}${path}`, { method: 'POST', body, headers });

  beforeAll(async () => {
    hub = await startTrailflowHub({ sandbox: { loads: 60, seed: 11 } });
    secret = hub.sandbox.subscribe(`${hub.app.url}/webhooks/trailflow/${CONNECTION}`, SECRET_HEADER_SET).signingSecret;
    // The registry holds this very object: from now on the verifier knows the subscription's secret.
    hub.connection.webhookSecrets = [secret];
    await hub.syncNow();
  });
  afterAll(() => hub.close());

  it('makes a change visible through GET /v1/shipments/{id} within seconds, without a poll', async () => {
    const before = (await hub.syncStatus()).lastRunAt;
    const [loadId] = hub.sandbox.advance(60_000, { changes: 1 });
    const truth = hub.sandbox.loads().find((l) => l.id === loadId)!;
    const shipmentId = (await shipmentOfLoad(hub, loadId!))!.id;
    const shipment = await waitFor('the webhook to reach the shipment', async () => {
      const res = await hub.api(`/v1/shipments/${shipmentId}`);
      const s = res.body.data as Shipment;
      return s.providerStatuses[0]!.status === truth.status ? s : undefined;
    }, 10_000);
    expect(shipment.sources[0]).toMatchObject({ via: 'webhook', providerUpdatedAt: new Date(truth.updatedAt).toISOString() });
    expect((await hub.syncStatus()).lastRunAt).toBe(before);
  });

  it('refuses bad, missing and stale signatures with 401 invalid_signature and stores nothing', async () => {
    const inboxBefore = await hub.count('inbox');
    const body = JSON.stringify({ id: 'load_1', status: 'DELIVERED', updatedAt: Date.now() });
    const wrong = await post(body, signed('tfwhsec_not_the_secret', body, { deliveryId: 'd-bad', event: 'load.updated' }));
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_signature');
    const headers = signed(secret, body, { deliveryId: 'd-missing', event: 'load.updated' });
    delete (headers as Record<string, string>)['x-trailflow-signature'];
    expect((await post(body, headers)).status).toBe(401);
    const stale = await post(body, signed(secret, body, { deliveryId: 'd-stale', event: 'load.updated', timestamp: Date.now() - 60 * 60_000 }));
    expect(stale.status).toBe(401);
    // A body altered after signing: the signature covers the raw bytes.
    const good = signed(secret, body, { deliveryId: 'd-altered', event: 'load.updated' });
    expect((await post(body.replace('DELIVERED', 'CANCELLED'), good)).status).toBe(401);
    expect(await hub.count('inbox')).toBe(inboxBefore);
    const metrics = (await request(`${hub.app.url}/metrics`)).body as string;
    expect(metrics).toMatch(/waybill_webhook_rejected_total\{provider="trailflow",reason="bad_signature"\} [1-9]/);
  });

  it('answers 404 for a connection this deployment does not have', async () => {
    const body = JSON.stringify({ id: 'load_1', status: 'DELIVERED', updatedAt: Date.now() });
    const res = await post(body, signed(secret, body, { deliveryId: 'd-x', event: 'load.updated' }), '/webhooks/trailflow/someone-elses');
    expect(res.status).toBe(404);
  });

  it('stores a duplicate delivery once', async () => {
    const load = hub.sandbox.loads()[3]!;
    const body = JSON.stringify({ ...bare(load), notes: 'dup test', updatedAt: load.updatedAt + 1 });
    const headers = signed(secret, body, { deliveryId: 'dup-1', event: 'load.updated' });
    const first = await post(body, headers);
    const second = await post(body, headers);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.body.data.accepted[0].duplicate).toBe(false);
    expect(second.body.data.accepted[0].duplicate).toBe(true);
    expect(await hub.count('inbox', `delivery_id = 'dup-1'`)).toBe(1);
    await inboxSettled(hub);
    expect((await shipmentOfLoad(hub, load.id))!.notes).toBe('dup test');
  });

  it('never moves a shipment back to an older state of that load when deliveries arrive out of order', async () => {
    const load = hub.sandbox.loads()[5]!;
    const t = load.updatedAt + 10_000;
    const newer = JSON.stringify({ ...bare(load), status: 'DELIVERED', eligibleForTracking: false, updatedAt: t + 1000 });
    const older = JSON.stringify({ ...bare(load), status: 'IN_TRANSIT', updatedAt: t });
    expect((await post(newer, signed(secret, newer, { deliveryId: 'ooo-2', event: 'load.status_changed' }))).status).toBe(202);
    await inboxSettled(hub);
    expect((await post(older, signed(secret, older, { deliveryId: 'ooo-1', event: 'load.status_changed' }))).status).toBe(202);
    await inboxSettled(hub);
    const s = (await shipmentOfLoad(hub, load.id))!;
    expect(s.status).toBe('DELIVERED');
    expect(s.sources[0]!.providerUpdatedAt).toBe(new Date(t + 1000).toISOString());
    expect(await hub.count('inbox', `delivery_id IN ('ooo-1', 'ooo-2') AND status = 'done'`)).toBe(2);
  });

  it('maps a status it does not know to UNKNOWN, keeps the raw value and counts it', async () => {
    const load = hub.sandbox.loads()[8]!;
    const body = JSON.stringify({ ...bare(load), status: 'ON_HOLD_AT_BORDER', updatedAt: load.updatedAt + 20_000 });
    expect((await post(body, signed(secret, body, { deliveryId: 'unknown-1', event: 'load.status_changed' }))).status).toBe(202);
    await inboxSettled(hub);
    const s = (await shipmentOfLoad(hub, load.id))!;
    expect(s.status).toBe('UNKNOWN');
    expect(s.providerStatuses[0]).toMatchObject({ provider: 'trailflow', status: 'ON_HOLD_AT_BORDER' });
    const metrics = (await request(`${hub.app.url}/metrics`)).body as string;
    expect(metrics).toContain('waybill_unknown_status_total{provider="trailflow",status="ON_HOLD_AT_BORDER"} 1');
  });

  it('keeps an unmappable payload as a dead letter with its raw body, listed by GET /v1/inbox?status=dead', async () => {
    const body = '{"id": 42, "status": "IN_TRANSIT"}';
    const res = await post(body, signed(secret, body, { deliveryId: 'dead-1', event: 'load.updated' }));
    expect(res.status).toBe(202);
    await inboxSettled(hub);
    const dead = await hub.api('/v1/inbox?status=dead&provider=trailflow');
    type Listed = { id: string; deliveryId: string; body?: string; error: { code: string; message: string } };
    const row = (dead.body.data as Listed[]).find((r) => r.deliveryId === 'dead-1')!;
    expect(row.body).toBeUndefined();
    expect(row.error.code).toBe('bad_payload');
    expect(row.error.message).toMatch(/id|updatedAt/);
    const raw = await fetch(`${hub.app.url}/v1/inbox/${row.id}/body`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(await raw.text()).toBe(body);
  });

  it('keeps a signed body that is not even JSON as a dead letter', async () => {
    const body = '{"id": "load_1", "status": ';
    const res = await post(body, signed(secret, body, { deliveryId: 'dead-2', event: 'load.updated' }));
    expect(res.status).toBe(202);
    const row = (await hub.api('/v1/inbox?status=dead')).body.data.find((r: { deliveryId: string }) => r.deliveryId === 'dead-2');
    expect(row).toMatchObject({ error: { code: 'bad_payload' }, sizeBytes: Buffer.byteLength(body) });
    const raw = await fetch(`${hub.app.url}/v1/inbox/${row.id}/body`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(await raw.text()).toBe(body);
  });

  it('replays a dead letter once its cause is gone', async () => {
    // load.created is hydrated with GET /v1/loads/{id}; announced before the load is readable, it dies with not_found.
    const nextId = `load_${hub.sandbox.loads().length + 1}`;
    const body = JSON.stringify({ id: nextId, externalId: 'tt_replay', orderNumber: 'ORD-REPLAY', status: 'ASSIGNED', eligibleForTracking: true, createdAt: Date.now(), updatedAt: Date.now() });
    await post(body, signed(secret, body, { deliveryId: 'replay-1', event: 'load.created' }));
    await inboxSettled(hub);
    const row = (await hub.api('/v1/inbox?status=dead')).body.data.find((r: { deliveryId: string }) => r.deliveryId === 'replay-1');
    expect(row.error.code).toBe('not_found');

    const created = await request(`${hub.sandbox.url}/v1/loads`, {
      method: 'POST',
      key: TF_KEY,
      headers: { 'idempotency-key': 'replay-create' },
      json: { externalId: 'tt_replay', orderNumber: 'ORD-REPLAY', status: 'ASSIGNED', customerCode: 'CUST-1', rate: 100, notes: 'created late' },
    });
    expect([200, 201]).toContain(created.status);
    expect(created.body.data.id).toBe(nextId);

    const replayed = await hub.api(`/v1/inbox/${row.id}/replay`, { method: 'POST' });
    expect(replayed.status).toBe(200);
    expect(replayed.body.data.status).toBe('done');
    const s = (await shipmentOfLoad(hub, nextId))!;
    expect(s).toMatchObject({ reference: 'ORD-REPLAY', notes: 'created late' });
  });

  it('ends every shipment in the sandbox state despite duplicate and out-of-order deliveries', async () => {
    hub.sandbox.setFaults({ duplicateDeliveryShare: 0.4, outOfOrderShare: 0.4 });
    const changed = new Set<string>();
    for (let i = 0; i < 4; i++) hub.sandbox.advance(5 * 60_000, { changes: 10 }).forEach((id) => changed.add(id));
    await hub.sandbox.idle();
    await inboxSettled(hub);
    hub.sandbox.setFaults({ duplicateDeliveryShare: 0, outOfOrderShare: 0 });
    const log = hub.sandbox.deliveries();
    expect(log.length).toBeGreaterThan(40);
    expect(log.some((d) => d.duplicate)).toBe(true);
    for (const load of hub.sandbox.loads().filter((l) => changed.has(l.id))) {
      const s = await shipmentOfLoad(hub, load.id);
      expect([load.id, s?.providerStatuses[0]?.status]).toEqual([load.id, load.status]);
    }
  });
});

function bare(load: { id: string; externalId: string | null; orderNumber: string; status: string; eligibleForTracking: boolean; rate: number | null; notes: string | null; customerId: string | null; carrierId: string | null; vehicleId: string | null; createdAt: number; updatedAt: number }) {
  const { id, externalId, orderNumber, status, eligibleForTracking, rate, notes, customerId, carrierId, vehicleId, createdAt, updatedAt } = load;
  return { id, externalId, orderNumber, status, eligibleForTracking, rate, notes, customerId, carrierId, vehicleId, createdAt, updatedAt };
}
