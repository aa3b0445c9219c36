import type { Carrier } from '@waybill/canonical';
import type { CarrierpacketDocument, CarrierpacketSubmission } from '@waybill/sandbox';
import { CP_KEY, startCarrierpacketHub, type CarrierpacketHub } from '../../support/carrierpacket-hub.js';
import { request } from '../../support/http.js';

// Issue "The kit grows up", done-when: a full scan of 2,000 sandbox submissions yields the right carriers, compliance
// and documents, checked against the sandbox's own data; a second scan with no change writes nothing; after the
// clock moves, exactly the changed carriers change; expiringWithinDays agrees with the sandbox's expiring_within.

const ENGINE = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const SUBMISSIONS = 2000;
const STATUS: Record<number, string> = { 0: 'PENDING', 1: 'PENDING', 2: 'VERIFIED', 3: 'REJECTED', 4: 'ARCHIVED' };
const DOC_TYPE: Record<string, string> = { coi: 'INSURANCE', w9: 'W9', authority: 'AUTHORITY', references: 'REFERENCES', ach: 'ACH', other: 'OTHER' };
const digits = (v: string) => v.replace(/\D/g, '') || null;
const docKey = (d: { type: string; expiresOn: string | null; daysUntilExpiry: number | null }) => `${d.type}|${d.expiresOn}|${d.daysUntilExpiry}`;

