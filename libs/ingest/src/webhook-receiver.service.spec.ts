import { createHash } from 'node:crypto';
import { jest } from '@jest/globals';
import {
  type Connection,
  ConnectionRegistry,
  type FreightProvider,
  type InboundEvent,
  ProviderError,
  ProviderRegistry,
  type RawWebhook,
  WebhookRequestError,
  WebhookVerificationError,
} from '@waybill/provider-kit';
import type { JobQueue } from '@waybill/queue';
import type { InboxRepository, InsertedInboxMessage, NewInboxMessage } from '@waybill/store';
import { metricsRegistry } from '@waybill/telemetry';
import { DEFAULT_WEBHOOK_BODY_LIMIT_BYTES, WebhookReceiverService } from './webhook-receiver.service.js';

const BODY = Buffer.from('{"id":"load_1","status":"IN_TRANSIT","updatedAt":1710802000000}');
const HASH = createHash('sha256').update(BODY).digest('hex');

function raw(headers: Record<string, string> = {}, body = BODY): RawWebhook {
  return {
    method: 'POST',
    path: '/webhooks/trailflow/trailflow-default',
    query: {},
    headers: { 'content-type': 'application/json', 'x-trailflow-delivery-id': 'dlv_1', 'x-trailflow-event': 'load.updated', 'x-trailflow-signature': 'sig', ...headers },
    rawBody: body,
    receivedAt: new Date(),
  };
}

const event = (over: Partial<InboundEvent> = {}): InboundEvent => ({
  delivery: { deliveryId: 'dlv_1', signed: false },
  eventType: 'load.updated',
  record: { kind: 'shipment', externalId: 'load_1', providerUpdatedAt: null, raw: {} },
  ...over,
});

function setup(opts: { verify?: () => void; parse?: () => InboundEvent[]; inserted?: (m: NewInboxMessage, i: number) => Partial<InsertedInboxMessage> } = {}) {
  const provider = {
    code: 'trailflow',
    capabilities: { poll: true, webhooks: true, dispatch: false, documents: false },
    webhooks: { verify: jest.fn(opts.verify ?? (() => undefined)), parse: jest.fn(opts.parse ?? (() => [event()])) },
  } as unknown as FreightProvider;
  const conn: Connection = { id: 'trailflow-default', provider: 'trailflow', baseUrl: 'http://x', credentials: {}, webhookSecrets: ['s1', 's2'], settings: {} };
  const stored: NewInboxMessage[] = [];
  const inbox = {
    insert: jest.fn(async (messages: NewInboxMessage[]) => {
      stored.push(...messages);
      return messages.map((m, i) => ({ id: `row-${i}`, deliveryId: m.deliveryId, duplicate: false, conflict: false, status: m.status ?? 'received', ...opts.inserted?.(m, i) }));
    }),
  };
  const queue = { add: jest.fn(async () => undefined) };
  const sut = new WebhookReceiverService(
    new ProviderRegistry([provider]),
    new ConnectionRegistry([conn]),
    inbox as unknown as InboxRepository,
    queue as unknown as JobQueue,
  );
  return { sut, provider, conn, inbox, queue, stored };
}

async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const m = (await metricsRegistry.getSingleMetric(name)!.get()).values;
  return m.find((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val))?.value ?? 0;
}

