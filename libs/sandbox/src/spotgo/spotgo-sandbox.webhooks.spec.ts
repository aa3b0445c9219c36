import { timingSafeEqual } from 'node:crypto';
import { AUTO_ACCEPT_SECONDS, PROCESSING_SECONDS } from './order-commands.js';
import { createSpotgoSandbox, type SpotgoSandbox } from './spotgo-sandbox.js';
import { DEFAULT_SPOTGO_KEY } from './spotgo-state.js';
import { startHookReceiver, sg, type HookReceiver, type ReceivedHook } from './testing/spotgo-test-kit.js';
import { SPOTGO_WEBHOOK_AUTH_HEADER } from './webhook-auth.js';
import { DISABLE_AFTER_FAILURES } from './webhook-subscriptions.js';

const KEY = DEFAULT_SPOTGO_KEY;
const MINUTE = 60_000;
const SECRET = 'sgwh_0123456789abcdef0123456789abcdef';
const PAYLOAD_KEYS = ['eventId', 'eventType', 'occurredAt', 'orderId', 'orderNumber', 'documentId', 'status', 'orderStatus'];

/** The hub's side: the credential header compared timing-safe. */
function credentialOk(hook: ReceivedHook, secret: string): boolean {
  const given = Buffer.from(String(hook.headers[SPOTGO_WEBHOOK_AUTH_HEADER.toLowerCase()] ?? ''), 'utf8');
  const expected = Buffer.from(secret, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('SpotGo sandbox: webhooks', () => {
  let sandbox: SpotgoSandbox;
  let url: string;
  let receivers: HookReceiver[] = [];
  const receiver = async (status?: (n: number) => number) => {
    const r = await startHookReceiver(status);
    receivers.push(r);
    return r;
  };
  const subscribe = (callbackUrl: string, extra: Record<string, unknown> = {}) =>
    sg(url, 'POST', '/api/v1/webhooks', {
      key: KEY,
      body: { eventType: 'All', callbackUrl, authType: 'ApiKey', authentication: { apiKey: { headerName: SPOTGO_WEBHOOK_AUTH_HEADER, value: SECRET } }, ...extra },
    });

  beforeEach(async () => {
    sandbox = createSpotgoSandbox({ seed: 21, orders: 40, workflow: 'B' });
    url = await sandbox.listen(0);
  });
  afterEach(async () => {
    await sandbox.close();
    await Promise.all(receivers.map((r) => r.close()));
    receivers = [];
  });

  it('subscribes with WebhookAuthType ApiKey (the credential is never echoed); lists and deletes subscriptions', async () => {
    const r = await receiver();
    const created = await subscribe(r.url);
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ subscriptionId: expect.any(String), eventType: 'All', callbackUrl: r.url, authType: 'ApiKey', active: true, createdAt: new Date(sandbox.now()).toISOString() });
    expect(created.text).not.toContain(SECRET);
    const list = await sg(url, 'GET', '/api/v1/webhooks', { key: KEY });
    expect(list.json).toEqual({ items: [created.json] });
    expect((await sg(url, 'DELETE', `/api/v1/webhooks/${created.json.subscriptionId}`, { key: KEY })).status).toBe(204);
    expect((await sg(url, 'DELETE', `/api/v1/webhooks/${created.json.subscriptionId}`, { key: KEY })).status).toBe(404);
    expect((await sg(url, 'GET', '/api/v1/webhooks', { key: KEY })).json.items).toEqual([]);
  });

  it.each([
    [{ callbackUrl: 'ftp://x/h' }, 'callbackUrl'],
    [{ eventType: 'Everything' }, 'eventType'],
    [{ authType: 'OAuth2' }, 'authType'],
    [{ authType: 'Sometimes' }, 'authType'],
    [{ authentication: { apiKey: { headerName: 'Content-Type', value: 'x' } } }, 'authentication.apiKey.headerName'],
    [{ authentication: { apiKey: { headerName: 'X-Ok' } } }, 'authentication.apiKey.value'],
  ])('refuses subscription %j (400 naming %s)', async (extra, field) => {
    const res = await subscribe('http://127.0.0.1:9/h', extra);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].field).toBe(field);
  });

  it('notifies after processing, never at upload: DocumentUploaded (InReview) with the credential and a thin payload; the receiver then GETs the details', async () => {
    const r = await receiver();
    await subscribe(r.url);
    const up = await sandbox.advance(MINUTE, { changes: 1, kinds: ['uploaded'] });
    const uploaded = up.changes.find((c) => c.kind === 'uploaded')!;
    expect(up.deliveries.filter((d) => d.documentId === uploaded.documentId)).toEqual([]);

    await sandbox.advance(PROCESSING_SECONDS[1] * 1000, { changes: 0 });
    const mine = r.received.filter((h) => h.json.documentId === uploaded.documentId);
    expect(mine).toHaveLength(1);
    const hook = mine[0];
    expect(credentialOk(hook, SECRET)).toBe(true);
    expect(credentialOk(hook, 'sgwh_wrong')).toBe(false);
    expect(hook.headers['content-type']).toBe('application/json; x-api-version=1.0');
    expect(hook.headers['x-spotgo-event']).toBe('DocumentUploaded');
    expect(Object.keys(hook.json)).toEqual(PAYLOAD_KEYS);
    expect(hook.json).toMatchObject({ eventType: 'DocumentUploaded', orderId: uploaded.orderId, status: 'InReview', orderStatus: 'InReview' });
    expect(hook.headers['x-spotgo-delivery']).toBe(hook.json.eventId);
    // Thin: the receiver hydrates with GET and finds the document in the notified status.
    const order = await sg(url, 'GET', `/api/v1/orders/${hook.json.orderId}`, { key: KEY });
    expect(order.json.documents.find((d: { documentId: string }) => d.documentId === hook.json.documentId).status).toBe('InReview');
    // Every delivery carries the credential.
    expect(r.received.length).toBeGreaterThan(1);
    expect(r.received.every((h) => credentialOk(h, SECRET))).toBe(true);
  });

  it("the broker's review is notified too (DocumentRejected / DocumentAccepted), and OrderCompleted follows the last required acceptance", async () => {
    const r = await receiver();
    await subscribe(r.url);
    const order = sandbox.orders().find((o) => o.requiredDocumentTypes.length === 1 && o.documents.some((d) => d.status === 'InReview' && d.documentType === o.requiredDocumentTypes[0]))!;
    const doc = order.documents.find((d) => d.status === 'InReview')!;
    await sg(url, 'POST', `/api/v1/orders/${order.orderId}/documents/${doc.documentId}/status`, { key: KEY, body: { status: 'Accepted' } });
    await sandbox.idle();
    expect(r.received.map((h) => [h.json.eventType, h.json.status, h.json.orderStatus])).toEqual([
      ['DocumentAccepted', 'Accepted', 'Completed'],
      ['OrderCompleted', 'Completed', 'Completed'],
    ]);
    expect(r.received[1].json.documentId).toBeNull();

    const other = sandbox.orders().find((o) => o.orderId !== order.orderId && o.documents.some((d) => d.status === 'InReview'))!;
    const otherDoc = other.documents.find((d) => d.status === 'InReview')!;
    await sg(url, 'POST', `/api/v1/orders/${other.orderId}/documents/${otherDoc.documentId}/status`, { key: KEY, body: { status: 'Rejected', rejectionReason: 'WrongOrder' } });
    await sandbox.idle();
    expect(r.received[2].json).toMatchObject({ eventType: 'DocumentRejected', orderId: other.orderId, documentId: otherDoc.documentId, status: 'Rejected' });
  });

  it('workflow A: SpotGo accepts by itself and sends DocumentAccepted; an eventType subscription only gets its events', async () => {
    const a = createSpotgoSandbox({ seed: 21, orders: 40, workflow: 'A' });
    await a.listen(0);
    try {
      const all = await receiver();
      const onlyAccepted = await receiver();
      const auth = { authType: 'ApiKey', authentication: { apiKey: { headerName: SPOTGO_WEBHOOK_AUTH_HEADER, value: SECRET } } };
      a.subscribe({ eventType: 'All', callbackUrl: all.url, ...auth });
      a.subscribe({ eventType: 'DocumentAccepted', callbackUrl: onlyAccepted.url, ...auth });
      const { deliveries } = await a.advance((PROCESSING_SECONDS[1] + AUTO_ACCEPT_SECONDS[1]) * 1000, { changes: 0 });
      expect(deliveries.length).toBe(all.received.length + onlyAccepted.received.length);
      expect(new Set(all.received.map((h) => h.json.eventType))).toEqual(new Set(['DocumentUploaded', 'DocumentAccepted', 'OrderCompleted']));
      expect(onlyAccepted.received.length).toBeGreaterThan(0);
      expect(onlyAccepted.received.every((h) => h.json.eventType === 'DocumentAccepted' && h.json.status === 'Accepted')).toBe(true);
      // The same event has the same id at every subscription.
      expect(onlyAccepted.received.map((h) => h.json.eventId)).toEqual(all.received.filter((h) => h.json.eventType === 'DocumentAccepted').map((h) => h.json.eventId));
    } finally {
      await a.close();
    }
  });

  it('Basic auth sends Authorization: Basic; notify sends a Test; failures disable a subscription until reset', async () => {
    const failing = await receiver(() => 500);
    const sub = await subscribe(failing.url, { authType: 'Basic', authentication: { basic: { username: 'waybill', password: 'pw' } } });
    const id = sub.json.subscriptionId;
    const test = await sg(url, 'PUT', `/api/v1/webhooks/${id}/notify`, { key: KEY });
    expect(test.json).toEqual({ eventId: expect.any(String), delivered: false, statusCode: 500 });
    expect(failing.received[0].headers.authorization).toBe(`Basic ${Buffer.from('waybill:pw').toString('base64')}`);
    expect(failing.received[0].json).toMatchObject({ eventType: 'Test', orderId: null });
    for (let i = 1; i < DISABLE_AFTER_FAILURES; i++) await sg(url, 'PUT', `/api/v1/webhooks/${id}/notify`, { key: KEY });
    expect((await sg(url, 'GET', '/api/v1/webhooks', { key: KEY })).json.items[0].active).toBe(false);
    const before = failing.received.length;
    await sandbox.advance(PROCESSING_SECONDS[1] * 1000, { changes: 5 });
    expect(failing.received.length).toBe(before);
    expect((await sg(url, 'PUT', `/api/v1/webhooks/${id}/reset`, { key: KEY })).json.active).toBe(true);
    await sandbox.advance(PROCESSING_SECONDS[1] * 1000, { changes: 5, kinds: ['uploaded'] });
    expect(failing.received.length).toBeGreaterThan(before);
  });

  it('records every send in deliveries(), in order', async () => {
    const r = await receiver();
    await subscribe(r.url);
    await sandbox.advance(PROCESSING_SECONDS[1] * 1000, { changes: 3 });
    await sandbox.idle();
    const log = sandbox.deliveries();
    expect(log.map((d) => d.id)).toEqual(log.map((_, i) => i + 1));
    expect(log.map((d) => d.body)).toEqual(r.received.map((h) => h.rawBody));
    expect(log.every((d) => d.ok && d.statusCode === 200)).toBe(true);
  });
});
