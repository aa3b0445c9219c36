import type { Prng } from '../prng.js';
import { makeDocument } from './data-generator.js';
import { addDocument, autoAccept, finishProcessing, type CommandContext } from './order-commands.js';
import type { DocumentRecord, OrderRecord, SpotgoDocumentType, SpotgoOrderStatus, SpotgoDocumentStatus } from './spotgo.types.js';

/** Changes the clock draws (carriers at work): `opened` a share link, `uploaded` a document through it. */
export const RANDOM_CHANGE_KINDS = ['opened', 'uploaded'] as const;
export type SpotgoRandomChangeKind = (typeof RANDOM_CHANGE_KINDS)[number];
/** Changes that fall due on the clock: processing ends, workflow A's pipeline accepts, an order completes. */
export type SpotgoScheduledChangeKind = 'processed' | 'accepted' | 'completed';
export type SpotgoChangeKind = SpotgoRandomChangeKind | SpotgoScheduledChangeKind;

export interface SpotgoChange {
  kind: SpotgoChangeKind;
  /** Sandbox clock instant of the change (epoch ms): due changes keep their due time, drawn ones happen at the new now. */
  at: number;
  orderId: string;
  orderNumber: string;
  documentId: string | null;
  /** The document's status after the change (null for order changes) and the order's. */
  documentStatus: SpotgoDocumentStatus | null;
  orderStatus: SpotgoOrderStatus;
}

const WEIGHTS: Record<SpotgoRandomChangeKind, number> = { opened: 35, uploaded: 65 };
const EXTRA_TYPES: readonly SpotgoDocumentType[] = ['packingList', 'invoice', 'pod'];

type Ctx = Pick<CommandContext, 'store' | 'ids' | 'timing' | 'notify'>;

const change = (kind: SpotgoChangeKind, at: number, o: OrderRecord, d: DocumentRecord | null): SpotgoChange => ({
  kind, at, orderId: o.id, orderNumber: o.orderNumber, documentId: d?.id ?? null, documentStatus: d?.status ?? null, orderStatus: o.status,
});

/**
 * Applies every change due in (previous, now], earliest first (ties: order, then document upload order). Finishing
 * processing can schedule a workflow-A acceptance that is itself due before `now`: it is applied in the same call.
 */
export function applyDueChanges(ctx: Ctx, now: number): SpotgoChange[] {
  type Due = { at: number; seq: number; order: OrderRecord; doc: DocumentRecord };
  const dueAt = (doc: DocumentRecord) => (doc.status === 'Processing' ? doc.processedAt : doc.status === 'InReview' ? doc.autoAcceptAt : null);
  // One pass to collect, then a queue sorted by (due time, discovery order): linear in the data, not per change.
  const queue: Due[] = [];
  let seq = 0;
  for (const order of ctx.store.all()) {
    for (const doc of order.documents) {
      const at = dueAt(doc);
      if (at !== null && at <= now) queue.push({ at, seq: seq++, order, doc });
    }
  }
  queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const out: SpotgoChange[] = [];
  for (let i = 0; i < queue.length; i++) {
    const { at, order, doc } = queue[i];
    if (dueAt(doc) !== at) continue;
    const kind = doc.status === 'Processing' ? 'processed' : 'accepted';
    const before = order.status;
    if (kind === 'processed') finishProcessing(ctx, order, doc, at);
    else autoAccept(ctx, order, doc, at);
    out.push(change(kind, at, order, doc));
    if (order.status === 'Completed' && before !== 'Completed') out.push(change('completed', at, order, null));
    // Processing done in workflow A schedules the pipeline's acceptance; it may itself fall before `now`.
    const next = dueAt(doc);
    if (next !== null && next <= now) {
      let j = i + 1;
      while (j < queue.length && queue[j].at <= next) j++;
      queue.splice(j, 0, { at: next, seq: seq++, order, doc });
    }
  }
  return out;
}

/** `count` drawn changes at `now`; a kind with nothing to act on falls back to the other allowed kind, or is skipped. */
export function applyRandomChanges(ctx: Ctx, rng: Prng, count: number, now: number, kinds: readonly SpotgoRandomChangeKind[]): SpotgoChange[] {
  const allowed = RANDOM_CHANGE_KINDS.filter((k) => kinds.includes(k));
  const total = allowed.reduce((s, k) => s + WEIGHTS[k], 0);
  const out: SpotgoChange[] = [];
  for (let i = 0; i < count && allowed.length > 0; i++) {
    let roll = rng.next() * total;
    const kind = allowed.find((k) => (roll -= WEIGHTS[k]) < 0) ?? allowed[allowed.length - 1];
    const done = apply(ctx, rng, kind, now) ?? apply(ctx, rng, kind === 'opened' ? 'uploaded' : 'opened', now, allowed);
    if (done) out.push(done);
  }
  return out;
}

function apply(ctx: Ctx, rng: Prng, kind: SpotgoRandomChangeKind, now: number, allowed?: readonly SpotgoRandomChangeKind[]): SpotgoChange | null {
  if (allowed && !allowed.includes(kind)) return null;
  const orders = ctx.store.all();
  if (kind === 'opened') {
    const candidates = orders.filter((o) => !o.linkOpened && o.status !== 'Completed');
    if (candidates.length === 0) return null;
    const order = rng.pick(candidates);
    order.linkOpened = true;
    const before = order.status;
    order.status = order.status === 'Created' ? 'Active' : order.status;
    if (before !== order.status) order.updatedAt = now;
    return change('opened', now, order, null);
  }
  // A carrier uploads what is still missing (a rejected type first), sometimes an extra paper.
  const candidates = orders.filter((o) => o.linkOpened && o.status !== 'Completed');
  if (candidates.length === 0) return null;
  const order = rng.pick(candidates);
  const covered = new Set(order.documents.filter((d) => d.status !== 'Rejected').map((d) => d.type));
  const missing = order.requiredDocumentTypes.filter((t) => !covered.has(t));
  const type = missing.length > 0 && !rng.chance(0.1) ? missing[0] : rng.pick(EXTRA_TYPES);
  const draft = makeDocument(rng, ctx.ids, order, type, now);
  const doc = addDocument(ctx, order, { ...draft, source: 'Carrier' }, now);
  return change('uploaded', now, order, doc);
}