describe(`CarrierPacket full scan against the sandbox (${ENGINE})`, () => {
  let hub: CarrierpacketHub;
  /** Carrier by the CarrierPacket submission id of one of its sources. */
  let bySubmission: Map<string, Carrier>;

  const readCarriers = async () => {
    const carriers = await hub.all<Carrier>('/v1/carriers?limit=200');
    bySubmission = new Map();
    for (const c of carriers) for (const s of c.sources) if (s.provider === 'carrierpacket') bySubmission.set(s.externalId, c);
    return carriers;
  };
  /** Every page of one of the sandbox's own lists, as a client of CarrierPacket would read it. */
  const sandboxList = async <T>(path: string): Promise<T[]> => {
    const out: T[] = [];
    for (let page = 1; ; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await request(`${hub.sandbox.url}${path}${sep}limit=200&page=${page}`, { key: CP_KEY });
      expect(res.status).toBe(200);
      out.push(...(res.body.data as T[]));
      if (!res.body.pagination.has_more) return out;
    }
  };

  beforeAll(async () => {
    hub = await startCarrierpacketHub({ sandbox: { submissions: SUBMISSIONS } });
  });
  afterAll(() => hub.close());

  it('yields one carrier source per submission, with its status, identifiers, contact and documents', async () => {
    const row = await hub.syncNow();
    expect(row.lastError).toBeNull();
    expect(row.lastRun.failed).toBe(0);

    await readCarriers();
    const truth: CarrierpacketSubmission[] = hub.sandbox.submissions();
    const docs: CarrierpacketDocument[] = hub.sandbox.documents();
    expect(truth).toHaveLength(SUBMISSIONS);
    expect(bySubmission.size).toBe(SUBMISSIONS);
    expect(await hub.count('documents', `provider = 'carrierpacket'`)).toBe(docs.length);

    let compared = 0;
    for (const s of truth) {
      const carrier = bySubmission.get(String(s.id))!;
      expect(carrier).toBeDefined();
      // A carrier matched from several submissions (a shared MC number or e-mail) has one status of several: only
      // single-source carriers are compared field by field.
      if (carrier.sources.length !== 1) continue;
      compared++;
      expect({
        legalName: carrier.legalName,
        mc: carrier.identifiers.mcNumber,
        usdot: carrier.identifiers.usdotNumber,
        email: carrier.dispatch?.email,
        status: carrier.compliance?.status,
        rawStatus: carrier.compliance?.rawStatus,
      }).toEqual({
        legalName: s.legal_name,
        mc: digits(s.mc_number),
        usdot: digits(s.usdot_number),
        email: s.dispatcher_email.trim().toLowerCase(),
        status: STATUS[s.status],
        rawStatus: String(s.status),
      });
      const expected = docs
        .filter((d) => d.submission_id === s.id)
        .map((d) => docKey({ type: DOC_TYPE[d.doc_type]!, expiresOn: d.expires_on, daysUntilExpiry: d.days_until_expiry }))
        .sort();
      expect((carrier.compliance?.documents ?? []).map(docKey).sort()).toEqual(expected);
    }
    // Nearly every submission is its own carrier; the comparison must cover most of them to mean anything.
    expect(compared).toBeGreaterThan(SUBMISSIONS * 0.9);
  });

  it('a second scan with nothing changed at the provider writes nothing', async () => {
    const before = {
      changes: await hub.count('changes'),
      raw: await hub.count('raw_payloads'),
      carriers: await hub.count('carriers'),
      documents: await hub.count('documents'),
    };
    const row = await hub.syncNow();
    expect(row.lastError).toBeNull();
    expect(row.lastRun.changed).toBe(0);
    expect({
      changes: await hub.count('changes'),
      raw: await hub.count('raw_payloads'),
      carriers: await hub.count('carriers'),
      documents: await hub.count('documents'),
    }).toEqual(before);
  });

  it('after the sandbox clock moves, exactly the changed carriers and documents change', async () => {
    const [{ seq }] = (await hub.dataSource.query('SELECT coalesce(max(seq), 0)::bigint AS seq FROM changes')) as { seq: string }[];
    const moved = await hub.sandbox.advance(60_000, { changes: 30 });
    const submissionChanges = moved.changes.filter((c) => c.kind !== 'renewed');
    expect(submissionChanges.length).toBeGreaterThan(0);
    expect(moved.changes.some((c) => c.kind === 'renewed')).toBe(true);

    await hub.syncNow();

    const rows = (await hub.dataSource.query(
      `SELECT c.entity, c.entity_id, d.external_id AS document_external_id
         FROM changes c LEFT JOIN documents d ON c.entity = 'document' AND d.id = c.entity_id
        WHERE c.seq > $1`,
      [seq],
    )) as { entity: string; entity_id: string; document_external_id: string | null }[];
    const changedCarriers = new Set(rows.filter((r) => r.entity === 'carrier').map((r) => r.entity_id));
    const changedDocuments = new Set(rows.filter((r) => r.entity === 'document').map((r) => r.document_external_id));

    await readCarriers();
    const expectedCarriers = new Set(submissionChanges.map((c) => bySubmission.get(String(c.submissionId))!.id));
    expect([...changedCarriers].sort()).toEqual([...expectedCarriers].sort());
    // Renewed documents, and the documents of the submissions the clock created.
    const created = new Set(moved.changes.filter((c) => c.kind === 'created').map((c) => c.submissionId));
    const expectedDocs = new Set([
      ...moved.changes.filter((c) => c.kind === 'renewed').map((c) => String(c.documentId)),
      ...hub.sandbox.documents().filter((d) => created.has(d.submission_id)).map((d) => String(d.id)),
    ]);
    expect([...changedDocuments].sort()).toEqual([...expectedDocs].sort());

    // And the hub now says what the sandbox says for each of them.
    for (const c of submissionChanges) {
      const s = hub.sandbox.submissions().find((x) => x.id === c.submissionId)!;
      expect(bySubmission.get(String(s.id))?.compliance?.rawStatus).toBe(String(s.status));
    }
  });

  it.each([0, 7, 30, 90])('expiringWithinDays=%i lists the carriers of the sandbox expiring_within answer, soonest first', async (days) => {
    await readCarriers();
    const sandboxDocs = await sandboxList<CarrierpacketDocument>(`/documents?expiring_within=${days}`);
    const expected = new Set(sandboxDocs.map((d) => bySubmission.get(String(d.submission_id))!.id));

    const listed = await hub.all<Carrier>(`/v1/carriers?expiringWithinDays=${days}&limit=200`);
    expect(new Set(listed.map((c) => c.id))).toEqual(expected);
    expect(listed).toHaveLength(expected.size);
    const soonest = listed.map((c) => Math.min(...(c.compliance?.documents ?? []).filter((d) => d.daysUntilExpiry !== null).map((d) => d.daysUntilExpiry!)));
    expect(soonest).toEqual([...soonest].sort((a, b) => a - b));
    expect(Math.max(...soonest)).toBeLessThanOrEqual(days);
  });
});
