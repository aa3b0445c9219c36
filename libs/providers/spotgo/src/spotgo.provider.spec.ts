import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Shipment } from '@waybill/canonical';
import { ProviderError, type Checkpoint, type Connection } from '@waybill/provider-kit';
import { inOrder, startScriptedServer, type ScriptedReply, type ScriptedServer } from '../../../provider-kit/src/testing/scripted-http-server.js';
import { SPOTGO_CHECKPOINT_FORMAT, SpotgoProvider } from './spotgo.provider.js';

// The provider over a scripted server: the poll state machine, hydration, and what each command sends and answers.

const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/spotgo/${name}`, import.meta.url), 'utf8'));
const order = fixture('order.in-review.json');
const ORDER_ID = '3f2a9c10-7b1d-4e0a-9c44-5d6e7f809a1b';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(settings: Record<string, unknown>, ...replies: ScriptedReply[]): Promise<{ sut: SpotgoProvider; conn: Connection }> {
  server = await startScriptedServer(inOrder(...replies));
  const sut = new SpotgoProvider();
  sut.clientOptions = { sleep: async () => {}, maxRetries: 1 };
  return { sut, conn: { id: 'spotgo-default', provider: 'spotgo', baseUrl: server.baseUrl, credentials: { apiKey: 'k' }, webhookSecrets: [], settings } };
}

const sent = (i: number) => JSON.parse(server!.requests[i].body);

async function rejection(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error('expected a ProviderError');
}

describe('fetchChanges: the poll state machine (README "Polling")', () => {
  it('scans everything first, continues by token, then restarts at the largest updatedAt minus the overlap', async () => {
    const older = { ...order, orderId: 'AAAA', orderNumber: 'SG-1', documents: [], updatedAt: '2026-03-30T07:00:00.000Z' };
    const { sut, conn } = await setup(
      {},
      { status: 200, body: { items: [older], continuationToken: 'tok-1' } },
      { status: 200, body: { items: [order], continuationToken: null } },
      { status: 200, body: { items: [], continuationToken: null } },
    );

    const first = await sut.fetchChanges(conn, null);
    expect(sent(0)).toStrictEqual({ pageSize: 100, continuationToken: null });
    expect(first.records.map((r) => [r.kind, r.externalId])).toStrictEqual([['shipment', 'aaaa']]);
    expect(first).toMatchObject({ done: false, next: { format: SPOTGO_CHECKPOINT_FORMAT, updatedFrom: null, token: 'tok-1', maxSeen: '2026-03-30T07:00:00.000Z' } });

    const second = await sut.fetchChanges(conn, JSON.parse(JSON.stringify(first.next)) as Checkpoint);
    expect(sent(1)).toStrictEqual({ pageSize: 100, continuationToken: 'tok-1' });
    // The order, then its own documents.
    expect(second.records.map((r) => [r.kind, r.externalId])).toStrictEqual([
      ['shipment', ORDER_ID],
      ['document', `${ORDER_ID}/b71e0d55-1c2b-4a3f-8e9d-0a1b2c3d4e5f`],
      ['document', `${ORDER_ID}/c0ffee00-0000-4000-8000-000000000001`],
      ['document', `${ORDER_ID}/c0ffee00-0000-4000-8000-000000000002`],
    ]);
    expect(second.done).toBe(true);
    expect(second.next).toStrictEqual({ format: SPOTGO_CHECKPOINT_FORMAT, updatedFrom: '2026-03-30T08:01:12.000Z', token: null, maxSeen: null });

    const third = await sut.fetchChanges(conn, second.next);
    expect(sent(2)).toStrictEqual({ updatedAt: { from: '2026-03-30T08:01:12.000Z' }, pageSize: 100, continuationToken: null });
    // Nothing changed: the next scan starts where this one did.
    expect(third).toStrictEqual({ records: [], next: second.next, done: true });
  });

  it('honours the pageSize and overlapSeconds settings', async () => {
    const { sut, conn } = await setup({ pageSize: 25, overlapSeconds: 0 }, { status: 200, body: { items: [order], continuationToken: null } });
    const page = await sut.fetchChanges(conn, null);
    expect(sent(0).pageSize).toBe(25);
    expect(page.next).toMatchObject({ updatedFrom: '2026-03-30T08:03:12.000Z' });
  });

  it('refuses a bad setting before any call', async () => {
    const { sut, conn } = await setup({ pageSize: 500 }, { status: 200, body: { items: [], continuationToken: null } });
    expect((await rejection(sut.fetchChanges(conn, null))).kind).toBe('invalid_request');
    expect(server!.requests).toHaveLength(0);
  });

  it.each([
    ['a foreign format', { format: 'carrierpacket.full-scan.v1', scan: {} }],
    ['no format', { updatedFrom: null, token: null, maxSeen: null }],
    ['a damaged instant', { format: SPOTGO_CHECKPOINT_FORMAT, updatedFrom: 'yesterday', token: null, maxSeen: null }],
    ['an empty token', { format: SPOTGO_CHECKPOINT_FORMAT, updatedFrom: null, token: '', maxSeen: null }],
  ])('%s → cursor_invalid, no call', async (_case, checkpoint) => {
    const { sut, conn } = await setup({}, { status: 200, body: { items: [], continuationToken: null } });
    expect((await rejection(sut.fetchChanges(conn, checkpoint))).kind).toBe('cursor_invalid');
    expect(server!.requests).toHaveLength(0);
  });

  it("SpotGo's InvalidContinuationToken → cursor_invalid (the engine resyncs once)", async () => {
    const { sut, conn } = await setup({}, { status: 400, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ status: 400, code: 'InvalidContinuationToken', errors: [{ field: 'continuationToken' }] }) });
    const e = await rejection(sut.fetchChanges(conn, { format: SPOTGO_CHECKPOINT_FORMAT, updatedFrom: null, token: 'stale', maxSeen: null }));
    expect(e).toMatchObject({ kind: 'cursor_invalid', code: 'InvalidContinuationToken' });
  });

  it('an unreadable row does not stop the page: it goes on as a record map refuses, naming the field', async () => {
    const bad = { ...order, orderId: 'BAD1', locations: [{ sequence: 1, type: 'Loading', startDate: '2026-03-28 07:00' }] };
    const { sut, conn } = await setup({}, { status: 200, body: { items: [bad, order], continuationToken: null } });
    const page = await sut.fetchChanges(conn, null);
    expect(page.records[0]).toStrictEqual({ kind: 'shipment', externalId: 'bad1', providerUpdatedAt: null, raw: bad });
    expect(page.records).toHaveLength(5);
    const e = (() => {
      try {
        sut.map(page.records[0], conn);
      } catch (err) {
        return err as ProviderError;
      }
      throw new Error('expected refusal');
    })();
    expect(e.kind).toBe('bad_payload');
    expect(e.details).toStrictEqual([{ field: 'locations[0].startDate', message: 'startDate must be an ISO 8601 instant with an offset' }]);
  });
});

describe('map refusals', () => {
  const conn = { settings: {} } as Connection;
  const sut = new SpotgoProvider();
  it.each([
    ['shipment', { status: 'Created', orderNumber: 'N' }, 'orderId'],
    ['shipment', { orderId: 'o', status: 'Created', orderNumber: 'N', details: { weight: -1 } }, 'details.weight'],
    ['shipment', { orderId: 'o', status: 'Created', orderNumber: 'N', locations: [{ sequence: 1, type: 'Pickup' }] }, 'locations[0].type'],
    ['document', { documentId: 'd', documentType: 'cmr', status: 'Accepted' }, 'orderId'],
    ['carrier', { id: 1 }, 'kind'],
  ] as const)('%s %j → bad_payload naming %s', (kind, raw, field) => {
    try {
      sut.map({ kind, externalId: 'x', providerUpdatedAt: null, raw }, conn);
      throw new Error('expected refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(ProviderError);
      expect((e as ProviderError).kind).toBe('bad_payload');
      expect(((e as ProviderError).details as { field: string }[])[0].field).toBe(field);
    }
  });
});

describe('hydrate', () => {
  it('a shipment: GET the order → the order and its documents', async () => {
    const { sut, conn } = await setup({}, { status: 200, body: order });
    const records = await sut.hydrate(conn, { kind: 'shipment', externalId: ORDER_ID });
    expect(server!.requests[0]).toMatchObject({ method: 'GET', url: `/api/v1/orders/${ORDER_ID}` });
    expect(records.map((r) => r.kind)).toStrictEqual(['shipment', 'document', 'document', 'document']);
    expect(records[1].raw).toStrictEqual({ ...order.documents[0], orderId: order.orderId });
  });

  it('a document: GET its owner order', async () => {
    const { sut, conn } = await setup({}, { status: 200, body: order });
    await sut.hydrate(conn, { kind: 'document', externalId: `${ORDER_ID}/b71e` });
    expect(server!.requests[0].url).toBe(`/api/v1/orders/${ORDER_ID}`);
  });
});

describe('commands', () => {
  const shipment = (): Shipment => fixture('shipment.vilnius-berlin.canonical.json');

  it("dispatch: the upsert body, and the docs' answer as the result", async () => {
    const { sut, conn } = await setup({}, { status: 200, body: fixture('upsert.response.docs.json') });
    const result = await sut.commands!.dispatch(conn, { shipment: shipment(), externalId: null, options: { requiredDocuments: ['CMR', 'INVOICE'] } }, 'idem-1');
    expect(server!.requests[0]).toMatchObject({ method: 'POST', url: '/api/v1/orders/upsert' });
    expect(sent(0)).toStrictEqual(fixture('shipment.vilnius-berlin.upsert-body.json'));
    expect(result).toStrictEqual({
      externalId: 'b3e1eced-f2bd-4d8c-9765-fbc9d1d222d5',
      records: [
        { kind: 'shipment', externalId: 'b3e1eced-f2bd-4d8c-9765-fbc9d1d222d5', providerUpdatedAt: null, raw: fixture('upsert.response.docs.json').order },
        {
          kind: 'document',
          externalId: 'b3e1eced-f2bd-4d8c-9765-fbc9d1d222d5/4704590c-004e-410d-adf7-acb7ca0a7052',
          providerUpdatedAt: null,
          raw: { ...fixture('upsert.response.docs.json').order.documents[0], orderId: 'b3e1eced-f2bd-4d8c-9765-fbc9d1d222d5' },
        },
      ],
      shareUrl: 'string',
      details: { created: true, updated: true, linkChanged: true },
    });
  });

  it('dispatch retries the upsert after a 429 (the upsert is its own idempotency)', async () => {
    const { sut, conn } = await setup(
      {},
      { status: 429, headers: { 'retry-after': '1', 'content-type': 'application/problem+json' }, body: JSON.stringify({ status: 429, code: 'RateLimited' }) },
      { status: 200, body: fixture('upsert.response.docs.json') },
    );
    await sut.commands!.dispatch(conn, { shipment: shipment(), externalId: null, options: {} }, 'idem-1');
    expect(server!.requests).toHaveLength(2);
  });

  it('dispatch refuses a shipment SpotGo cannot take before any call', async () => {
    const { sut, conn } = await setup({}, { status: 200, body: {} });
    const e = await rejection(sut.commands!.dispatch(conn, { shipment: { ...shipment(), reference: null }, externalId: null, options: {} }, 'k'));
    expect(e).toMatchObject({ kind: 'invalid_request', details: [{ field: 'reference', providerField: 'orderNumber' }] });
    expect(server!.requests).toHaveLength(0);
  });

  it('cancel deletes; an order already gone is done; other errors are thrown', async () => {
    const notFound = { status: 404, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ status: 404, code: 'NotFound' }) };
    const { sut, conn } = await setup({}, { status: 204 }, notFound, { status: 401, body: { status: 401, code: 'Unauthorized' } });
    await sut.commands!.cancel!(conn, ORDER_ID, 'customer cancelled');
    expect(server!.requests[0]).toMatchObject({ method: 'DELETE', url: `/api/v1/orders/${ORDER_ID}` });
    await expect(sut.commands!.cancel!(conn, ORDER_ID, null)).resolves.toBeUndefined();
    expect((await rejection(sut.commands!.cancel!(conn, ORDER_ID, null))).kind).toBe('auth');
  });

  it.each([
    ['ACCEPTED', null, { status: 'Accepted' }],
    ['ACCEPTED', 'looks good', { status: 'Accepted', comment: 'looks good' }],
    ['REJECTED', 'wrongDocumentType', { status: 'Rejected', rejectionReason: 'WrongDocumentType' }],
    ['REJECTED', 'stamp missing', { status: 'Rejected', rejectionReason: 'Other', comment: 'stamp missing' }],
    ['REJECTED', null, { status: 'Rejected', rejectionReason: 'Other' }],
  ] as const)('review %s with %j sends %j, then reads the order', async (decision, reason, body) => {
    const { sut, conn } = await setup({}, { status: 200, body: order.documents[0] }, { status: 200, body: order });
    const records = await sut.commands!.review!.submit(conn, { externalId: `${ORDER_ID}/b71e`, ownerExternalId: ORDER_ID }, decision, reason);
    expect(server!.requests[0]).toMatchObject({ method: 'POST', url: `/api/v1/orders/${ORDER_ID}/documents/b71e/status` });
    expect(sent(0)).toStrictEqual(body);
    expect(server!.requests[1]).toMatchObject({ method: 'GET', url: `/api/v1/orders/${ORDER_ID}` });
    expect(records).toHaveLength(4);
  });

  it('upload refuses a type SpotGo does not have, before any call', async () => {
    const { sut, conn } = await setup({}, { status: 201, body: {} });
    const file = { stream: Readable.from([Buffer.from('x')]), fileName: 'w9.pdf', contentType: 'application/pdf', sizeBytes: 1 };
    const e = await rejection(sut.commands!.upload!(conn, ORDER_ID, file, 'W9'));
    expect(e).toMatchObject({ kind: 'invalid_request', details: [{ field: 'type', providerField: 'documentType' }] });
    expect(server!.requests).toHaveLength(0);
  });

  it('documentContent needs <orderId>/<documentId>', async () => {
    const { sut, conn } = await setup({}, { status: 200, body: 'x' });
    expect((await rejection(sut.documentContent.open(conn, 'b71e'))).kind).toBe('invalid_request');
  });
});
