import { nameAt } from '../names.js';
import { Prng, deriveSeed } from '../prng.js';
import { CARRIER_NAMES, slug } from '../trailflow/geo-catalog.js';
import { dayToDate, type BrokerTime } from './broker-time.js';
import {
  AGENT_EMAILS, CARRIER_CITIES, FILENAME_PATTERNS, LEGAL_SUFFIXES, MIDDLE_INITIALS, NAME_FIRST, NAME_SECOND,
  NEW_ENTRANT_STATUSES, OPERATING_STATUSES, PEOPLE_FIRST, PEOPLE_LAST, SERVICES, SERVICES_NOTES, STREET_NAMES,
  type CarrierCity,
} from './carrier-catalog.js';
import type {
  CarrierpacketDataset, CarrierpacketSubmission, DocType, DocumentRecord, PacketRecord, PacketSettings, SigningFlow,
  SubmissionRecord, SubmissionStatus,
} from './carrierpacket.types.js';

export interface CarrierpacketGenerateOptions {
  seed: number;
  submissions: number;
  /** The sandbox clock's start (epoch ms); every generated timestamp is before it and expiries spread around its date. */
  startTime: number;
  time: BrokerTime;
  /** The first K submissions reuse TrailFlow's sandbox carriers (names and dispatch e-mails). */
  overlapCarriers: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Generated submissions were signed over the two years before the clock start. */
const HISTORY_MS = 730 * DAY;
const MAX_FILE_BYTES = 10 * 1024 * 1024; // REST: "Capped at 10 MB per file".

/** REST sample settings; each packet asks for some of the six slots, together they ask for all six. */
function settings(docs: DocType[], fg: string): PacketSettings {
  const on = new Set(docs);
  return {
    fg,
    bg: '#f7fafc',
    filesEnabled: true,
    docs: { w9: on.has('w9'), coi: on.has('coi'), authority: on.has('authority'), references: on.has('references'), ach: on.has('ach'), other: on.has('other') },
  };
}

interface PacketSpec {
  name: string;
  slug: string;
  status: 0 | 1 | 2;
  flow: SigningFlow;
  docs: DocType[];
  weight: number;
  fg: string;
}

/**
 * A few packets, each on one signing flow (FACTS §1). The archived 2024 packet only has the oldest submissions; the
 * draft is hidden from carriers (REST "0 Draft (hidden)") so it has none.
 */
const PACKET_SPECS: PacketSpec[] = [
  { name: '2024 Carrier Packet', slug: 'carrier-packet-2024', status: 2, flow: 'old', docs: ['w9', 'coi', 'authority'], weight: 0, fg: '#1f4e79' },
  { name: 'Standard Carrier Packet', slug: 'standard-packet', status: 1, flow: 'old', docs: ['w9', 'coi', 'authority', 'other'], weight: 45, fg: '#40b9c7' },
  { name: 'Reefer Carrier Packet', slug: 'reefer-packet', status: 1, flow: 'new', docs: ['w9', 'coi', 'authority', 'references', 'ach', 'other'], weight: 35, fg: '#2e7d32' },
  { name: 'Spot Market Packet', slug: 'spot-market', status: 1, flow: 'new', docs: ['w9', 'coi', 'authority', 'ach'], weight: 20, fg: '#c62828' },
  { name: 'Hazmat Packet', slug: 'hazmat-packet', status: 0, flow: 'new', docs: ['w9', 'coi', 'authority', 'other'], weight: 0, fg: '#ef6c00' },
];

/** Share of the oldest submissions that went through the (now archived) 2024 packet or the standard one. */
const LEGACY_SHARE = 0.3;

/** How likely a carrier fills a slot its packet asks for, and how likely that file carries an expiry date. */
const SLOT_FILLED: Record<DocType, number> = { w9: 0.9, coi: 0.95, authority: 0.8, references: 0.6, ach: 0.6, other: 0.35 };
const SLOT_DATED: Record<DocType, number> = { w9: 0.04, coi: 0.92, authority: 0.75, references: 0.04, ach: 0.04, other: 0.4 };

/** Deterministic CarrierPacket data: the same options give the same packets, submissions and documents. */
export function generateCarrierpacketDataset(opts: CarrierpacketGenerateOptions): CarrierpacketDataset {
  const rng = new Prng(deriveSeed(opts.seed, 'carrierpacket-data'));
  const start = Math.floor(opts.startTime / SECOND) * SECOND;
  const packets = makePackets(rng, start, opts.time);
  const ctx: CarrierContext = { time: opts.time, overlapCarriers: opts.overlapCarriers };
  const signedTimes = submissionTimes(rng, opts.submissions, start);
  const today = opts.time.dayOf(start);
  const submissions: SubmissionRecord[] = [];
  const documents: DocumentRecord[] = [];
  const ceiling = start - MINUTE;

  signedTimes.forEach((signedAt, i) => {
    const packet = i < opts.submissions * LEGACY_SHARE ? pickWeighted(rng, packets.slice(0, 2), [60, 40]) : pickPacket(rng, packets);
    const status = drawStatus(rng, packet.flow);
    const verified = status === 2 || (status === 3 && rng.chance(0.5)) || (status === 4 && rng.chance(0.85));
    const verifiedAt = verified ? Math.min(signedAt + rng.int(1, 3 * 24 * 60) * MINUTE, ceiling) : null;
    const closedAt = status === 3 || status === 4 ? Math.min((verifiedAt ?? signedAt) + rng.int(1, 60 * 24) * HOUR, ceiling) : null;
    const record = makeSubmission(rng, ctx, { id: i + 1, index: i, packet, status, signedAt, verifiedAt, updatedAt: closedAt ?? verifiedAt ?? signedAt });
    submissions.push(record);
    documents.push(...makeDocuments(rng, ctx, record, packet, documents.length + 1, today, (k) => Math.min(signedAt + (k * 6 + rng.int(1, 5)) * SECOND, ceiling)));
  });

  for (const packet of packets) refreshPacketActivity(packet, submissions);
  return { packets, submissions, documents };
}

/** Sign instants for `count` submissions, oldest first (ids are sequential, so id order is signing order). */
function submissionTimes(rng: Prng, count: number, start: number): number[] {
  const meanGap = count > 0 ? HISTORY_MS / count : 0;
  const out: number[] = [];
  let t = start - rng.int(5, 120) * MINUTE;
  for (let i = 0; i < count; i++) {
    out.push(t);
    t -= Math.max(SECOND, Math.floor((rng.next() * 2 * meanGap) / SECOND) * SECOND);
  }
  return out.reverse();
}

function makePackets(rng: Prng, start: number, time: BrokerTime): PacketRecord[] {
  return PACKET_SPECS.map((spec, i) => {
    const created = start - HISTORY_MS - rng.int(10, 90) * DAY + rng.int(0, 86_399) * SECOND;
    return {
      flow: spec.flow,
      weight: spec.status === 1 ? spec.weight : 0,
      row: {
        id: i + 1,
        name: spec.name,
        slug: spec.slug,
        status: spec.status,
        embed_token: hex(rng, 32),
        settings: settings(spec.docs, spec.fg),
        signed_count: 0,
        last_activity: null,
        created: time.dateTime(created),
        updated: time.dateTime(created + rng.int(1, 300) * DAY),
      },
    };
  });
}

/** REST "signed_count" (lifetime count) and "last_activity" (the most recent signature) of one packet. */
export function refreshPacketActivity(packet: PacketRecord, submissions: SubmissionRecord[]): void {
  let count = 0;
  let last: string | null = null;
  for (const s of submissions) {
    if (s.row.packet_id !== packet.row.id) continue;
    count++;
    if (last === null || s.row.signed_at > last) last = s.row.signed_at;
  }
  packet.row.signed_count = count;
  packet.row.last_activity = last;
}

/** An active packet, by weight: where a new carrier signs. */
export function pickPacket(rng: Prng, packets: PacketRecord[]): PacketRecord {
  const active = packets.filter((p) => p.weight > 0);
  return pickWeighted(rng, active, active.map((p) => p.weight));
}

function pickWeighted<T>(rng: Prng, items: T[], weights: number[]): T {
  let roll = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    roll -= weights[i];
    if (roll < 0) return items[i];
  }
  return items[items.length - 1];
}

