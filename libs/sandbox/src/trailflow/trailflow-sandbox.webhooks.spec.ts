import { createHmac, timingSafeEqual } from 'node:crypto';
import { createTrailflowSandbox, type TrailflowSandbox } from './trailflow-sandbox.js';
import { call, startReceiver, type ReceivedWebhook, type WebhookReceiver } from './testing/sandbox-test-kit.js';
import { SANDBOX_ALL_SCOPES } from './trailflow.types.js';

const KEY = 'tf_hooks';
const ALL_EVENTS = ['load.created', 'load.updated', 'load.status_changed'];
const BARE_KEYS = [
  'id', 'externalId', 'orderNumber', 'status', 'eligibleForTracking', 'rate', 'notes', 'customerId', 'carrierId', 'vehicleId',
  'createdAt', 'updatedAt',
];

/** The receiver's side of FACTS §6, written independently of the sandbox's signer. */
function signatureIsValid(hook: ReceivedWebhook, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(`${hook.headers['x-trailflow-timestamp']}.${hook.rawBody}`).digest();
  const given = Buffer.from(String(hook.headers['x-trailflow-signature']), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('TrailFlow sandbox: webhooks', () => {
  let sandbox: TrailflowSandbox;
  let url: string;
  let receiver: WebhookReceiver;

  async function start(answer?: Parameters<typeof startReceiver>[0], webhookDelayScale = 0.001) {
    sandbox = createTrailflowSandbox({
      seed: 5, loads: 60, webhookDelayScale, keys: [{ key: KEY, scopes: SANDBOX_ALL_SCOPES, ratePerMinute: 10_000 }],
    });
    url = await sandbox.listen(0);
    receiver = await startReceiver(answer);
  }

  afterEach(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('manages subscriptions: the secret only at creation, delete answers {deleted: true}', async () => {
    await start();
    const created = await call(url, 'POST', '/v1/webhooks', {
      key: KEY, idempotencyKey: 'wh_1', body: { url: receiver.url, eventTypes: ['load.created', 'load.status_changed'] },
    });
    expect(created.status).toBe(201);
    expect(created.json.data).toEqual({
      id: expect.stringMatching(/^whsub_/), url: receiver.url, eventTypes: ['load.created', 'load.status_changed'],
      signingSecret: expect.stringMatching(/^tfwhsec_/),
    });
    const listed = await call(url, 'GET', '/v1/webhooks', { key: KEY });
    expect(listed.json.data).toEqual([
      { id: created.json.data.id, url: receiver.url, eventTypes: ['load.created', 'load.status_changed'], status: 'active', createdAt: expect.any(Number) },
    ]);
    const deleted = await call(url, 'DELETE', `/v1/webhooks/${created.json.data.id}`, { key: KEY });
    expect(deleted.json).toEqual({ deleted: true, requestId: expect.stringMatching(/^req_/) });
    expect((await call(url, 'GET', '/v1/webhooks', { key: KEY })).json.data).toEqual([]);
    expect((await call(url, 'DELETE', `/v1/webhooks/${created.json.data.id}`, { key: KEY })).status).toBe(404);
  });

  it.each([
    [{ url: 'ftp://x', eventTypes: ['load.created'] }, 'url'],
    [{ url: 'http://127.0.0.1:1/h', eventTypes: [] }, 'eventTypes'],
    [{ url: 'http://127.0.0.1:1/h', eventTypes: ['load.deleted'] }, 'eventTypes'],
  ])('refuses subscription body %j naming %s', async (body, field) => {
    await start();
    const res = await call(url, 'POST', '/v1/webhooks', { key: KEY, idempotencyKey: 'wh_bad', body });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain(field);
  });

  it('advance: changed loads get the new updatedAt and each one is delivered, bare and correctly signed', async () => {
    await start();
    const sub = sandbox.subscribe(receiver.url, ALL_EVENTS);
    const before = new Map(sandbox.loads().map((l) => [l.id, l]));
    const changed = sandbox.advance(120_000, { changes: 8 });
    await sandbox.idle();

    expect(changed).toHaveLength(8);
    const now = (await call(url, 'GET', '/_sandbox/clock')).json.now;
    const fresh = await call(url, 'GET', `/v1/loads?updatedAfter=${now}&limit=100`, { key: KEY });
    expect(fresh.json.data.map((l: any) => l.id).sort()).toEqual([...changed].sort());

    expect(receiver.received).toHaveLength(8);
    const truth = new Map(sandbox.loads().map((l) => [l.id, l]));
    for (const hook of receiver.received) {
      expect(signatureIsValid(hook, sub.signingSecret)).toBe(true);
      expect(hook.headers['content-type']).toBe('application/json');
      expect(hook.headers['x-trailflow-event']).toBe('load.status_changed');
      expect(hook.headers['x-trailflow-delivery-id']).toMatch(/^whdel_/);
      expect(Number(hook.headers['x-trailflow-timestamp'])).toBeGreaterThan(1e12);
      const body = JSON.parse(hook.rawBody);
      expect(Object.keys(body)).toEqual(BARE_KEYS);
      expect(body.updatedAt).toBe(now);
      expect(body.status).toBe(truth.get(body.id)!.status);
      expect(body.status).not.toBe(before.get(body.id)!.status);
    }
    expect(signatureIsValid(receiver.received[0], 'tfwhsec_wrong')).toBe(false);
  });

  it('sends only the event types subscribed to: writes give load.created / load.status_changed / load.updated', async () => {
    await start();
    sandbox.subscribe(receiver.url, ['load.created']);
    sandbox.advance(1_000, { changes: 5 });
    await call(url, 'POST', '/v1/loads', { key: KEY, idempotencyKey: 'c1', body: { externalId: 'tt_hook', orderNumber: 'ORD-H' } });
    await sandbox.idle();
    expect(receiver.received.map((h) => h.headers['x-trailflow-event'])).toEqual(['load.created']);

    const all = sandbox.subscribe(receiver.url, ALL_EVENTS);
    await call(url, 'POST', '/v1/loads/tt_hook/status', { key: KEY, idempotencyKey: 's1', body: { status: 'ASSIGNED' } });
    await call(url, 'POST', '/v1/loads/upsert', { key: KEY, idempotencyKey: 'u1', body: { externalId: 'tt_hook', notes: 'n' } });
    await sandbox.idle();
    const forAll = sandbox.deliveries().filter((d) => d.subscriptionId === all.id).map((d) => d.event);
    expect(forAll).toEqual(['load.status_changed', 'load.updated']);
  });

  it('retries a failed delivery with the same delivery id, up to 3 attempts', async () => {
    const failures = new Map<string, number>();
    // Every delivery fails twice, then succeeds.
    await start((_n, hook) => {
      const id = String(hook.headers['x-trailflow-delivery-id']);
      const seen = failures.get(id) ?? 0;
      failures.set(id, seen + 1);
      return seen < 2 ? 500 : 200;
    });
    const sub = sandbox.subscribe(receiver.url, ALL_EVENTS);
    sandbox.advance(1_000, { changes: 3 });
    await sandbox.idle();
    expect(receiver.received).toHaveLength(9);
    expect([...failures.values()]).toEqual([3, 3, 3]);
    expect(receiver.received.every((h) => signatureIsValid(h, sub.signingSecret))).toBe(true);
    const log = sandbox.deliveries();
    expect(log.map((e) => e.attempt).sort()).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect(log.filter((e) => e.ok).map((e) => e.attempt)).toEqual([3, 3, 3]);
  });

  it('gives up after 3 failed attempts, counting network errors as failures', async () => {
    await start(() => 503);
    sandbox.subscribe(receiver.url, ALL_EVENTS);
    sandbox.subscribe('http://127.0.0.1:9/closed', ALL_EVENTS);
    sandbox.advance(1_000, { changes: 1 });
    await sandbox.idle();
    expect(receiver.received).toHaveLength(3);
    const refused = sandbox.deliveries().filter((e) => e.url.endsWith('/closed'));
    expect(refused.map((e) => [e.attempt, e.ok, e.statusCode])).toEqual([[1, false, null], [2, false, null], [3, false, null]]);
    expect(refused.every((e) => e.error !== null)).toBe(true);
  });

  it('duplicate knob: each delivery arrives twice with the same delivery id', async () => {
    await start();
    sandbox.subscribe(receiver.url, ALL_EVENTS);
    sandbox.setFaults({ duplicateDeliveryShare: 1 });
    sandbox.advance(1_000, { changes: 4 });
    await sandbox.idle();
    const ids = receiver.received.map((h) => String(h.headers['x-trailflow-delivery-id']));
    expect(ids).toHaveLength(8);
    const counts = ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>());
    expect([...counts.values()]).toEqual([2, 2, 2, 2]);
  });

  it('out-of-order knob: an older delivery of a load arrives after a newer one', async () => {
    // Held up to 60 s x 0.1: the newer delivery, not the hold timer, releases the older one.
    await start(undefined, 0.1);
    sandbox.subscribe(receiver.url, ALL_EVENTS);
    sandbox.setFaults({ outOfOrderShare: 1 });
    const load = sandbox.loads().find((l) => l.status === 'DRAFT')!;
    await call(url, 'POST', `/v1/loads/${load.id}/status`, { key: KEY, idempotencyKey: 'o1', body: { status: 'ASSIGNED' } });
    await call(url, 'POST', `/v1/loads/${load.id}/status`, { key: KEY, idempotencyKey: 'o2', body: { status: 'LOADED' } });
    await sandbox.idle();
    const bodies = receiver.received.map((h) => JSON.parse(h.rawBody));
    expect(bodies.map((b) => b.status)).toEqual(['LOADED', 'ASSIGNED']);
    expect(bodies[0].updatedAt).toBeGreaterThan(bodies[1].updatedAt);
    expect(sandbox.deliveries().map((e) => e.outOfOrder)).toEqual([false, true]);
  });

  it('out-of-order knob: a held delivery with no newer one still goes out after the hold time', async () => {
    await start();
    sandbox.subscribe(receiver.url, ALL_EVENTS);
    sandbox.setFaults({ outOfOrderShare: 1 });
    const changed = sandbox.advance(1_000, { changes: 2 });
    await sandbox.idle();
    expect(receiver.received.map((h) => JSON.parse(h.rawBody).id).sort()).toEqual([...changed].sort());
  });

  it('stops delivering to a deleted subscription', async () => {
    await start();
    const sub = sandbox.subscribe(receiver.url, ALL_EVENTS);
    await call(url, 'DELETE', `/v1/webhooks/${sub.id}`, { key: KEY });
    sandbox.advance(1_000, { changes: 3 });
    await sandbox.idle();
    expect(receiver.received).toHaveLength(0);
  });
});
