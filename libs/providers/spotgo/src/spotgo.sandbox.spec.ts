import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Shipment } from '@waybill/canonical';
import { ProviderError, type Checkpoint, type Connection, type MappedRecord, type ProviderRecord } from '@waybill/provider-kit';
import { createSpotgoSandbox, DEFAULT_SPOTGO_KEY, type SpotgoSandbox } from '@waybill/sandbox';
import { SpotgoProvider } from './spotgo.provider.js';

// The adapter against the SpotGo sandbox over real HTTP (the contract both implement is ../README.md): commands,
// documents and the poll, compared with the sandbox's truth. Workflow B, so generated documents wait InReview.

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/spotgo/${name}`, import.meta.url), 'utf8')) as T;

let sandbox: SpotgoSandbox;
let conn: Connection;

beforeAll(async () => {
  sandbox = createSpotgoSandbox({ seed: 7, orders: 60, workflow: 'B', rateLimit: 100_000 });
  conn = {
    id: 'spotgo-default',
    provider: 'spotgo',
    baseUrl: await sandbox.listen(),
    credentials: { apiKey: DEFAULT_SPOTGO_KEY },
    webhookSecrets: [],
    settings: { pageSize: 17 },
  };
});

afterAll(async () => {
  await sandbox.close();
});

function provider(): SpotgoProvider {
  const sut = new SpotgoProvider();
  // Injected 429s are retried without real waits.
  sut.clientOptions = { sleep: async () => {}, maxRetries: 30 };
  return sut;
}

function shipment(reference: string, vatCode = 'LT100012345617'): Shipment {
  const s = fixture<Shipment>('shipment.vilnius-berlin.canonical.json');
  return { ...s, reference, carrier: { ...s.carrier!, vatCode } };
}

function file(bytes: Buffer, fileName = 'cmr.pdf', contentType = 'application/pdf') {
  // Small chunks, so the multipart body really is written from a stream.
  const chunks = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000));
  return { stream: Readable.from(chunks), fileName, contentType, sizeBytes: bytes.length };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function rejection(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error('expected a ProviderError');
}

async function poll(sut: SpotgoProvider, from: Checkpoint | null): Promise<{ records: ProviderRecord[]; next: Checkpoint; pages: number }> {
  const records: ProviderRecord[] = [];
  let checkpoint = from;
  for (let pages = 1; pages < 100; pages++) {
    const page = await sut.fetchChanges(conn, checkpoint);
    records.push(...page.records);
    checkpoint = page.next;
    if (page.done) return { records, next: checkpoint, pages };
  }
  throw new Error('poll did not finish');
}

/** The last mapped shipment per order id (an order changed during a scan is read twice; the later read wins). */
function lastShipments(sut: SpotgoProvider, records: ProviderRecord[]): Map<string, MappedRecord> {
  const out = new Map<string, MappedRecord>();
  for (const r of records) if (r.kind === 'shipment') out.set(r.externalId, sut.map(r, conn));
  return out;
}

describe('SpotGo adapter against the sandbox', () => {
  it('dispatch creates the order with its share link, and a second dispatch updates the same order', async () => {
    const sut = provider();
    const before = sandbox.orders().length;
    const first = await sut.commands!.dispatch(conn, { shipment: shipment('WB-DISPATCH-1'), externalId: null, options: {} }, 'key-1');

    expect(first.details).toStrictEqual({ created: true, updated: false, linkChanged: true });
    expect(first.shareUrl).toMatch(/^https?:\/\//);
    const truth = sandbox.orders().find((o) => o.orderId === first.externalId)!;
    expect(truth.orderNumber).toBe('WB-DISPATCH-1');
    expect(truth.carrier.vatCode).toBe('LT100012345617');
    // DST-correct instants: Vilnius on 28 March is still EET (+02:00), Berlin on 29 March already CEST (+02:00).
    expect(truth.locations.map((l) => [l.type, l.startDate, l.endDate])).toStrictEqual([
      ['Loading', '2026-03-28T05:00:00.000Z', '2026-03-28T09:00:00.000Z'],
      ['Unloading', '2026-03-29T06:00:00.000Z', '2026-03-29T12:30:00.000Z'],
    ]);
    expect(first.records.map((r) => [r.kind, r.externalId])).toStrictEqual([['shipment', first.externalId]]);
    const mapped = sut.map(first.records[0], conn);
    expect(mapped.kind === 'shipment' && mapped.patch.tracking).toStrictEqual({ shareUrl: first.shareUrl });

    const again = await sut.commands!.dispatch(conn, { shipment: shipment('WB-DISPATCH-1'), externalId: first.externalId, options: {} }, 'key-1');
    expect(again.externalId).toBe(first.externalId);
    expect(again.details).toStrictEqual({ created: false, updated: true, linkChanged: false });
    expect(again.shareUrl).toBe(first.shareUrl);
    expect(sandbox.orders()).toHaveLength(before + 1);
  });

  it('a carrier change regenerates the link before documents exist, and is refused once they do', async () => {
    const sut = provider();
    const first = await sut.commands!.dispatch(conn, { shipment: shipment('WB-CARRIER-1'), externalId: null, options: {} }, 'k');
    const moved = await sut.commands!.dispatch(conn, { shipment: shipment('WB-CARRIER-1', 'DE811907980'), externalId: first.externalId, options: {} }, 'k');
    expect(moved.details).toStrictEqual({ created: false, updated: true, linkChanged: true });
    expect(moved.shareUrl).not.toBe(first.shareUrl);

    await sut.commands!.upload!(conn, first.externalId, file(Buffer.from('%PDF-1.7 carrier change')), 'CMR');
    const refused = await rejection(
      sut.commands!.dispatch(conn, { shipment: shipment('WB-CARRIER-1', 'LV40003009497'), externalId: first.externalId, options: {} }, 'k'),
    );
    expect(refused.kind).toBe('invalid_request');
    expect(refused.status).toBe(409);
    expect(refused.code).toBe('CarrierChangeWithDocuments');
    expect(refused.details).toStrictEqual([
      { field: 'carrier.vatCode', providerField: 'carrier.vatCode', code: 'CarrierChangeWithDocuments', message: expect.any(String) },
    ]);
    expect(sandbox.orders().find((o) => o.orderId === first.externalId)!.carrier.vatCode).toBe('DE811907980');
  });

  it('a refusal by field maps back to the canonical path', async () => {
    const sut = provider();
    const s = shipment('WB-BAD-1');
    s.stops[1] = { ...s.stops[1], address: { ...s.stops[1].address!, countryCode: 'Germany' } };
    const refused = await rejection(sut.commands!.dispatch(conn, { shipment: s, externalId: null, options: {} }, 'k'));
    expect(refused.kind).toBe('invalid_request');
    expect(refused.details).toStrictEqual([
      { field: 'stops[1].address.countryCode', providerField: 'locations[1].countryCode', code: expect.any(String), message: expect.any(String) },
    ]);
  });

  it('upload streams the file; the content comes back byte for byte; cancel deletes the order', async () => {
    const sut = provider();
    const { externalId } = await sut.commands!.dispatch(conn, { shipment: shipment('WB-UPLOAD-1'), externalId: null, options: {} }, 'k');
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(25_000, 7), Buffer.from([0, 255, 13, 10])]);

    const records = await sut.commands!.upload!(conn, externalId, file(bytes, 'CMR – Vilnius.pdf'), 'CMR');
    expect(records.map((r) => r.kind)).toStrictEqual(['shipment', 'document']);
    const doc = sut.map(records[1], conn);
    expect(doc).toMatchObject({
      kind: 'document',
      externalId: expect.stringMatching(new RegExp(`^${externalId}/[0-9a-f-]+$`)),
      patch: { owner: { kind: 'shipment', externalId }, type: 'CMR', rawType: 'cmr', status: 'PROCESSING', rawStatus: 'Processing', sizeBytes: bytes.length, mimeType: 'application/pdf' },
    });

    expect(sut.documentContent.available(conn)).toBe(true);
    const content = await sut.documentContent.open(conn, doc.externalId);
    expect(content.contentType).toBe('application/pdf');
    expect(content.fileName).toBe('CMR – Vilnius.pdf');
    expect((await readAll(content.stream)).equals(bytes)).toBe(true);

    await sut.commands!.cancel!(conn, externalId, null);
    expect(sandbox.orders().some((o) => o.orderId === externalId)).toBe(false);
    expect((await rejection(sut.hydrate(conn, { kind: 'shipment', externalId }))).kind).toBe('not_found');
    // A resumed cancel of an order already gone is done, not an error.
    await expect(sut.commands!.cancel!(conn, externalId, null)).resolves.toBeUndefined();
  });

  it('passes reviews on InReview documents; canReview refuses any other status before a call', async () => {
    const sut = provider();
    const inReview = sandbox.orders().flatMap((o) => o.documents.filter((d) => d.status === 'InReview').map((d) => ({ order: o, doc: d })));
    expect(inReview.length).toBeGreaterThanOrEqual(2);
    const [a, b] = inReview;
    const review = sut.commands!.review!;
    expect(review.canReview('InReview', 'ACCEPTED')).toBe(true);
    expect(review.canReview('InReview', 'REJECTED')).toBe(true);

    const accepted = await review.submit(conn, { externalId: `${a.order.orderId}/${a.doc.documentId}`, ownerExternalId: a.order.orderId }, 'ACCEPTED', null);
    const acceptedDoc = accepted.map((r) => sut.map(r, conn)).find((m) => m.externalId.endsWith(a.doc.documentId))!;
    expect(acceptedDoc).toMatchObject({ kind: 'document', patch: { status: 'ACCEPTED', rawStatus: 'Accepted' } });

    const rejected = await review.submit(conn, { externalId: b.doc.documentId, ownerExternalId: b.order.orderId }, 'REJECTED', 'unreadable');
    const rejectedDoc = rejected.map((r) => sut.map(r, conn)).find((m) => m.externalId.endsWith(b.doc.documentId))!;
    expect(rejectedDoc).toMatchObject({ kind: 'document', patch: { status: 'REJECTED', rawStatus: 'Rejected' } });
    expect(sandbox.orders().find((o) => o.orderId === b.order.orderId)!.documents.find((d) => d.documentId === b.doc.documentId)!.rejectionReason).toBe('Unreadable');

    // Now decided: the hub asks canReview first and never calls; SpotGo would refuse it too.
    expect(review.canReview('Accepted', 'REJECTED')).toBe(false);
    expect(review.canReview('Processing', 'ACCEPTED')).toBe(false);
    const refused = await rejection(review.submit(conn, { externalId: `${a.order.orderId}/${a.doc.documentId}`, ownerExternalId: a.order.orderId }, 'REJECTED', null));
    expect(refused).toMatchObject({ kind: 'invalid_request', code: 'InvalidStatusTransition' });
  });

  it('a full poll reproduces the sandbox truth, and the next poll reads what changed since', async () => {
    const sut = provider();
    const full = await poll(sut, null);
    expect(full.pages).toBeGreaterThan(1);
    const truth = sandbox.orders();
    const mapped = lastShipments(sut, full.records);
    expect([...mapped.keys()].sort()).toStrictEqual(truth.map((o) => o.orderId).sort());
    for (const order of truth) {
      const m = mapped.get(order.orderId)!;
      expect(m.providerUpdatedAt).toBe(order.updatedAt);
      expect(m.kind === 'shipment' && m.patch.reference).toBe(order.orderNumber);
    }
    const docIds = full.records.filter((r) => r.kind === 'document').map((r) => r.externalId);
    expect(new Set(docIds)).toStrictEqual(new Set(truth.flatMap((o) => o.documents.map((d) => `${o.orderId}/${d.documentId}`))));
    // Each order record is followed by its own documents.
    full.records.forEach((r, i) => {
      if (r.kind === 'document') expect(r.externalId.startsWith(`${full.records.slice(0, i).reverse().find((x) => x.kind === 'shipment')!.externalId}/`)).toBe(true);
    });

    const result = await sandbox.advance(30 * 60_000, { changes: 8 });
    const changed = new Set(result.changes.map((c) => c.orderId));
    const next = await poll(sut, full.next);
    const seen = new Set(next.records.filter((r) => r.kind === 'shipment').map((r) => r.externalId));
    for (const id of changed) expect(seen.has(id)).toBe(true);
    // Incremental: only what changed within the overlap, not the whole book.
    expect(seen.size).toBeLessThan(truth.length);
    for (const [id, m] of lastShipments(sut, next.records)) {
      expect(m.providerUpdatedAt).toBe(sandbox.orders().find((o) => o.orderId === id)!.updatedAt);
    }
  });

  it('rides out a 429 storm', async () => {
    const sut = provider();
    const waits: number[] = [];
    sut.clientOptions = { ...sut.clientOptions, onRetry: ({ delayMs, error }) => error.kind === 'rate_limited' && waits.push(delayMs) };
    sandbox.setFaults({ rateLimitStorm: 0.6 });
    try {
      const full = await poll(sut, null);
      expect(lastShipments(sut, full.records).size).toBe(sandbox.orders().length);
      const { externalId, details } = await sut.commands!.dispatch(conn, { shipment: shipment('WB-STORM-1'), externalId: null, options: {} }, 'k');
      expect(details).toMatchObject({ created: true });
      expect((await sut.hydrate(conn, { kind: 'shipment', externalId }))[0].externalId).toBe(externalId);
      // The storm was real, and each wait was the Retry-After SpotGo asked for (1 s).
      expect(waits.length).toBeGreaterThanOrEqual(3);
      expect(new Set(waits)).toStrictEqual(new Set([1000]));
    } finally {
      sandbox.setFaults({ rateLimitStorm: 0 });
    }
  });
});
