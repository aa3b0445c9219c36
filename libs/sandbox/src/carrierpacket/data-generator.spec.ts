import { DateTime } from 'luxon';
import { generateDataset as generateTrailflowDataset } from '../trailflow/data-generator.js';
import { BrokerTime, dateToDay } from './broker-time.js';
import { DOC_TYPES } from './carrierpacket.types.js';
import { generateCarrierpacketDataset, type CarrierpacketGenerateOptions } from './data-generator.js';

const start = Date.UTC(2026, 10, 1, 12, 0, 0);
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const options = (o: Partial<CarrierpacketGenerateOptions> = {}): CarrierpacketGenerateOptions => ({
  seed: 7, submissions: 2000, startTime: start, time: new BrokerTime('UTC'), overlapCarriers: 20, ...o,
});

describe('generateCarrierpacketDataset', () => {
  const data = generateCarrierpacketDataset(options());
  const rows = data.submissions.map((s) => s.row);
  const today = dateToDay('2026-11-01');

  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    expect(generateCarrierpacketDataset(options())).toEqual(data);
    expect(generateCarrierpacketDataset(options({ seed: 8 })).submissions).not.toEqual(data.submissions);
  });

  it('generates 2,000 submissions well under a second, even in a DST zone', () => {
    const t0 = performance.now();
    generateCarrierpacketDataset(options({ seed: 99, time: new BrokerTime('America/Chicago') }));
    expect(performance.now() - t0).toBeLessThan(800);
  });

  it('numbers submissions 1..N in signing order, every timestamp before the clock start', () => {
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i].signed_at >= rows[i - 1].signed_at).toBe(true);
    const startText = '2026-11-01 12:00:00';
    for (const r of rows) {
      for (const t of [r.contract_datetime, r.signed_at, r.created, r.updated]) {
        expect(t).toMatch(DATETIME);
        expect(t < startText).toBe(true);
      }
      expect(r.contract_datetime <= r.signed_at).toBe(true);
      expect(r.created).toBe(r.signed_at);
      expect(r.updated >= r.created).toBe(true);
    }
  });

  it('fills the REST fields realistically', () => {
    expect(new Set(rows.map((r) => r.hashid)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.hashid).toMatch(/^[0-9a-f]{64}$/);
      expect(r.mc_number).toMatch(/^(\d{6,7})?$/);
      expect(r.usdot_number).toMatch(/^(\d{7})?$/);
      expect(r.mc_number === '' && r.usdot_number === '').toBe(false);
      for (const p of [r.phone, r.dispatcher_phone]) expect(p).toMatch(/^\+1 \(\d{3}\) \d{3}-\d{4}$/);
      expect(r.auth_taxid).toMatch(/^\d{2} - \d{7}$/);
      expect(r.physical_state).toMatch(/^[A-Z]{2}$/);
      expect(r.physical_zip).toMatch(/^\d{5}$/);
      expect(r.services_provided.length).toBeGreaterThanOrEqual(1);
      expect(r.dispatcher_email).toMatch(/^[^@\s]+@[^@\s]+\.example$/);
      expect([0, 1]).toContain(r.agreement_accepted);
      expect(r.ip_address).toMatch(/^\d{1,3}(\.\d{1,3}){3}$/);
    }
    expect(rows.some((r) => r.mc_number === '')).toBe(true);
    expect(rows.some((r) => r.usdot_number === '')).toBe(true);
    expect(rows.some((r) => r.mailing_address.startsWith('PO BOX'))).toBe(true);
    expect(rows.some((r) => r.dispatcher_email !== r.dispatcher_email.toLowerCase())).toBe(true);
    expect(rows.some((r) => r.agent_email !== null) && rows.some((r) => r.agent_email === null)).toBe(true);
    expect(rows.some((r) => r.dba_name !== null) && rows.some((r) => r.dba_name === null)).toBe(true);
  });

  it('spreads statuses over 0–4 (most verified), each packet on one flow, 0 only in the new flow and 1 only in the old', () => {
    const flowOf = new Map(data.packets.map((p) => [p.row.id, p.flow]));
    const count = (status: number) => rows.filter((r) => r.status === status).length;
    for (const status of [0, 1, 2, 3, 4]) expect(count(status)).toBeGreaterThan(20);
    expect(count(2)).toBeGreaterThan(rows.length / 2);
    expect(new Set(rows.filter((r) => r.status === 0).map((r) => flowOf.get(r.packet_id)))).toEqual(new Set(['new']));
    expect(new Set(rows.filter((r) => r.status === 1).map((r) => flowOf.get(r.packet_id)))).toEqual(new Set(['old']));
    for (const s of data.submissions) expect(s.flow).toBe(flowOf.get(s.row.packet_id));
  });

  it('sets email_verified_at only on verified carriers, and signed_pdf_url only on verified new-flow ones', () => {
    for (const s of data.submissions) {
      const r = s.row;
      if (r.status === 0 || r.status === 1) expect(r.email_verified_at).toBeNull();
      if (r.status === 2) expect(r.email_verified_at).toMatch(DATETIME);
      if (r.email_verified_at !== null) expect(r.email_verified_at >= r.signed_at).toBe(true);
      expect(s.signedPdfUrl !== null).toBe(s.flow === 'new' && r.email_verified_at !== null);
    }
    expect(rows.some((r) => r.status === 3 && r.email_verified_at === null)).toBe(true);
    expect(rows.some((r) => r.status === 3 && r.email_verified_at !== null)).toBe(true);
  });

  it('makes packets: drafts without submissions, signed_count and last_activity from the submissions', () => {
    expect(new Set(data.packets.map((p) => p.row.status))).toEqual(new Set([0, 1, 2]));
    for (const p of data.packets) {
      const own = rows.filter((r) => r.packet_id === p.row.id);
      expect(p.row.signed_count).toBe(own.length);
      expect(p.row.last_activity).toBe(own.length === 0 ? null : own.map((r) => r.signed_at).sort().at(-1));
      if (p.row.status === 0) expect(own).toHaveLength(0);
    }
    expect(new Set(data.packets.map((p) => p.flow))).toEqual(new Set(['old', 'new']));
  });

  it('gives at most one document per slot, only in slots the packet asks for, PDFs of at most 10 MB', () => {
    const packets = new Map(data.packets.map((p) => [p.row.id, p.row]));
    const bySubmission = new Map<number, string[]>();
    for (const d of data.documents) bySubmission.set(d.row.submission_id, [...(bySubmission.get(d.row.submission_id) ?? []), d.row.doc_type]);
    for (const [id, types] of bySubmission) {
      expect(types.length).toBeLessThanOrEqual(6);
      expect(new Set(types).size).toBe(types.length);
      const docs = packets.get(rows[id - 1].packet_id)!.settings.docs;
      for (const t of types) expect(docs[t as keyof typeof docs]).toBe(true);
    }
    expect(new Set(data.documents.map((d) => d.row.doc_type))).toEqual(new Set(DOC_TYPES));
    expect([...bySubmission.values()].some((t) => t.length === 6)).toBe(true);
    expect(data.documents.map((d) => d.row.id)).toEqual(data.documents.map((_, i) => i + 1));
    for (const d of data.documents) {
      expect(d.row.mime_type).toBe('application/pdf');
      expect(d.row.size_bytes).toBeGreaterThan(0);
      expect(d.row.size_bytes).toBeLessThanOrEqual(10 * 1024 * 1024);
      expect(d.row.original_filename).toMatch(/\.pdf$/);
      expect(d.row.created).toMatch(DATETIME);
      expect(d.row.created >= rows[d.row.submission_id - 1].signed_at).toBe(true);
      expect(d.expiresDay === null ? null : d.row.expires_on).toBe(d.row.expires_on);
      if (d.expiresDay !== null) expect(dateToDay(d.row.expires_on!)).toBe(d.expiresDay);
    }
  });

  it('spreads expiries around today: expired, within 7 days, within 30, later, none; coi dated, w9 undated', () => {
    const days = data.documents.map((d) => (d.expiresDay === null ? null : d.expiresDay - today));
    expect(days.filter((d) => d !== null && d < 0).length).toBeGreaterThan(50);
    expect(days.filter((d) => d !== null && d >= 0 && d <= 7).length).toBeGreaterThan(50);
    expect(days.filter((d) => d !== null && d > 7 && d <= 30).length).toBeGreaterThan(50);
    expect(days.filter((d) => d !== null && d > 30).length).toBeGreaterThan(50);
    expect(days.filter((d) => d === null).length).toBeGreaterThan(50);
    expect(days.some((d) => d === 0)).toBe(true);
    const datedShare = (t: string) => {
      const of = data.documents.filter((d) => d.row.doc_type === t);
      return of.filter((d) => d.expiresDay !== null).length / of.length;
    };
    expect(datedShare('coi')).toBeGreaterThan(0.8);
    expect(datedShare('authority')).toBeGreaterThan(0.6);
    for (const t of ['w9', 'references', 'ach']) expect(datedShare(t)).toBeLessThan(0.15);
  });

  it('shares its first carriers with the TrailFlow sandbox: same names and exactly the same dispatch e-mails', () => {
    // A TrailFlow sandbox of 2,000 loads has 100 carriers; of 200 loads (its default), 10.
    const trailflow = generateTrailflowDataset({ seed: 1, loads: 2000, baseTime: Date.UTC(2024, 10, 4, 17) }).carriers;
    for (let i = 0; i < 20; i++) {
      expect(rows[i].dispatcher_email).toBe(trailflow[i].email);
      expect(rows[i].legal_name).toBe(`${trailflow[i].carrierName.toUpperCase()} LLC`);
    }
    const shared = new Set(trailflow.map((c) => c.email.toLowerCase()));
    expect(rows.slice(20).filter((r) => shared.has(r.dispatcher_email.toLowerCase()))).toEqual([]);
    // Carriers stay unique: one e-mail per submission.
    expect(new Set(rows.map((r) => r.dispatcher_email.toLowerCase())).size).toBe(rows.length);
    const none = generateCarrierpacketDataset(options({ submissions: 50, overlapCarriers: 0 })).submissions;
    expect(none.filter((s) => shared.has(s.row.dispatcher_email.toLowerCase()))).toEqual([]);
  });

  it('draws the same instants in every zone, written as that zone’s wall time', () => {
    const ny = generateCarrierpacketDataset(options({ submissions: 300, time: new BrokerTime('America/New_York') }));
    const utc = generateCarrierpacketDataset(options({ submissions: 300 }));
    const instant = (text: string, zone: string) => DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm:ss', { zone }).toMillis();
    let differ = 0;
    ny.submissions.forEach((s, i) => {
      const u = utc.submissions[i].row;
      if (s.row.updated !== u.updated) differ++;
      // An ambiguous fall-back hour reads back an hour off; none of these fall in one, so each must match.
      expect(instant(s.row.updated, 'America/New_York')).toBe(instant(u.updated, 'UTC'));
      expect(s.row.hashid).toBe(u.hashid);
    });
    expect(differ).toBe(300);
  });
});
