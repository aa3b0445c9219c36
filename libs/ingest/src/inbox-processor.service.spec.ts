import { jest } from '@jest/globals';
import { type Connection, ConnectionRegistry, type FreightProvider, type InboundEvent, ProviderRegistry, type RawWebhook } from '@waybill/provider-kit';
import type { InboxRepository, InboxRow, ShipmentMergeService } from '@waybill/store';
import { InboxProcessorService } from './inbox-processor.service.js';

const row: InboxRow = {
  id: 'row-1', provider: 'trailflow', connectionId: 'trailflow-default', deliveryId: 'dlv_1', dedupKey: 'body:abc', eventType: 'load.updated',
  via: 'webhook', headers: { 'x-trailflow-delivery-id': 'dlv_1', 'x-trailflow-event': 'load.updated' }, body: '{"id":"load_1"}',
  sizeBytes: 15, sha256: 'abc', status: 'processing', attempts: 1, lastError: null, errorCode: null, receivedAt: '2026-01-01T00:00:00.000Z', processedAt: null,
};

function setup(events: InboundEvent[], stored: InboxRow = row) {
  const parse = jest.fn((_req: RawWebhook) => events);
  const map = jest.fn(() => ({ kind: 'shipment', externalId: 'load_1', providerUpdatedAt: null, patch: {} }));
  const provider = { code: 'trailflow', capabilities: {}, webhooks: { verify: jest.fn(), parse }, map } as unknown as FreightProvider;
  const conn: Connection = { id: 'trailflow-default', provider: 'trailflow', baseUrl: 'http://x', credentials: {}, webhookSecrets: [], settings: {} };
  const inbox = { claim: jest.fn(async () => stored), markDone: jest.fn(async () => undefined), markDead: jest.fn(), release: jest.fn() };
  const merge = { merge: jest.fn(async (items: unknown[], cb: (tx: unknown) => Promise<void>) => { await cb({}); return items.map(() => ({ result: 'updated' })); }) };
  const sut = new InboxProcessorService(inbox as unknown as InboxRepository, merge as unknown as ShipmentMergeService, new ProviderRegistry([provider]), new ConnectionRegistry([conn]));
  return { sut, parse, merge, inbox, map };
}

const event = (synthetic?: boolean): InboundEvent => ({
  delivery: { deliveryId: 'dlv_1', signed: false }, eventType: 'load.updated', synthetic,
  record: { kind: 'shipment', externalId: 'load_1', providerUpdatedAt: null, raw: { id: 'load_1' } },
});

describe('InboxProcessorService', () => {
  it('rebuilds the delivery from the stored row, with method, path and query, and merges it', async () => {
    const { sut, parse, merge, inbox } = setup([event()]);
    await expect(sut.process('row-1')).resolves.toBe('done');
    const req = parse.mock.calls[0]![0];
    expect(req).toMatchObject({ method: 'POST', path: '/webhooks/trailflow/trailflow-default', query: {}, headers: row.headers });
    expect(req.rawBody.toString('utf8')).toBe(row.body);
    expect(merge.merge.mock.calls[0]![0]).toHaveLength(1);
    expect(inbox.markDone).toHaveBeenCalled();
  });

  it('never applies a synthetic (test) event, even on replay', async () => {
    const { sut, merge } = setup([event(true)]);
    await expect(sut.process('row-1')).resolves.toBe('done');
    expect(merge.merge.mock.calls[0]![0]).toHaveLength(0);
  });

  it('replays a polled dead letter as the kind of record it was (a document stays a document)', async () => {
    const polled: InboxRow = {
      ...row, via: 'poll', eventType: null, body: '{"id":482}',
      headers: { 'x-waybill-external-id': '482', 'x-waybill-provider-updated-at': '', 'x-waybill-record-kind': 'document' },
    };
    const { sut, map } = setup([], polled);
    await expect(sut.process('row-1')).resolves.toBe('done');
    expect(map.mock.calls[0]).toEqual([{ kind: 'document', externalId: '482', providerUpdatedAt: null, raw: { id: 482 } }, expect.anything()]);
  });
});
