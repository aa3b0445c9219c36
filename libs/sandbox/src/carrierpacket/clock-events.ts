import type { Prng } from '../prng.js';
import { dayToDate } from './broker-time.js';
import type { CarrierpacketSubscribableEvent, DocumentRecord, SubmissionRecord, SubmissionStatus } from './carrierpacket.types.js';
import {
  drawFilename, drawSize, fileSlug, makeDocuments, makeSubmission, pendingStatus, pickPacket, signedPdfUrl,
  type CarrierContext,
} from './data-generator.js';
import type { CarrierpacketStore } from './submission-store.js';

/** What the sandbox clock can make happen to the tenant (README "Webhooks" and "renewal"). */
export const CHANGE_KINDS = ['created', 'verified', 'rejected', 'archived', 'renewed'] as const;
export type CarrierpacketChangeKind = (typeof CHANGE_KINDS)[number];

export interface CarrierpacketChange {
  kind: CarrierpacketChangeKind;
  submissionId: number;
  /** The renewed document; null for submission changes. */
  documentId: number | null;
  /** The submission's status before the change (null for a new one) and after it. */
  previousStatus: SubmissionStatus | null;
  status: SubmissionStatus;
  /** Webhook events fired, in order (FACTS §6); archives and renewals fire none. */
  events: CarrierpacketSubscribableEvent[];
}

/** Relative frequency of each kind in a draw; a kind with nothing to act on falls back to a new submission. */
const KIND_WEIGHTS: Record<CarrierpacketChangeKind, number> = { created: 30, verified: 25, rejected: 8, archived: 7, renewed: 30 };

export interface ChangeContext extends CarrierContext {
  store: CarrierpacketStore;
  rng: Prng;
}

/**
 * Applies `count` seeded changes at instant `now`. Status changes stamp `updated` with `now`; a renewal only touches its
 * document (README: "`updated` … does not change when only a document is renewed"). `kinds` limits the draw; a change
 * whose kind has nothing to act on (no pending submission to verify, say) becomes a new submission when `created` is
 * allowed and is skipped otherwise.
 */
export function applyChanges(
  ctx: ChangeContext, count: number, now: number, kinds: readonly CarrierpacketChangeKind[] = CHANGE_KINDS,
  /** Called right after each change, before the next: a webhook body must show the submission as that change left it. */
  onChange: (change: CarrierpacketChange) => void = () => undefined,
): CarrierpacketChange[] {
  const allowed = CHANGE_KINDS.filter((k) => kinds.includes(k));
  const total = allowed.reduce((sum, k) => sum + KIND_WEIGHTS[k], 0);
  const out: CarrierpacketChange[] = [];
  for (let i = 0; i < count && allowed.length > 0; i++) {
    let roll = ctx.rng.next() * total;
    const kind = allowed.find((k) => (roll -= KIND_WEIGHTS[k]) < 0) ?? allowed[allowed.length - 1];
    const change = apply(ctx, kind, now) ?? (allowed.includes('created') ? create(ctx, now) : null);
    if (change) {
      out.push(change);
      onChange(change);
    }
  }
  return out;
}

function apply(ctx: ChangeContext, kind: CarrierpacketChangeKind, now: number): CarrierpacketChange | null {
  switch (kind) {
    case 'created':
      return create(ctx, now);
    case 'verified':
      return setStatus(ctx, now, [0, 1], 2);
    case 'rejected':
      return setStatus(ctx, now, [0, 1, 2], 3);
    case 'archived':
      return setStatus(ctx, now, [0, 1, 2, 3], 4);
    case 'renewed':
      return renew(ctx, now);
  }
}

/** A carrier signs an active packet: status 0 + `carrier.intent` (new flow) or 1 + `carrier.signed` (old flow). */
function create(ctx: ChangeContext, now: number): CarrierpacketChange {
  const { store, rng } = ctx;
  const packet = pickPacket(rng, store.packets);
  const id = store.takeSubmissionId();
  const status = pendingStatus(packet.flow);
  // Ids are sequential from 1, so id - 1 continues the generator's name sequence: every carrier stays unique.
  const submission = makeSubmission(rng, ctx, { id, index: id - 1, packet, status, signedAt: now, verifiedAt: null, updatedAt: now });
  // The files are uploaded with the form, so they are stored in the same request as the submission.
  const documents = makeDocuments(rng, ctx, submission, packet, store.peekDocumentId(), ctx.time.dayOf(now), () => now);
  store.insert(submission, documents);
  packet.row.signed_count++;
  packet.row.last_activity = submission.row.signed_at;
  return {
    kind: 'created', submissionId: id, documentId: null, previousStatus: null, status,
    events: [packet.flow === 'new' ? 'carrier.intent' : 'carrier.signed'],
  };
}

const KIND_OF_STATUS: Record<number, CarrierpacketChangeKind> = { 2: 'verified', 3: 'rejected', 4: 'archived' };

function setStatus(ctx: ChangeContext, now: number, from: SubmissionStatus[], to: SubmissionStatus): CarrierpacketChange | null {
  const candidates = ctx.store.liveSubmissions().filter((s) => from.includes(s.row.status));
  if (candidates.length === 0) return null;
  const s = ctx.rng.pick(candidates);
  const previousStatus = s.row.status;
  const stamp = ctx.time.dateTime(now);
  s.row.status = to;
  s.row.updated = stamp;
  let events: CarrierpacketSubscribableEvent[] = [];
  if (to === 2) {
    s.row.email_verified_at = stamp;
    // FACTS §6: new flow, verifying mints the signature: carrier.signed (with signed_pdf_url) and carrier.verified together.
    if (s.flow === 'new') {
      s.signedPdfUrl = signedPdfUrl(s.row.hashid);
      events = ['carrier.signed', 'carrier.verified'];
    } else {
      events = ['carrier.verified'];
    }
  } else if (to === 3) {
    events = ['carrier.rejected'];
  }
  return { kind: KIND_OF_STATUS[to], submissionId: s.row.id, documentId: null, previousStatus, status: to, events };
}

/**
 * README "renewal": the carrier uploads a new file into a dated slot: same document id, a later `expires_on`, a new
 * filename and size, `created` = now. Documents that are expired or expire within 30 days are renewed first.
 */
function renew(ctx: ChangeContext, now: number): CarrierpacketChange | null {
  const { store, rng } = ctx;
  const today = ctx.time.dayOf(now);
  const dated = store.documentsByExpiry().filter((d) => d.expiresDay !== null);
  if (dated.length === 0) return null;
  const due = dated.filter((d) => d.expiresDay! - today <= 30);
  const doc: DocumentRecord = rng.pick(due.length > 0 ? due : dated);
  const submission = store.findSubmission(doc.row.submission_id)!;
  const expiresDay = Math.max(doc.expiresDay!, today) + rng.int(335, 400);
  doc.renewals++;
  let filename = drawFilename(rng, doc.row.doc_type, fileSlug(submission.row), new Date(expiresDay * 86_400_000).getUTCFullYear());
  if (filename === doc.row.original_filename) filename = filename.replace(/\.pdf$/, ` (${doc.renewals}).pdf`);
  doc.expiresDay = expiresDay;
  doc.row.expires_on = dayToDate(expiresDay);
  doc.row.original_filename = filename;
  doc.row.size_bytes = drawSize(rng);
  doc.row.created = ctx.time.dateTime(now);
  store.touchedDocument();
  const status = submission.row.status;
  return { kind: 'renewed', submissionId: submission.row.id, documentId: doc.row.id, previousStatus: status, status, events: [] };
}
