import { DateTime } from 'luxon';
import type { Checkpoint, Connection, MappedRecord, ProviderRecord } from '@waybill/provider-kit';
import { createCarrierpacketSandbox, DEFAULT_CARRIERPACKET_KEY, type CarrierpacketSandbox } from '@waybill/sandbox';
import { CarrierpacketProvider } from './carrierpacket.provider.js';

// The adapter's whole scan against the CarrierPacket sandbox over real HTTP (the contract both implement is
// ../README.md), compared with the sandbox's truth. A Chicago broker whose clock starts on the 2026 fall-back day.

const ZONE = 'America/Chicago';
let sandbox: CarrierpacketSandbox;
let conn: Connection;

beforeAll(async () => {
  sandbox = createCarrierpacketSandbox({ seed: 11, submissions: 230, timezone: ZONE, fileStreaming: true, faults: { errorRate: 0.05, dropRate: 0.03 } });
  const url = await sandbox.listen();
  conn = {
    id: 'carrierpacket-default',
    provider: 'carrierpacket',
    baseUrl: `${url}/api/v1`,
    credentials: { apiKey: DEFAULT_CARRIERPACKET_KEY },
    webhookSecrets: [],
    settings: { pageSize: 37, timezone: ZONE, fileStreaming: true },
  };
});

afterAll(async () => {
  await sandbox.close();
});

function provider(): CarrierpacketProvider {
  const sut = new CarrierpacketProvider();
  // Injected 500s and dropped connections are retried without real waits.
  sut.clientOptions = { sleep: async () => {}, maxRetries: 8 };
  return sut;
}

interface ScanResult {
  records: ProviderRecord[];
  next: Checkpoint;
  pages: number;
}

async function fullScan(sut: CarrierpacketProvider, from: Checkpoint | null, betweenPages?: (page: number) => Promise<void>): Promise<ScanResult> {
  const records: ProviderRecord[] = [];
  let checkpoint = from;
  for (let page = 1; page < 200; page++) {
    const answer = await sut.fetchChanges(conn, checkpoint);
    records.push(...answer.records);
    checkpoint = answer.next;
    if (answer.done) return { records, next: checkpoint, pages: page };
    await betweenPages?.(page);
  }
  throw new Error('scan did not finish');
}

function byId(mapped: MappedRecord[], kind: MappedRecord['kind']): Map<string, MappedRecord> {
  return new Map(mapped.filter((m) => m.kind === kind).map((m) => [m.externalId, m]));
}

function expectOnce(records: ProviderRecord[]): void {
  const keys = records.map((r) => `${r.kind}:${r.externalId}`);
  expect(new Set(keys).size).toBe(keys.length);
}

/** Independent of the adapter's mapper: the README's rules applied to the truth row. */
function expectCarrierMatchesTruth(mapped: MappedRecord, truth: Record<string, any>): void {
  if (mapped.kind !== 'carrier') throw new Error('not a carrier');
  const digits = (v: string) => (v.replace(/\D/g, '') === '' ? null : v.replace(/\D/g, ''));
  // An ambiguous wall time (the fall-back hour) takes the earlier of its possible instants (README).
  const updated = DateTime.fromFormat(truth.updated, 'yyyy-MM-dd HH:mm:ss', { zone: ZONE });
  const earliest = Math.min(...updated.getPossibleOffsets().map((d) => d.toMillis()));
  expect(mapped.providerUpdatedAt === null ? null : Date.parse(mapped.providerUpdatedAt)).toBe(earliest);
  expect(mapped.patch.legalName).toBe(truth.legal_name.trim() === '' ? null : truth.legal_name.trim());
  expect(mapped.patch.identifiers?.mcNumber).toBe(digits(truth.mc_number));
  expect(mapped.patch.identifiers?.usdotNumber).toBe(digits(truth.usdot_number));
  expect(mapped.patch.dispatch?.email ?? null).toBe(truth.dispatcher_email.trim() === '' ? null : truth.dispatcher_email.trim().toLowerCase());
  expect(mapped.patch.compliance?.rawStatus).toBe(String(truth.status));
  expect(mapped.patch.compliance?.status).toBe(['PENDING', 'PENDING', 'VERIFIED', 'REJECTED', 'ARCHIVED'][truth.status]);
  expect(mapped.patch.services).toStrictEqual(truth.services_provided);
}

