import { randomUUID } from 'node:crypto';
import { TEST_ADMIN_KEY } from '../../support/test-config.js';
import { startSpotgoHub, spotgoShipmentBody, type SpotgoHub } from '../../support/spotgo-hub.js';
import { waitFor } from '../../support/wait-for.js';

// SpotGo through the hub over real HTTP: the TMS creates and dispatches in the hub, the carrier works on the sandbox's
// clock, SpotGo's webhooks reach the hub, and the TMS reads and reviews documents through the hub. The sandbox's
// orders() is SpotGo's truth; order numbers with "-B-" are workflow B (the broker reviews), the rest workflow A.
describe('SpotGo workflows through the hub', () => {
  let hub: SpotgoHub;

  beforeAll(async () => {
    hub = await startSpotgoHub({ sandbox: { workflow: (orderNumber) => (orderNumber.includes('-B-') ? 'B' : 'A') } });
  });
  afterAll(async () => {
    await hub?.close();
  });

  interface HubDocument { id: string; externalId: string; status: string; type: string; name: string | null; mimeType: string | null; sizeBytes: number | null }

  const createShipment = async (reference: string, vatCode?: string) => {
    const res = await hub.api('/v1/shipments', { method: 'POST', json: spotgoShipmentBody(reference, vatCode) });
    expect(res.status).toBe(201);
    return res.body.data as { id: string };
  };
  const dispatch = (id: string, headers: Record<string, string> = {}) =>
    hub.api(`/v1/shipments/${id}/dispatch`, { method: 'POST', json: { provider: 'spotgo' }, headers });
  const dispatched = async (reference: string) => {
    const s = await createShipment(reference);
    const res = await dispatch(s.id);
    expect(res.status).toBe(200);
    return { shipmentId: s.id, orderId: res.body.data.dispatch.externalId as string, answer: res.body.data };
  };
  const shipment = async (id: string) => (await hub.api(`/v1/shipments/${id}`)).body.data;
  /** Waits until the hub's shipment lists the SpotGo document in `status`, and answers the document row. */
  const hubDocument = async (shipmentId: string, orderId: string, documentId: string, status: string): Promise<HubDocument> => {
    const externalId = `${orderId}/${documentId}`;
    const listed = await waitFor(`the hub to list ${externalId} ${status}`, async () =>
      ((await hub.api(`/v1/shipments/${shipmentId}/documents`)).body.data as HubDocument[]).find((d) => d.externalId === externalId && d.status === status),
    );
    const res = await hub.api(`/v1/documents/${listed.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toStrictEqual(listed);
    return res.body.data as HubDocument;
  };
  const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
  /** Waits until the hub has sent nothing to SpotGo for a while (webhook hydrations done). */
  const quiet = async () => {
    await hub.sandbox.idle();
    let last = -1;
    await waitFor('the hub to stop calling SpotGo', async () => {
      const now = hub.sentToSpotgo();
      const still = now === last;
      last = now;
      return still;
    }, 30_000, 500);
  };

  it('workflow A: dispatch, the carrier uploads a CMR, SpotGo accepts it, the hub shows it accepted and serves identical bytes', async () => {
    const { shipmentId, orderId, answer } = await dispatched('SG-A-1');
    const truth = hub.order(orderId);
    expect(truth).toMatchObject({ orderNumber: 'SG-A-1', status: 'Created', carrier: { vatCode: 'LT100012345617' } });
    expect(answer.dispatch).toStrictEqual({ provider: 'spotgo', connection: 'spotgo-default', externalId: orderId, status: 'completed', shareUrl: truth.share.shareUrl });
    expect(answer.shipment.tracking).toMatchObject({ shareUrl: truth.share.shareUrl });

    const uploaded = await hub.carrierUploads(orderId);
    expect(uploaded).toMatchObject({ documentType: 'cmr', status: 'Processing', source: 'Carrier' });
    // Processing ends (1–5 min), then SpotGo's pipeline accepts (5–30 min later): the webhooks go to the hub.
    const moved = await hub.sandbox.advance(60 * 60_000, { changes: 0 });
    const mine = moved.deliveries.filter((d) => d.orderId === orderId);
    expect(mine.map((d) => d.eventType)).toStrictEqual(['DocumentUploaded', 'DocumentAccepted', 'OrderCompleted']);
    expect(mine.every((d) => d.ok && d.statusCode === 202)).toBe(true);
    expect(hub.order(orderId).documents[0]).toMatchObject({ documentId: uploaded.documentId, status: 'Accepted' });

    const doc = await hubDocument(shipmentId, orderId, uploaded.documentId, 'ACCEPTED');
    expect(doc).toMatchObject({ type: 'CMR', name: uploaded.name, mimeType: uploaded.contentType, sizeBytes: uploaded.size });
    await waitFor('the hub to show the order completed', async () => (await shipment(shipmentId)).status === 'COMPLETED');

    const [fromHub, fromSpotgo] = await Promise.all([
      fetch(`${hub.app.url}/v1/documents/${doc.id}/content`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } }),
      hub.spotgo(`/api/v1/orders/${orderId}/documents/${uploaded.documentId}/content`),
    ]);
    expect(fromHub.status).toBe(200);
    expect(fromSpotgo.status).toBe(200);
    expect(fromHub.headers.get('content-type')).toBe(fromSpotgo.headers.get('content-type'));
    const [hubBytes, spotgoBytes] = await Promise.all([bytesOf(fromHub), bytesOf(fromSpotgo)]);
    expect(hubBytes.length).toBe(uploaded.size);
    expect(hubBytes.equals(spotgoBytes)).toBe(true);
  });

  it('workflow B: the upload waits IN_REVIEW; a rejection through the hub reaches SpotGo; reviewing it again is 409 invalid_state with nothing sent', async () => {
    const { shipmentId, orderId } = await dispatched('SG-B-1');
    const uploaded = await hub.carrierUploads(orderId);
    await hub.sandbox.advance(10 * 60_000, { changes: 0 });
    expect(hub.order(orderId).documents.find((d) => d.documentId === uploaded.documentId)!.status).toBe('InReview');
    const doc = await hubDocument(shipmentId, orderId, uploaded.documentId, 'IN_REVIEW');

    const rejected = await hub.api(`/v1/documents/${doc.id}/review`, { method: 'POST', json: { decision: 'REJECTED', reason: 'unreadable' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body.data).toMatchObject({ id: doc.id, status: 'REJECTED', rawStatus: 'Rejected' });
    const afterReview = hub.order(orderId).documents.find((d) => d.documentId === uploaded.documentId)!;
    expect(afterReview).toMatchObject({ status: 'Rejected', rejectionReason: 'Unreadable' });
    expect(hub.exchanges().filter((e) => e.path.endsWith(`/documents/${uploaded.documentId}/status`))).toStrictEqual([
      { method: 'POST', path: `/api/v1/orders/${orderId}/documents/${uploaded.documentId}/status`, status: 200 },
    ]);

    // SpotGo's DocumentRejected webhook is hydrated by the hub; once that is done, nothing else talks to SpotGo.
    await quiet();
    const sent = hub.sentToSpotgo();
    const truthBefore = JSON.stringify(hub.order(orderId));
    for (const decision of ['ACCEPTED', 'REJECTED']) {
      const again = await hub.api(`/v1/documents/${doc.id}/review`, { method: 'POST', json: { decision, reason: 'changed my mind' } });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'invalid_state', details: { rawStatus: 'Rejected', decision } });
    }
    expect(hub.sentToSpotgo()).toBe(sent);
    expect(JSON.stringify(hub.order(orderId))).toBe(truthBefore);
    expect((await hub.api(`/v1/documents/${doc.id}`)).body.data.status).toBe('REJECTED');
  });

  it('a carrier change before documents regenerates the share link and the hub shows it; after documents it is 422 provider_rejected saying why', async () => {
    const { shipmentId, orderId, answer } = await dispatched('SG-CARRIER-1');
    const firstLink = answer.dispatch.shareUrl as string;

    const patched = await hub.api(`/v1/shipments/${shipmentId}`, { method: 'PATCH', json: { carrier: { name: 'Rhein Cargo GmbH', vatCode: 'DE811907980' } } });
    expect(patched.status).toBe(200);
    const truth = hub.order(orderId);
    expect(truth.carrier.vatCode).toBe('DE811907980');
    expect(truth.share.shareUrl).not.toBe(firstLink);
    expect(patched.body.dispatches).toStrictEqual([
      { provider: 'spotgo', connection: 'spotgo-default', externalId: orderId, status: 'completed', shareUrl: truth.share.shareUrl },
    ]);
    expect(patched.body.data.tracking).toMatchObject({ shareUrl: truth.share.shareUrl });
    expect((await shipment(shipmentId)).tracking).toMatchObject({ shareUrl: truth.share.shareUrl });

    // The carrier uploads through the new link: from now on SpotGo refuses another carrier.
    await hub.carrierUploads(orderId);
    const refused = await hub.api(`/v1/shipments/${shipmentId}`, { method: 'PATCH', json: { carrier: { name: 'Latvijas Auto SIA', vatCode: 'LV40003009497' } } });
    expect(refused.status).toBe(200);
    expect(refused.body.dispatches).toMatchObject([{ provider: 'spotgo', status: 'completed', error: { code: 'CarrierChangeWithDocuments' } }]);
    const retried = await dispatch(shipmentId);
    expect(retried.status).toBe(422);
    expect(retried.body.error).toMatchObject({
      code: 'provider_rejected',
      message: expect.stringContaining('cannot be changed'),
      details: [{ field: 'carrier.vatCode', providerField: 'carrier.vatCode', code: 'CarrierChangeWithDocuments', message: expect.any(String) }],
    });
    expect(hub.order(orderId).carrier.vatCode).toBe('DE811907980');
    expect(hub.order(orderId).share.shareUrl).toBe(truth.share.shareUrl);
    // The dispatched copy is still the one SpotGo holds: the dispatch stays completed, with the refusal kept.
    const rows = await hub.dataSource.query(`SELECT status, last_error_code FROM dispatches WHERE shipment_id = $1`, [shipmentId]);
    expect(rows).toStrictEqual([{ status: 'completed', last_error_code: 'CarrierChangeWithDocuments' }]);
  });

  it('a dispatch retried with the same Idempotency-Key answers the stored result, and SpotGo has one order', async () => {
    const s = await createShipment('SG-IDEM-1');
    const key = randomUUID();
    const first = await dispatch(s.id, { 'Idempotency-Key': key });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const upserts = () => hub.exchanges().filter((e) => e.path === '/api/v1/orders/upsert').length;
    const before = upserts();

    const retries = await Promise.all([1, 2, 3].map(() => dispatch(s.id, { 'Idempotency-Key': key })));
    for (const r of retries) {
      expect(r.status).toBe(200);
      expect(r.headers.get('idempotent-replayed')).toBe('true');
      expect(r.body.data).toStrictEqual(first.body.data);
    }
    expect(upserts()).toBe(before);
    expect(hub.sandbox.orders().filter((o) => o.orderNumber === 'SG-IDEM-1')).toHaveLength(1);

    // Ten concurrent first attempts under one new key: one send, one order, one answer.
    const s2 = await createShipment('SG-IDEM-2');
    const key2 = randomUUID();
    const sendsBefore = upserts();
    const burst = await Promise.all(Array.from({ length: 10 }, () => dispatch(s2.id, { 'Idempotency-Key': key2 })));
    expect(burst.map((r) => r.status)).toStrictEqual(Array(10).fill(200));
    expect(burst.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    expect(new Set(burst.map((r) => r.body.data.dispatch.externalId)).size).toBe(1);
    expect(upserts()).toBe(sendsBefore + 1);
    expect(hub.sandbox.orders().filter((o) => o.orderNumber === 'SG-IDEM-2')).toHaveLength(1);
  });
});
