import { createTrailflowSandbox, type TrailflowSandbox } from './trailflow-sandbox.js';
import { call } from './testing/sandbox-test-kit.js';
import { SANDBOX_ALL_SCOPES } from './trailflow.types.js';

const KEY = 'tf_writer';
const BARE_KEYS = [
  'id', 'externalId', 'orderNumber', 'status', 'eligibleForTracking', 'rate', 'notes', 'customerId', 'carrierId', 'vehicleId',
  'createdAt', 'updatedAt',
];

describe('TrailFlow sandbox: load writes and Idempotency-Key', () => {
  let sandbox: TrailflowSandbox;
  let url: string;
  let n = 0;
  /** `idempotencyKey` null sends none; left out, a fresh one. */
  const post = (path: string, body: unknown, idempotencyKey: string | null = `idem-${++n}`, key = KEY) =>
    call(url, 'POST', path, { key, body, idempotencyKey: idempotencyKey ?? undefined });
  const createBody = (externalId: string) => ({
    externalId, orderNumber: `ORD-${externalId}`, status: 'ASSIGNED', customerCode: 'CUST-1', carrierName: 'Reliable Freight', rate: 2450,
    notes: 'Initial dispatch created from partner TMS.',
  });

  beforeEach(async () => {
    sandbox = createTrailflowSandbox({
      loads: 30,
      keys: [
        { key: KEY, scopes: SANDBOX_ALL_SCOPES, ratePerMinute: 10_000 },
        { key: 'tf_two_per_minute', scopes: SANDBOX_ALL_SCOPES, ratePerMinute: 2 },
      ],
    });
    url = await sandbox.listen(0);
  });
  afterEach(() => sandbox.close());

  it.each(['/v1/loads', '/v1/loads/upsert', '/v1/loads/load_1/status', '/v1/webhooks'])(
    'answers 400 missing_idempotency_key on POST %s without the header',
    async (path) => {
      const res = await post(path, { status: 'ASSIGNED' }, null);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('missing_idempotency_key');
    },
  );

  it('creates a load (EX "Create Load Response") with a fresh updatedAt, visible in reads', async () => {
    const newest = Math.max(...sandbox.loads().map((l) => l.updatedAt));
    const res = await post('/v1/loads', createBody('tt_new_1'));
    expect(res.status).toBe(201);
    expect(Object.keys(res.json.data)).toEqual(BARE_KEYS);
    expect(res.json.data).toMatchObject({
      externalId: 'tt_new_1', status: 'ASSIGNED', eligibleForTracking: true, customerId: 'customer_1', carrierId: 'carrier_1', rate: 2450,
    });
    expect(res.json.data.updatedAt).toBeGreaterThan(newest);
    const read = await call(url, 'GET', '/v1/loads/tt_new_1', { key: KEY });
    expect(read.json.data.id).toBe(res.json.data.id);
    expect(read.json.data.customer.customerCode).toBe('CUST-1');
  });

  it('replays the first answer for the same key and body, without a second load', async () => {
    const first = await post('/v1/loads', createBody('tt_replay'), 'same-key');
    const again = await post('/v1/loads', createBody('tt_replay'), 'same-key');
    expect(again.status).toBe(first.status);
    expect({ ...again.json, requestId: 'x' }).toEqual({ ...first.json, requestId: 'x' });
    expect(again.json.requestId).not.toBe(first.json.requestId);
    expect(sandbox.loads().filter((l) => l.externalId === 'tt_replay')).toHaveLength(1);
  });

  it('answers 409 idempotency_conflict for the same key with another body', async () => {
    await post('/v1/loads', createBody('tt_a'), 'reused');
    const res = await post('/v1/loads', createBody('tt_b'), 'reused');
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('idempotency_conflict');
    expect(sandbox.loads().some((l) => l.externalId === 'tt_b')).toBe(false);
  });

  it('lets a key be reused after a request that failed validation', async () => {
    expect((await post('/v1/loads', { ...createBody('tt_v'), status: 'LOST' }, 'retry-me')).status).toBe(400);
    expect((await post('/v1/loads', createBody('tt_v'), 'retry-me')).status).toBe(201);
  });

  it('checks the rate limit before the replay lookup (FACTS §2)', async () => {
    const body = createBody('tt_limited');
    expect((await post('/v1/loads', body, 'k', 'tf_two_per_minute')).status).toBe(201);
    expect((await post('/v1/loads', body, 'k', 'tf_two_per_minute')).status).toBe(201);
    const third = await post('/v1/loads', body, 'k', 'tf_two_per_minute');
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe('rate_limited');
  });

  it('answers idempotency_in_progress to a retry that arrives while the first request still runs', async () => {
    sandbox.setFaults({ slowShare: 1, slowDelayMs: 400 });
    const body = createBody('tt_slow');
    const answers = await Promise.all([post('/v1/loads', body, 'slow-key'), post('/v1/loads', body, 'slow-key')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.json.error.code).toBe('idempotency_in_progress');
  });

  it.each([
    [{ orderNumber: 'ORD-1' , status: 'LOST' }, 'status'],
    [{ orderNumber: 'ORD-1', rate: -5 }, 'rate'],
    [{ orderNumber: 'ORD-1', rate: '2450' }, 'rate'],
    [{ orderNumber: 'ORD-1', customerCode: 'CUST-404' }, 'customerCode'],
    [{ orderNumber: 'ORD-1', carrierName: 'Nobody Trucking' }, 'carrierName'],
    [{ orderNumber: '' }, 'orderNumber'],
    [{ externalId: 'tt_x' }, 'orderNumber'],
    [{ orderNumber: 'ORD-1', notes: 12 }, 'notes'],
    [[1, 2], 'body'],
  ])('answers 400 bad_request naming the field for %j', async (body, field) => {
    const res = await post('/v1/loads', body);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('bad_request');
    expect(res.json.error.message).toContain(field);
  });

  it('refuses a create whose externalId exists', async () => {
    const existing = sandbox.loads()[0].externalId;
    const res = await post('/v1/loads', { externalId: existing, orderNumber: 'ORD-9' });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('externalId');
  });

  it('upserts by externalId: changes only the fields sent, creates when unknown', async () => {
    const before = sandbox.loads()[3];
    const res = await post('/v1/loads/upsert', { externalId: before.externalId, orderNumber: before.orderNumber, notes: 'Refreshed.' });
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ ...bare(before), notes: 'Refreshed.', updatedAt: res.json.data.updatedAt });
    expect(res.json.data.updatedAt).toBeGreaterThan(before.updatedAt);

    const created = await post('/v1/loads/upsert', { externalId: 'tt_upsert_new', orderNumber: 'ORD-U1', status: 'IN_TRANSIT', carrierName: 'Reliable Freight' });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({ externalId: 'tt_upsert_new', status: 'IN_TRANSIT', carrierId: 'carrier_1', customerId: null });
    expect((await post('/v1/loads/upsert', { orderNumber: 'ORD-U2' })).json.error.message).toContain('externalId');
  });

  it('changes a status by id or externalId and answers previousStatus (EX "Update Load Status Response")', async () => {
    const load = sandbox.loads().find((l) => l.status === 'IN_TRANSIT')!;
    const res = await post(`/v1/loads/${load.externalId}/status`, { status: 'DELIVERED' });
    expect(res.status).toBe(200);
    expect(res.json.previousStatus).toBe('IN_TRANSIT');
    expect(res.json.data).toMatchObject({ id: load.id, status: 'DELIVERED', eligibleForTracking: false });
    const truth = sandbox.loads().find((l) => l.id === load.id)!;
    expect(truth.stops.every((s) => s.status === 'completed')).toBe(true);
    expect(truth.tracking.eligibilityReason).toBe('load_status_not_trackable');

    expect((await post('/v1/loads/load_404040/status', { status: 'DELIVERED' })).status).toBe(404);
    expect((await post(`/v1/loads/${load.id}/status`, { status: 'delivered' })).json.error.message).toContain('status');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await fetch(`${url}/v1/loads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'idempotency-key': 'x' },
      body: '{"externalId": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });
});

function bare(load: ReturnType<TrailflowSandbox['loads']>[number]) {
  const { customer, carrier, vehicle, stops, tracking, ...rest } = load;
  return rest;
}