describe('a full scan of the CarrierPacket sandbox', () => {
  it('reproduces the truth, picks up what changed during a later scan, and marks a removed submission', async () => {
    const sut = provider();

    // Scan 1: nothing changes while it runs; it must see every submission and document exactly once.
    const first = await fullScan(sut, null);
    expectOnce(first.records);
    const mapped1 = first.records.map((r) => sut.map(r, conn));
    expect(mapped1.filter((m) => m.unknownStatus !== undefined)).toStrictEqual([]);
    const carriers1 = byId(mapped1, 'carrier');
    const truth1 = sandbox.submissions();
    expect([...carriers1.keys()].sort()).toStrictEqual(truth1.map((s) => String(s.id)).sort());
    for (const s of truth1) {
      expectCarrierMatchesTruth(carriers1.get(String(s.id))!, s);
      expect(carriers1.get(String(s.id))).toStrictEqual(sut.map({ kind: 'carrier', externalId: String(s.id), providerUpdatedAt: null, raw: s }, conn));
    }
    const documents1 = byId(mapped1, 'document');
    const docTruth1 = sandbox.documents();
    expect([...documents1.keys()].sort()).toStrictEqual(docTruth1.map((d) => String(d.id)).sort());
    for (const d of docTruth1) {
      const m = documents1.get(String(d.id))!;
      expect(m.kind === 'document' && m.patch.owner).toStrictEqual({ kind: 'carrier', externalId: String(d.submission_id) });
      expect(m.kind === 'document' && m.patch.expiresOn).toBe(d.expires_on);
      expect(m.kind === 'document' && m.patch.name).toBe(d.original_filename);
    }

    // Scan 2: one submission leaves the tenant before it; new and changed ones appear between its pages.
    const removed = truth1[40].id;
    expect(sandbox.remove(removed)).toBe(true);
    const second = await fullScan(sut, first.next, async (page) => {
      if (page <= 3) await sandbox.advance(3_600_000, { changes: 4 });
    });
    expectOnce(second.records);
    const mapped2 = second.records.map((r) => sut.map(r, conn));
    expect(mapped2.find((m) => m.kind === 'carrier' && m.externalId === String(removed))).toStrictEqual({
      kind: 'carrier',
      externalId: String(removed),
      providerUpdatedAt: null,
      patch: { removed: true },
    });
    // Every submission that was there before the scan and still is was read (listed, or confirmed by its GET).
    const carriers2 = byId(mapped2, 'carrier');
    for (const s of truth1) if (s.id !== removed) expect(carriers2.has(String(s.id))).toBe(true);

    // Scan 3, nothing changing: the truth again, including what scan 2 may have missed; nothing is marked removed.
    const third = await fullScan(sut, second.next);
    const mapped3 = third.records.map((r) => sut.map(r, conn));
    const carriers3 = byId(mapped3, 'carrier');
    const truth3 = sandbox.submissions();
    expect([...carriers3.keys()].sort()).toStrictEqual(truth3.map((s) => String(s.id)).sort());
    for (const s of truth3) expectCarrierMatchesTruth(carriers3.get(String(s.id))!, s);
    expect(byId(mapped3, 'document').size).toBe(sandbox.documents().length);
    for (const d of sandbox.documents()) {
      const m = byId(mapped3, 'document').get(String(d.id))!;
      expect(m.kind === 'document' && [m.patch.expiresOn, m.patch.name, m.patch.sizeBytes]).toStrictEqual([d.expires_on, d.original_filename, d.size_bytes]);
    }
  });

  it('hydrates a submission with its documents and streams a document file', async () => {
    sandbox.setFaults({ errorRate: 0, dropRate: 0 });
    const sut = provider();
    const doc = sandbox.documents()[0];

    const records = await sut.hydrate(conn, { kind: 'carrier', externalId: String(doc.submission_id) });
    const content = await sut.documentContent.open(conn, String(doc.id));
    const chunks: Buffer[] = [];
    for await (const chunk of content.stream) chunks.push(Buffer.from(chunk as Buffer));

    expect(records[0]).toMatchObject({ kind: 'carrier', externalId: String(doc.submission_id) });
    expect(records.slice(1).map((r) => r.externalId)).toContain(String(doc.id));
    expect(records.slice(1).every((r) => r.kind === 'document')).toBe(true);
    expect(content).toMatchObject({ contentType: doc.mime_type, fileName: doc.original_filename });
    expect(Buffer.concat(chunks).length).toBe(doc.size_bytes);
  });
});