/** Most carriers end verified; the pending status is the flow's (0 newer, 1 older). */
function drawStatus(rng: Prng, flow: SigningFlow): SubmissionStatus {
  const roll = rng.int(1, 100);
  if (roll <= 15) return pendingStatus(flow);
  if (roll <= 77) return 2;
  if (roll <= 87) return 3;
  return 4;
}

export function pendingStatus(flow: SigningFlow): SubmissionStatus {
  return flow === 'new' ? 0 : 1;
}

/** FACTS §6 leaves the format open; an https link on the product's domain, named by the submission's hashid. */
export function signedPdfUrl(hashid: string): string {
  return `https://carrierpacket.link/signed/${hashid}.pdf`;
}

function hex(rng: Prng, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(rng.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** REST: "Pre-formatted (e.g. +1 (509) 991-8269)". */
function phone(rng: Prng, areaCode: string): string {
  return `+1 (${areaCode}) ${rng.int(200, 999)}-${pad(rng.int(0, 9999), 4)}`;
}

/** Names not shared with TrailFlow: first × second with the second word shifted, so neighbours differ. */
function ownName(index: number): string {
  const combos = NAME_FIRST.length * NAME_SECOND.length;
  const k = index % combos;
  const base = `${NAME_FIRST[k % NAME_FIRST.length]} ${NAME_SECOND[(k + Math.floor(k / NAME_FIRST.length)) % NAME_SECOND.length]}`;
  const round = Math.floor(index / combos);
  return round === 0 ? base : `${base} ${round + 1}`;
}

export interface CarrierContext {
  time: BrokerTime;
  overlapCarriers: number;
}

export interface SubmissionDraft {
  id: number;
  /** 0-based position in creation order: picks the carrier's name. */
  index: number;
  packet: PacketRecord;
  status: SubmissionStatus;
  signedAt: number;
  verifiedAt: number | null;
  updatedAt: number;
}

/**
 * One submission with realistic REST fields. The first `overlapCarriers` are TrailFlow's sandbox carriers
 * (trailflow/data-generator.ts `makeCarriers`: name `nameAt(CARRIER_NAMES, i)`, e-mail `dispatch@<slug>.example`).
 */
export function makeSubmission(rng: Prng, ctx: CarrierContext, d: SubmissionDraft): SubmissionRecord {
  const shared = d.index < ctx.overlapCarriers;
  const name = shared ? nameAt(CARRIER_NAMES, d.index) : ownName(d.index - ctx.overlapCarriers);
  const s = slug(name);
  const city = rng.pick(CARRIER_CITIES);
  const dispatcher = person(rng);
  const signer = person(rng);
  const mc = rng.chance(0.08) ? '' : String(rng.int(100_000, 1_299_999));
  const dot = mc !== '' && rng.chance(0.03) ? '' : String(rng.int(1_000_000, 4_199_999));
  const street = `${rng.int(100, 29_999)} ${rng.pick(STREET_NAMES)}`;
  const sameMailing = rng.chance(0.7);
  const hashid = hex(rng, 64);
  const { time } = ctx;
  const row: CarrierpacketSubmission = {
    id: d.id,
    packet_id: d.packet.row.id,
    hashid,
    status: d.status,
    mc_number: mc,
    usdot_number: dot,
    legal_name: `${name.toUpperCase()} ${shared ? 'LLC' : rng.pick(LEGAL_SUFFIXES)}`,
    dba_name: rng.chance(0.15) ? `${rng.pick(NAME_FIRST)} Freight` : null,
    phone: phone(rng, city.areaCode),
    physical_address: street,
    physical_city: city.city,
    physical_state: city.state,
    physical_zip: city.zip,
    ...mailing(rng, sameMailing, street, city),
    dispatcher_name: `${dispatcher.first} ${dispatcher.last}`,
    dispatcher_email: shared ? `dispatch@${s}.example` : dispatchEmail(rng, s, dispatcher),
    dispatcher_phone: phone(rng, city.areaCode),
    dispatcher_fax: rng.chance(0.7) ? '' : phone(rng, city.areaCode),
    dispatcher_url: rng.chance(0.6) ? '' : `https://www.${s}.example`,
    services_provided: rng.shuffle(SERVICES).slice(0, rng.int(1, 3)),
    services_notes: rng.chance(0.5) ? '' : rng.pick(SERVICES_NOTES),
    new_entrant_status: rng.pick(NEW_ENTRANT_STATUSES),
    operating_status: rng.pick(OPERATING_STATUSES),
    agreement_accepted: rng.chance(0.97) ? 1 : 0,
    auth_fullname: `${signer.first} ${rng.pick(MIDDLE_INITIALS)} ${signer.last}`,
    auth_email: `${signer.first.toLowerCase()}@${s}.example`,
    auth_taxid: `${rng.int(10, 99)} - ${pad(rng.int(0, 9_999_999), 7)}`,
    contract_datetime: time.dateTime(d.signedAt - rng.int(90, 1_800) * SECOND),
    signed_at: time.dateTime(d.signedAt),
    email_verified_at: d.verifiedAt === null ? null : time.dateTime(d.verifiedAt),
    agent_email: rng.chance(0.2) ? rng.pick(AGENT_EMAILS) : null,
    ip_address: `${rng.int(24, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    created: time.dateTime(d.signedAt),
    updated: time.dateTime(d.updatedAt),
  };
  const signed = d.packet.flow === 'new' && d.verifiedAt !== null;
  return { row, flow: d.packet.flow, signedPdfUrl: signed ? signedPdfUrl(hashid) : null };
}

function person(rng: Prng): { first: string; last: string } {
  return { first: rng.pick(PEOPLE_FIRST), last: rng.pick(PEOPLE_LAST) };
}

/** Carriers type their own dispatch address: mostly dispatch@, sometimes a person, now and then in mixed case. */
function dispatchEmail(rng: Prng, s: string, who: { first: string; last: string }): string {
  const roll = rng.int(1, 100);
  if (roll <= 55) return `dispatch@${s}.example`;
  if (roll <= 75) return `ops@${s}.example`;
  if (roll <= 94) return `${who.first.toLowerCase()}.${who.last.toLowerCase()}@${s}.example`;
  return `${who.first}.${who.last}@${s.charAt(0).toUpperCase()}${s.slice(1)}.example`;
}

function mailing(rng: Prng, same: boolean, street: string, city: CarrierCity) {
  return {
    mailing_address: same ? street : `PO BOX ${rng.int(100, 9_999)}`,
    mailing_city: city.city,
    mailing_state: city.state,
    mailing_zip: city.zip,
  };
}

/**
 * An expiry around `today` (README: expiries spread around the clock's date): expired, within 7 days, within 30,
 * later. Day numbers are broker-zone calendar dates.
 */
export function drawExpiryDay(rng: Prng, today: number): number {
  const roll = rng.int(1, 100);
  if (roll <= 18) return today - rng.int(1, 365);
  if (roll <= 33) return today + rng.int(0, 7);
  if (roll <= 50) return today + rng.int(8, 30);
  return today + rng.int(31, 540);
}

/** A filename as carriers name them; `year` is the expiry's year when there is one. */
export function drawFilename(rng: Prng, docType: DocType, carrierSlug: string, year: number): string {
  const capital = carrierSlug.charAt(0).toUpperCase() + carrierSlug.slice(1);
  return rng.pick(FILENAME_PATTERNS[docType]).replace('{slug}', carrierSlug).replace('{Slug}', capital).replace('{year}', String(year));
}

/** REST: "Capped at 10 MB per file"; scans of a few pages are 100 KB – 3 MB, a few phone photos approach the cap. */
export function drawSize(rng: Prng): number {
  return rng.chance(0.05) ? rng.int(3_000_000, MAX_FILE_BYTES) : rng.int(40_000, 3_000_000);
}

/** The slug a submission's files are named after (from its legal name, without the legal suffix). */
export function fileSlug(row: CarrierpacketSubmission): string {
  return row.legal_name.toLowerCase().replace(/ (llc|inc|corp)$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * Up to six documents, at most one per slot (README "renewal"), only in the slots the packet asks for.
 * `uploadedAt(k)` gives the k-th file's upload instant.
 */
export function makeDocuments(
  rng: Prng, ctx: CarrierContext, submission: SubmissionRecord, packet: PacketRecord, firstId: number, today: number,
  uploadedAt: (k: number) => number,
): DocumentRecord[] {
  const out: DocumentRecord[] = [];
  const s = fileSlug(submission.row);
  for (const docType of Object.keys(packet.row.settings.docs) as DocType[]) {
    if (!packet.row.settings.docs[docType] || !rng.chance(SLOT_FILLED[docType])) continue;
    const expiresDay = rng.chance(SLOT_DATED[docType]) ? drawExpiryDay(rng, today) : null;
    const year = new Date((expiresDay ?? today) * DAY).getUTCFullYear();
    out.push({
      expiresDay,
      renewals: 0,
      row: {
        id: firstId + out.length,
        submission_id: submission.row.id,
        doc_type: docType,
        original_filename: drawFilename(rng, docType, s, year),
        mime_type: 'application/pdf',
        size_bytes: drawSize(rng),
        expires_on: expiresDay === null ? null : dayToDate(expiresDay),
        created: ctx.time.dateTime(uploadedAt(out.length)),
      },
    });
  }
  return out;
}