describe('WebhookReceiverService', () => {
  it('answers invalid_signature for a WebhookVerificationError and stores nothing', async () => {
    const { sut, inbox, queue } = setup({ verify: () => { throw new WebhookVerificationError('missing_signature', 'no signature'); } });
    await expect(sut.receive('trailflow', 'trailflow-default', raw())).resolves.toEqual({ status: 'invalid_signature', reason: 'missing_signature' });
    expect(inbox.insert).not.toHaveBeenCalled();
    expect(queue.add).not.toHaveBeenCalled();
  });

  it('answers invalid_request naming the header for a WebhookRequestError and stores nothing', async () => {
    const { sut, inbox, provider } = setup({ verify: () => { throw new WebhookRequestError('X-Trailflow-Event', 'X-Trailflow-Event header is missing'); } });
    await expect(sut.receive('trailflow', undefined, raw())).resolves.toEqual({
      status: 'invalid_request', field: 'X-Trailflow-Event', message: 'X-Trailflow-Event header is missing',
    });
    expect(inbox.insert).not.toHaveBeenCalled();
    expect(provider.webhooks!.parse).not.toHaveBeenCalled();
  });

  it('hands the verifier the connection with all of its secrets', async () => {
    const { sut, provider } = setup();
    await sut.receive('trailflow', 'trailflow-default', raw());
    expect(provider.webhooks!.verify).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ webhookSecrets: ['s1', 's2'] }));
  });

  it('keys an unsigned delivery id by the hash of the body (not the id, not the timestamp) and asks for conflict detection', async () => {
    const { sut, stored, queue } = setup();
    const res = await sut.receive('trailflow', 'trailflow-default', raw());
    expect(res).toMatchObject({ status: 'accepted', deliveries: [{ id: 'row-0', deliveryId: 'dlv_1', duplicate: false, conflict: false }] });
    expect(stored[0]).toMatchObject({ deliveryId: 'dlv_1', dedupKey: `body:${HASH}`, detectConflict: true, sha256: HASH, eventType: 'load.updated' });
    expect(stored[0]!.headers).not.toHaveProperty('x-trailflow-signature');
    expect(queue.add).toHaveBeenCalledTimes(1);
  });

  it('keys a signed delivery id by the id itself, without conflict detection', async () => {
    const { sut, stored } = setup({ parse: () => [event({ delivery: { deliveryId: 'hash_1:submission.updated', signed: true } })] });
    await sut.receive('trailflow', 'trailflow-default', raw());
    expect(stored[0]).toMatchObject({ dedupKey: 'id:hash_1:submission.updated', detectConflict: false });
  });

  it('gives each unsigned event of one body its own key tied to the body', async () => {
    const { sut, stored } = setup({ parse: () => [event(), event({ delivery: { deliveryId: 'dlv_1', signed: false }, eventType: 'load.status_changed' })] });
    await sut.receive('trailflow', 'trailflow-default', raw());
    expect(stored.map((m) => m.dedupKey)).toEqual([`body:${HASH}`, `body:${HASH}:1`]);
  });

  it('keeps a signed but unparseable body as a dead letter keyed by its hash (never a random id), not enqueued', async () => {
    const parse = () => { throw new ProviderError('bad_payload', 'not JSON', { provider: 'trailflow' }); };
    const { sut, stored, queue } = setup({ parse });
    await sut.receive('trailflow', 'trailflow-default', raw());
    await sut.receive('trailflow', 'trailflow-default', raw({ 'x-trailflow-delivery-id': 'dlv_other' }));
    expect(stored[0]).toMatchObject({ deliveryId: 'dlv_1', dedupKey: `body:${HASH}`, status: 'dead', error: { code: 'bad_payload' } });
    expect(stored[1]!.dedupKey).toBe(stored[0]!.dedupKey);
    const { sut: noId, stored: noIdStored } = setup({ parse });
    const headers = raw();
    delete headers.headers['x-trailflow-delivery-id'];
    await noId.receive('trailflow', 'trailflow-default', headers);
    expect(noIdStored[0]).toMatchObject({ deliveryId: `unparsed:${HASH.slice(0, 16)}`, dedupKey: `body:${HASH}` });
    expect(queue.add).not.toHaveBeenCalled();
  });

  it('stores a synthetic (test) delivery as ignored and never enqueues it', async () => {
    const { sut, stored, queue } = setup({ parse: () => [event({ synthetic: true })] });
    await sut.receive('trailflow', 'trailflow-default', raw());
    expect(stored[0]!.status).toBe('ignored');
    expect(queue.add).not.toHaveBeenCalled();
  });

  it('counts a conflict (metric) and does not enqueue it; does not enqueue a duplicate either', async () => {
    const before = await metric('waybill_webhook_conflicts_total', { provider: 'trailflow' });
    const { sut, queue } = setup({ inserted: () => ({ conflict: true, status: 'dead' }) });
    const res = await sut.receive('trailflow', 'trailflow-default', raw());
    expect(res).toMatchObject({ deliveries: [{ conflict: true, duplicate: false }] });
    expect(await metric('waybill_webhook_conflicts_total', { provider: 'trailflow' })).toBe(before + 1);
    const dup = setup({ inserted: () => ({ duplicate: true }) });
    await dup.sut.receive('trailflow', 'trailflow-default', raw());
    expect(queue.add).not.toHaveBeenCalled();
    expect(dup.queue.add).not.toHaveBeenCalled();
  });

  it('answers not_found for an unknown connection without verifying', async () => {
    const { sut, provider } = setup();
    await expect(sut.receive('trailflow', 'nope', raw())).resolves.toEqual({ status: 'not_found' });
    expect(provider.webhooks!.verify).not.toHaveBeenCalled();
  });

  it('limits webhook bodies to 1 MB unless the connection raises it', () => {
    const { sut, conn } = setup();
    expect(sut.bodyLimitFor('trailflow', 'trailflow-default')).toBe(DEFAULT_WEBHOOK_BODY_LIMIT_BYTES);
    expect(sut.bodyLimitFor('trailflow', 'unknown')).toBe(1024 * 1024);
    conn.settings.webhookBodyLimitBytes = 5_000_000;
    expect(sut.bodyLimitFor('trailflow', undefined)).toBe(5_000_000);
    conn.settings.webhookBodyLimitBytes = 'lots';
    expect(sut.bodyLimitFor('trailflow', 'trailflow-default')).toBe(DEFAULT_WEBHOOK_BODY_LIMIT_BYTES);
  });
});
