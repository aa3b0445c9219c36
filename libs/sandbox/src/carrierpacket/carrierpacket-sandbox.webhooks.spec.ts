import { createHmac, timingSafeEqual } from 'node:crypto';
import { call } from '../trailflow/testing/sandbox-test-kit.js';
import { DEFAULT_CARRIERPACKET_KEY, DEFAULT_WEBHOOK_TIMEOUT_MS } from './carrierpacket-state.js';
import { createCarrierpacketSandbox, type CarrierpacketSandbox } from './carrierpacket-sandbox.js';
import { startHookReceiver, type HookReceiver, type ReceivedHook } from './testing/carrierpacket-test-kit.js';
import { CARRIERPACKET_SIGNATURE_HEADER, signCarrierpacketBody } from './webhook-signing.js';

const KEY = DEFAULT_CARRIERPACKET_KEY;
const MINUTE = 60_000;
const SENT_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;

/** The receiver's side of the README's signature, written independently of the sandbox's signer. */
function signatureIsValid(hook: ReceivedHook, secret: string): boolean {
  const header = String(hook.headers['x-carrierpacket-signature'] ?? '');
  if (!header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', secret).update(Buffer.from(hook.rawBody, 'utf8')).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const envelope = (hook: ReceivedHook) => JSON.parse(hook.rawBody);

describe('CarrierPacket sandbox: webhooks', () => {
  let sandbox: CarrierpacketSandbox;
  let receivers: HookReceiver[] = [];

  async function receiver(answer?: Parameters<typeof startHookReceiver>[0]): Promise<HookReceiver> {
    const r = await startHookReceiver(answer);
    receivers.push(r);
    return r;
  }

  beforeEach(() => {
    sandbox = createCarrierpacketSandbox({ seed: 9, submissions: 80 });
  });
  afterEach(async () => {
    await sandbox.close();
    await Promise.all(receivers.map((r) => r.close()));
    receivers = [];
  });

  it('registers up to five endpoints, each with its own cpwh_ secret; the sixth throws', () => {
    const added = Array.from({ length: 5 }, (_, i) => sandbox.addWebhook(`http://127.0.0.1:9/h${i}`, ['*']));
    for (const a of added) expect(a).toEqual({ id: expect.any(String), secret: expect.stringMatching(/^cpwh_[0-9a-f]{32}$/) });
    expect(new Set(added.map((a) => a.secret)).size).toBe(5);
    expect(() => sandbox.addWebhook('http://127.0.0.1:9/h6', ['*'])).toThrow(/at most 5/);
    expect(sandbox.removeWebhook(added[0].id)).toBe(true);
    expect(sandbox.removeWebhook(added[0].id)).toBe(false);
    expect(() => sandbox.addWebhook('http://127.0.0.1:9/h6', ['carrier.verified'])).not.toThrow();
  });

  it.each([
    ['ftp://example.com/h', ['*'], /url/],
    ['not a url', ['*'], /url/],
    ['http://127.0.0.1:9/h', [], /events/],
    ['http://127.0.0.1:9/h', ['carrier.deleted'], /carrier\.deleted/],
    ['http://127.0.0.1:9/h', ['*', 'carrier.intent'], /\*/],
  ])('refuses endpoint %s %j', (url, events, message) => {
    expect(() => sandbox.addWebhook(url, events as string[])).toThrow(message);
  });

  it('signs the raw body: X-CarrierPacket-Signature: sha256=<hex HMAC-SHA256(secret, body)>, plus the documented headers', async () => {
    const r = await receiver();
    const { secret } = sandbox.addWebhook(r.url, ['*']);
    await sandbox.advance(MINUTE, { changes: 3, kinds: ['created'] });
    expect(r.received).toHaveLength(3);
    for (const hook of r.received) {
      expect(signatureIsValid(hook, secret)).toBe(true);
      expect(hook.headers['x-carrierpacket-signature']).toBe(signCarrierpacketBody(secret, hook.rawBody));
      expect(hook.headers['x-carrierpacket-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(hook.headers['content-type']).toBe('application/json');
      expect(hook.headers['user-agent']).toBe('CarrierPacket-Webhooks/1.0');
    }
    expect(signatureIsValid(r.received[0], 'cpwh_00000000000000000000000000000000')).toBe(false);
    expect(CARRIERPACKET_SIGNATURE_HEADER.toLowerCase()).toBe('x-carrierpacket-signature');
  });

  it('sends the envelope { event, sent_at (+00:00), broker_id, submission } with the REST submission', async () => {
    const custom = createCarrierpacketSandbox({ seed: 9, submissions: 80, brokerId: 7 });
    const url = await custom.listen(0);
    try {
      const r = await receiver();
      custom.addWebhook(r.url, ['*']);
      const { now, changes } = await custom.advance(2 * MINUTE, { changes: 1, kinds: ['created'] });
      const body = envelope(r.received[0]);
      expect(Object.keys(body)).toEqual(['event', 'sent_at', 'broker_id', 'submission']);
      expect(body.sent_at).toMatch(SENT_AT);
      expect(Date.parse(body.sent_at)).toBe(Math.floor(now / 1000) * 1000);
      expect(body.broker_id).toBe(7);
      const rest = await call(url, 'GET', `/submissions/${changes[0].submissionId}`, { key: KEY });
      expect(body.submission).toEqual(rest.json.data);
    } finally {
      await custom.close();
    }
  });

  it('new flow: carrier.intent at status 0, then carrier.signed (with signed_pdf_url) and carrier.verified together at status 2', async () => {
    const r = await receiver();
    sandbox.addWebhook(r.url, ['*']);
    const created = await sandbox.advance(MINUTE, { changes: 30, kinds: ['created'] });
    const newOne = created.changes.find((c) => c.status === 0)!;
    const intent = r.received.map(envelope).find((b) => b.submission.id === newOne.submissionId)!;
    expect(intent.event).toBe('carrier.intent');
    expect(intent.submission.status).toBe(0);
    expect(intent.submission).not.toHaveProperty('signed_pdf_url');

    // Verify until this submission is verified (the clock picks among every pending one).
    r.received.length = 0;
    while (sandbox.submissions().find((s) => s.id === newOne.submissionId)!.status === 0) {
      await sandbox.advance(MINUTE, { changes: 1, kinds: ['verified'] });
    }
    const mine = r.received.map(envelope).filter((b) => b.submission.id === newOne.submissionId);
    expect(mine.map((b) => b.event)).toEqual(['carrier.signed', 'carrier.verified']);
    for (const b of mine) {
      expect(b.submission.status).toBe(2);
      expect(b.submission.email_verified_at).toEqual(expect.any(String));
      expect(b.submission.signed_pdf_url).toBe(`https://carrierpacket.link/signed/${b.submission.hashid}.pdf`);
    }
    expect(mine[0].sent_at).toBe(mine[1].sent_at);
  });

  it('old flow: carrier.signed at status 1, then carrier.verified alone at status 2', async () => {
    const r = await receiver();
    sandbox.addWebhook(r.url, ['*']);
    const created = await sandbox.advance(MINUTE, { changes: 30, kinds: ['created'] });
    const oldOne = created.changes.find((c) => c.status === 1)!;
    const signed = r.received.map(envelope).find((b) => b.submission.id === oldOne.submissionId)!;
    expect(signed.event).toBe('carrier.signed');
    expect(signed.submission.status).toBe(1);
    expect(signed.submission.email_verified_at).toBeNull();
    expect(signed.submission).not.toHaveProperty('signed_pdf_url');

    r.received.length = 0;
    while (sandbox.submissions().find((s) => s.id === oldOne.submissionId)!.status === 1) {
      await sandbox.advance(MINUTE, { changes: 1, kinds: ['verified'] });
    }
    const mine = r.received.map(envelope).filter((b) => b.submission.id === oldOne.submissionId);
    expect(mine.map((b) => [b.event, b.submission.status])).toEqual([['carrier.verified', 2]]);
    expect(mine[0].submission).not.toHaveProperty('signed_pdf_url');
  });

  it('carrier.rejected at status 3; archives and renewals send nothing; each body shows the submission as that change left it', async () => {
    const r = await receiver();
    sandbox.addWebhook(r.url, ['*']);
    const { changes, deliveries } = await sandbox.advance(MINUTE, { changes: 40, kinds: ['rejected', 'archived', 'renewed'] });
    const rejected = changes.filter((c) => c.kind === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    expect(changes.some((c) => c.kind === 'archived') && changes.some((c) => c.kind === 'renewed')).toBe(true);
    const bodies = r.received.map(envelope);
    expect(bodies.map((b) => b.event)).toEqual(rejected.map(() => 'carrier.rejected'));
    expect(bodies.map((b) => b.submission.id)).toEqual(rejected.map((c) => c.submissionId));
    // A submission rejected and then archived in the same advance was sent as rejected (3), not as archived.
    expect(bodies.every((b) => b.submission.status === 3)).toBe(true);
    expect(deliveries.map((d) => d.event)).toEqual(bodies.map((b) => b.event));
  });

  it('delivers each event only to the endpoints subscribed to it, in registration order', async () => {
    const verifiedOnly = await receiver();
    const all = await receiver();
    sandbox.addWebhook(verifiedOnly.url, ['carrier.verified']);
    sandbox.addWebhook(all.url, ['*']);
    const { changes, deliveries } = await sandbox.advance(MINUTE, { changes: 20 });
    const events = changes.flatMap((c) => c.events);
    expect(all.received.map((h) => envelope(h).event)).toEqual(events);
    expect(verifiedOnly.received.map((h) => envelope(h).event)).toEqual(events.filter((e) => e === 'carrier.verified'));
    expect(events).toContain('carrier.verified');
    // For each event: the verified-only endpoint (registered first) before the catch-all.
    const firstVerified = deliveries.findIndex((d) => d.event === 'carrier.verified');
    expect(deliveries[firstVerified].url).toBe(verifiedOnly.url);
    expect(deliveries[firstVerified + 1]).toEqual(expect.objectContaining({ url: all.url, event: 'carrier.verified' }));
  });

  it('sends one delivery after the other and resolves advance() only when all are sent', async () => {
    const spans: { start: number; end: number }[] = [];
    const slow = async () => receiver(() => {
      spans.push({ start: performance.now(), end: performance.now() + 80 });
      return { delayMs: 80 };
    });
    const [a, b, c] = [await slow(), await slow(), await slow()];
    for (const r of [a, b, c]) sandbox.addWebhook(r.url, ['*']);
    const result = await sandbox.advance(MINUTE, { changes: 2, kinds: ['created'] });
    expect(result.deliveries).toHaveLength(6);
    expect(a.received.length + b.received.length + c.received.length).toBe(6);
    for (let i = 1; i < spans.length; i++) expect(spans[i].start).toBeGreaterThanOrEqual(spans[i - 1].end - 5);
    expect(result.deliveries.map((d) => d.url)).toEqual([a.url, b.url, c.url, a.url, b.url, c.url]);
  });

  it('idle() waits for deliveries queued by advances that were not awaited, which go out in event order', async () => {
    const r = await receiver(() => ({ delayMs: 20 }));
    sandbox.addWebhook(r.url, ['*']);
    const first = sandbox.advance(MINUTE, { changes: 3, kinds: ['created'] });
    const second = sandbox.advance(MINUTE, { changes: 3, kinds: ['created'] });
    await sandbox.idle();
    expect(r.received.map((h) => envelope(h).submission.id)).toEqual([81, 82, 83, 84, 85, 86]);
    expect((await first).deliveries.map((d) => d.submissionId)).toEqual([81, 82, 83]);
    expect((await second).deliveries.map((d) => d.submissionId)).toEqual([84, 85, 86]);
  });

  it('honours the per-endpoint timeout, then goes on to the next endpoint; a timed-out delivery is not retried', async () => {
    const timed = createCarrierpacketSandbox({ seed: 9, submissions: 80, webhookTimeoutMs: 200 });
    try {
      const slow = await receiver(() => ({ delayMs: 1_500 }));
      const fast = await receiver();
      timed.addWebhook(slow.url, ['*']);
      timed.addWebhook(fast.url, ['*']);
      const t0 = performance.now();
      const { deliveries } = await timed.advance(MINUTE, { changes: 1, kinds: ['created'] });
      const elapsed = performance.now() - t0;
      expect(deliveries).toHaveLength(2);
      expect(deliveries[0]).toEqual(expect.objectContaining({ url: slow.url, statusCode: null, ok: false, error: expect.stringMatching(/TimeoutError/) }));
      expect(deliveries[0].durationMs).toBeGreaterThanOrEqual(190);
      expect(deliveries[0].durationMs).toBeLessThan(1_000);
      expect(deliveries[1]).toEqual(expect.objectContaining({ url: fast.url, statusCode: 200, ok: true, error: null }));
      expect(elapsed).toBeLessThan(1_200);
      await new Promise((resolve) => setTimeout(resolve, 1_600));
      expect(slow.received).toHaveLength(1);
      expect(timed.deliveries()).toHaveLength(2);
    } finally {
      await timed.close();
    }
  });

  it('uses an 8 s timeout by default (FACTS §6 "within 8 seconds")', () => {
    expect(DEFAULT_WEBHOOK_TIMEOUT_MS).toBe(8_000);
  });

  it('never retries: a 500 answer and a refused connection are logged once each', async () => {
    const failing = await receiver(() => ({ status: 500 }));
    sandbox.addWebhook(failing.url, ['*']);
    sandbox.addWebhook('http://127.0.0.1:9/closed', ['*']);
    const { deliveries } = await sandbox.advance(MINUTE, { changes: 1, kinds: ['created'] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(failing.received).toHaveLength(1);
    expect(deliveries.map((d) => [d.statusCode, d.ok])).toEqual([[500, false], [null, false]]);
    expect(deliveries[1].error).toMatch(/ECONNREFUSED|fetch failed/);
    expect(sandbox.deliveries()).toEqual(deliveries);
  });

  it('logs every send in deliveries(): url, event, status code or error, duration, the body', async () => {
    const r = await receiver(() => ({ status: 204 }));
    const { id } = sandbox.addWebhook(r.url, ['*']);
    await sandbox.advance(MINUTE, { changes: 2, kinds: ['created'] });
    const log = sandbox.deliveries();
    expect(log).toEqual([
      expect.objectContaining({ id: 1, webhookId: id, url: r.url, statusCode: 204, ok: true, error: null, synthetic: false }),
      expect.objectContaining({ id: 2, webhookId: id, url: r.url, statusCode: 204, ok: true, error: null, synthetic: false }),
    ]);
    for (const [i, entry] of log.entries()) {
      expect(entry.body).toBe(r.received[i].rawBody);
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
      expect(entry.sentAt).toMatch(SENT_AT);
      expect(['carrier.intent', 'carrier.signed']).toContain(entry.event);
    }
  });

  it('sendTest: webhook.test to that endpoint only, _synthetic on the envelope and on the submission, signed', async () => {
    const target = await receiver();
    const other = await receiver();
    const { id, secret } = sandbox.addWebhook(target.url, ['carrier.rejected']);
    sandbox.addWebhook(other.url, ['*']);
    const delivery = await sandbox.sendTest(id);
    expect(other.received).toHaveLength(0);
    expect(target.received).toHaveLength(1);
    const hook = target.received[0];
    expect(signatureIsValid(hook, secret)).toBe(true);
    const body = envelope(hook);
    expect(body).toEqual({
      event: 'webhook.test', sent_at: expect.stringMatching(SENT_AT), broker_id: 42, _synthetic: true,
      submission: expect.objectContaining({ _synthetic: true, legal_name: 'EVERGREEN SHIPPERS LLC', hashid: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    });
    expect(delivery).toEqual(expect.objectContaining({ event: 'webhook.test', synthetic: true, ok: true, webhookId: id }));
    expect(() => sandbox.sendTest('wh_404')).toThrow(/wh_404/);
  });

  it('drives the same through /_sandbox: add an endpoint, advance, send a test, read the log', async () => {
    const url = await sandbox.listen(0);
    const r = await receiver();
    const added = await call(url, 'POST', '/_sandbox/webhooks', { body: { url: r.url, events: ['*'] } });
    expect(added.status).toBe(201);
    expect(added.json).toEqual({ id: expect.any(String), secret: expect.stringMatching(/^cpwh_[0-9a-f]{32}$/) });
    const advanced = await call(url, 'POST', '/_sandbox/advance', { body: { ms: MINUTE, changes: 2, kinds: ['created'] } });
    expect(advanced.status).toBe(200);
    expect(advanced.json.changes).toHaveLength(2);
    expect(advanced.json.deliveries).toHaveLength(2);
    expect(r.received).toHaveLength(2);
    expect(signatureIsValid(r.received[0], added.json.secret)).toBe(true);
    const tested = await call(url, 'POST', `/_sandbox/webhooks/${added.json.id}/test`);
    expect(tested.json.data).toEqual(expect.objectContaining({ event: 'webhook.test', synthetic: true, ok: true }));
    const log = await call(url, 'GET', '/_sandbox/deliveries');
    expect(log.json.data.map((d: any) => d.event)).toEqual([...advanced.json.deliveries.map((d: any) => d.event), 'webhook.test']);
    expect((await call(url, 'POST', '/_sandbox/advance', { body: { ms: 0 } })).status).toBe(400);
    expect((await call(url, 'POST', '/_sandbox/webhooks', { body: { url: r.url, events: ['nope'] } })).status).toBe(400);
    for (let i = 0; i < 4; i++) await call(url, 'POST', '/_sandbox/webhooks', { body: { url: r.url, events: ['*'] } });
    const sixth = await call(url, 'POST', '/_sandbox/webhooks', { body: { url: r.url, events: ['*'] } });
    expect(sixth.status).toBe(400);
    expect(sixth.json.error.message).toMatch(/at most 5/);
    expect((await call(url, 'POST', '/_sandbox/webhooks/wh_99/test')).status).toBe(404);
  });
});
