import { randomUUID } from 'node:crypto';
import { DispatchService } from '@waybill/commands';
import { startTrailflowHub, type TrailflowHub } from '../../support/trailflow-hub.js';

// Dispatch to TrailFlow over real HTTP: hub → TrailFlow sandbox. The sandbox's loads() is the provider's truth.
describe('POST /v1/shipments/{id}/dispatch to TrailFlow', () => {
  let hub: TrailflowHub;

  beforeAll(async () => {
    hub = await startTrailflowHub();
  });
  afterAll(async () => {
    await hub?.close();
  });
  afterEach(() => hub.sandbox.setFaults({ serverErrorShare: 0, rateLimitedShare: 0 }));

  const loadsFor = (shipmentId: string) => hub.sandbox.loads().filter((l) => l.externalId === shipmentId);
  const createShipment = async (reference: string, extra: Record<string, unknown> = {}) => {
    const res = await hub.api('/v1/shipments', { method: 'POST', json: { reference, ...extra } });
    expect(res.status).toBe(201);
    return res.body.data as { id: string; version: number };
  };
  const dispatch = (id: string, json: unknown = { provider: 'trailflow' }, headers: Record<string, string> = {}) =>
    hub.api(`/v1/shipments/${id}/dispatch`, { method: 'POST', json, headers });
  const dispatchRows = (id: string) => hub.dataSource.query(`SELECT * FROM dispatches WHERE shipment_id = $1`, [id]);

  it('creates one load at TrailFlow, and the next sync merges it into the same shipment (one shipment, two sources)', async () => {
    const s = await createShipment('ORD-D-1', { notes: 'handle with care', rate: { amount: 1250, currency: 'USD' } });
    const res = await dispatch(s.id);
    expect(res.status).toBe(200);
    const loads = loadsFor(s.id);
    expect(loads).toHaveLength(1);
    expect(loads[0]).toMatchObject({ orderNumber: 'ORD-D-1', notes: 'handle with care', rate: 1250 });
    expect(res.body.data.dispatch).toStrictEqual({ provider: 'trailflow', connection: 'trailflow-default', externalId: loads[0]!.id, status: 'completed' });
    expect(res.body.data.shipment.id).toBe(s.id);
    expect(res.body.data.shipment.sources.map((x: { provider: string; via: string; externalId: string }) => [x.provider, x.via, x.externalId])).toEqual([
      ['tms', 'command', 'ORD-D-1'],
      ['trailflow', 'command', loads[0]!.id],
    ]);

    // Dispatching again (a TMS retry) names the same load: still one.
    expect((await dispatch(s.id)).status).toBe(200);
    expect(loadsFor(s.id)).toHaveLength(1);

    await hub.syncNow();
    expect(await hub.count('shipments', `reference = 'ORD-D-1'`)).toBe(1);
    const after = (await hub.api(`/v1/shipments/${s.id}`)).body.data;
    expect(after.sources).toHaveLength(2);
    expect(after.sources[1]).toMatchObject({ provider: 'trailflow', connection: 'trailflow-default', externalId: loads[0]!.id, via: 'poll' });
    expect(await hub.count('shipment_sources', `provider = 'trailflow' AND external_id = '${loads[0]!.id}'`)).toBe(1);
  });

  it('PATCH updates the dispatched copy at TrailFlow (the same load)', async () => {
    const s = await createShipment('ORD-D-PATCH', { notes: 'v1' });
    expect((await dispatch(s.id)).status).toBe(200);
    const res = await hub.api(`/v1/shipments/${s.id}`, { method: 'PATCH', json: { notes: 'v2' } });
    expect(res.status).toBe(200);
    expect(res.body.dispatches).toMatchObject([{ provider: 'trailflow', status: 'completed' }]);
    const loads = loadsFor(s.id);
    expect(loads).toHaveLength(1);
    expect(loads[0]!.notes).toBe('v2');
  });

  it('recovers a crash after TrailFlow accepted (dispatch left pending): the sweeper completes it with one load', async () => {
    const s = await createShipment('ORD-D-CRASH-1');
    expect((await dispatch(s.id)).status).toBe(200);
    // The process "died" after the provider's answer and before the completion committed.
    await hub.dataSource.query(
      `UPDATE dispatches SET status = 'pending', completed_at = NULL, updated_at = now() - interval '2 minutes' WHERE shipment_id = $1`,
      [s.id],
    );
    const sweep = await hub.app.context.get(DispatchService, { strict: false }).sweep();
    expect(sweep).toMatchObject({ resumed: 1, completed: 1 });
    expect(loadsFor(s.id)).toHaveLength(1);
    const [row] = await dispatchRows(s.id);
    expect(row).toMatchObject({ status: 'completed', external_id: loadsFor(s.id)[0]!.id, attempts: 2 });
  });

  it('recovers a crash before the send (a pending row only): the sweeper sends it once', async () => {
    const s = await createShipment('ORD-D-CRASH-2');
    const service = hub.app.context.get(DispatchService, { strict: false });
    await hub.dataSource.query(
      `INSERT INTO dispatches (id, shipment_id, provider, connection_id, status, idempotency_key, created_at, updated_at)
       VALUES ($1, $2, 'trailflow', 'trailflow-default', 'pending', 'wb-dsp-crash-2', now() - interval '2 minutes', now() - interval '2 minutes')`,
      [randomUUID(), s.id],
    );
    // A dispatch younger than a minute may be a live request still sending: left alone.
    expect(await service.sweep(10 * 60_000)).toMatchObject({ resumed: 0 });
    const [a, b] = await Promise.all([service.sweep(), service.sweep()]);
    expect(a.resumed + b.resumed).toBe(1);
    expect(loadsFor(s.id)).toHaveLength(1);
    const shipment = (await hub.api(`/v1/shipments/${s.id}`)).body.data;
    expect(shipment.sources.map((x: { provider: string }) => x.provider)).toEqual(['tms', 'trailflow']);
    expect((await dispatchRows(s.id))[0]).toMatchObject({ status: 'completed' });
  });

  it('answers a TrailFlow refusal 422 provider_rejected with field details, and records no completed dispatch', async () => {
    const s = await createShipment('ORD-D-REJECT', { customer: { code: 'NO-SUCH-CUSTOMER' } });
    const res = await dispatch(s.id);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('provider_rejected');
    expect(res.body.error.details).toStrictEqual([
      { field: 'customer.code', providerField: 'customerCode', code: 'bad_request', message: expect.stringContaining('NO-SUCH-CUSTOMER') },
    ]);
    expect(loadsFor(s.id)).toHaveLength(0);
    const rows = await dispatchRows(s.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'failed', external_id: null });
    expect((await hub.api(`/v1/shipments/${s.id}`)).body.data.sources).toHaveLength(1);
  });

  it('answers a TrailFlow outage 502 provider_unavailable and marks nothing dispatched', async () => {
    const s = await createShipment('ORD-D-OUTAGE');
    hub.sandbox.setFaults({ serverErrorShare: 1 });
    const res = await dispatch(s.id);
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('provider_unavailable');
    hub.sandbox.setFaults({ serverErrorShare: 0 });
    expect(loadsFor(s.id)).toHaveLength(0);
    expect(await hub.count('dispatches', `shipment_id = '${s.id}' AND status = 'completed'`)).toBe(0);
    // The TMS retries once TrailFlow is back: one load.
    expect((await dispatch(s.id)).status).toBe(200);
    expect(loadsFor(s.id)).toHaveLength(1);
  });

  it('answers TrailFlow rate limiting 503 provider_unavailable with Retry-After', async () => {
    const s = await createShipment('ORD-D-RATE');
    hub.sandbox.setFaults({ rateLimitedShare: 1 });
    const res = await dispatch(s.id);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('provider_unavailable');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await hub.count('dispatches', `shipment_id = '${s.id}' AND status = 'completed'`)).toBe(0);
  });

  it('refuses cancel on TrailFlow (no commands.cancel) with 422 provider_rejected; the dispatch stays', async () => {
    const s = await createShipment('ORD-D-CANCEL');
    expect((await dispatch(s.id)).status).toBe(200);
    const res = await hub.api(`/v1/shipments/${s.id}/cancel`, { method: 'POST', json: { reason: 'customer changed plans' } });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'provider_rejected', details: [{ field: 'provider', code: 'cancel_not_supported' }] });
    expect((await dispatchRows(s.id))[0]).toMatchObject({ status: 'completed' });
    const notDispatched = await createShipment('ORD-D-CANCEL-2');
    expect((await hub.api(`/v1/shipments/${notDispatched.id}/cancel`, { method: 'POST', json: {} })).status).toBe(409);
  });

  it('validates the dispatch request: unknown provider, unknown connection, unknown shipment', async () => {
    const s = await createShipment('ORD-D-VALID');
    const unknown = await dispatch(s.id, { provider: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('provider');
    const conn = await dispatch(s.id, { provider: 'trailflow', connection: 'other' });
    expect(conn.status).toBe(400);
    expect(conn.body.error.details[0].field).toBe('connection');
    expect((await dispatch(randomUUID())).status).toBe(404);
  });

  it('replays a dispatch under the same Idempotency-Key', async () => {
    const s = await createShipment('ORD-D-IDEM');
    const first = await dispatch(s.id, { provider: 'trailflow' }, { 'idempotency-key': 'dsp-1' });
    const again = await dispatch(s.id, { provider: 'trailflow' }, { 'idempotency-key': 'dsp-1' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.data).toStrictEqual(first.body.data);
    expect((await dispatchRows(s.id))[0].attempts).toBe(1);
  });
});
