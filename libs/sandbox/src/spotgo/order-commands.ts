import type { Prng } from '../prng.js';
import { ApiError, fieldError, notFound, validation } from './api-errors.js';
import { seededGuid, seededShareUrl } from './ids.js';
import { normalizeOrderNumber, normalizeVatCode } from './order-number.js';
import { deriveOrderStatus } from './order-status.js';
import type { OrderStore } from './order-store.js';
import type { OrderFields } from './order-validation.js';
import {
  REJECTION_REASONS, type DocumentRecord, type OrderRecord, type SpotgoDocumentSource, type SpotgoDocumentType,
  type SpotgoNotificationType, type SpotgoRejectionReason, type SpotgoWorkflow,
} from './spotgo.types.js';

/** A change webhooks report (README "Webhooks"); the state turns it into deliveries. */
export interface Notification {
  eventType: SpotgoNotificationType;
  at: number;
  order: OrderRecord;
  doc: DocumentRecord | null;
}

export interface CommandContext {
  store: OrderStore;
  /** Ids and share links. */
  ids: Prng;
  /** Processing and workflow-A review delays. */
  timing: Prng;
  /** The sandbox clock moved 1 ms forward: every write is later than anything a reader has seen. */
  tick(): number;
  workflowFor(orderNumber: string): SpotgoWorkflow;
  notify(n: Notification): void;
}

/** README "Clock": processing takes 1–5 minutes of sandbox time; workflow A's pipeline accepts 5–30 minutes later. */
export const PROCESSING_SECONDS = [60, 300] as const;
export const AUTO_ACCEPT_SECONDS = [300, 1_800] as const;

export interface UpsertResult {
  created: boolean;
  updated: boolean;
  linkChanged: boolean;
  order: OrderRecord;
}

/**
 * Re-derives the status after a change at `at`, then reports the change's own event (if any) and `OrderCompleted`
 * when the order just completed: payloads are built after the status is current.
 */
export function touch(
  ctx: Pick<CommandContext, 'notify'>, order: OrderRecord, at: number,
  event: { eventType: SpotgoNotificationType; doc: DocumentRecord } | null = null,
): void {
  order.updatedAt = at;
  const before = order.status;
  order.status = deriveOrderStatus(order);
  if (event) ctx.notify({ ...event, at, order });
  if (order.status === 'Completed' && before !== 'Completed') ctx.notify({ eventType: 'OrderCompleted', at, order, doc: null });
}

function newOrder(ctx: CommandContext, f: OrderFields, at: number): OrderRecord {
  const orderNumber = f.orderNumber!;
  const order: OrderRecord = {
    id: seededGuid(ctx.ids),
    orderNumber,
    normalizedNumber: normalizeOrderNumber(orderNumber),
    manager: f.manager ?? null,
    carrier: f.carrier!,
    internalComments: f.internalComments ?? null,
    requiredDocumentTypes: f.requiredDocumentTypes!,
    details: f.details ?? { weight: null, licensePlates: [] },
    locations: f.locations ?? [],
    documents: [],
    shareUrl: seededShareUrl(ctx.ids),
    linkOpened: false,
    status: 'Created',
    workflow: ctx.workflowFor(orderNumber),
    createdAt: at,
    updatedAt: at,
  };
  ctx.store.insert(order);
  return order;
}

const orderNumberExists = (existing: OrderRecord) =>
  new ApiError('OrderNumberExists', `An order with order number "${existing.orderNumber}" already exists (orderId ${existing.id}).`, [
    { field: 'orderNumber', code: 'OrderNumberExists', message: `Order number already used by order ${existing.id}.` },
  ]);

const orderCompleted = (o: OrderRecord) => new ApiError('OrderCompleted', `Order ${o.id} is completed; it can no longer be updated.`);

/** Docs: "POST …/orders — Create only. Fails if an order with the same order number already exists". */
export function createOrder(ctx: CommandContext, f: OrderFields): OrderRecord {
  const existing = ctx.store.findByNumber(normalizeOrderNumber(f.orderNumber!));
  if (existing) throw orderNumberExists(existing);
  return newOrder(ctx, f, ctx.tick());
}

/** Applies present fields; absent ones keep their stored value (README "Order body"). True when anything changed. */
function merge(order: OrderRecord, f: OrderFields): boolean {
  const before = JSON.stringify([order.manager, order.carrier, order.internalComments, order.requiredDocumentTypes, order.details, order.locations]);
  if (f.manager !== undefined) order.manager = f.manager;
  if (f.carrier !== undefined) order.carrier = f.carrier;
  if (f.internalComments !== undefined) order.internalComments = f.internalComments;
  if (f.requiredDocumentTypes !== undefined) order.requiredDocumentTypes = f.requiredDocumentTypes;
  if (f.details !== undefined) order.details = f.details;
  if (f.locations !== undefined) order.locations = f.locations;
  return before !== JSON.stringify([order.manager, order.carrier, order.internalComments, order.requiredDocumentTypes, order.details, order.locations]);
}

const carrierChanged = (order: OrderRecord, f: OrderFields) =>
  f.carrier !== undefined && normalizeVatCode(f.carrier.vatCode) !== normalizeVatCode(order.carrier.vatCode);

/**
 * Docs (flows, upsert page): create or update by order number. Created → `created` + `linkChanged`; existing →
 * `updated`, refused when completed; a carrier with another VAT code gets a new share link (`linkChanged`), refused
 * once the order has documents.
 */
export function upsertOrder(ctx: CommandContext, f: OrderFields): UpsertResult {
  const existing = ctx.store.findByNumber(normalizeOrderNumber(f.orderNumber!));
  if (!existing) return { created: true, updated: false, linkChanged: true, order: newOrder(ctx, f, ctx.tick()) };
  if (existing.status === 'Completed') throw orderCompleted(existing);
  const linkChanged = carrierChanged(existing, f);
  if (linkChanged && existing.documents.length > 0) {
    throw new ApiError('CarrierChangeWithDocuments', `Order ${existing.id} already has documents; its carrier cannot be changed.`, [
      { field: 'carrier.vatCode', code: 'CarrierChangeWithDocuments', message: 'The carrier cannot change once documents were uploaded.' },
    ]);
  }
  const changed = merge(existing, f);
  if (linkChanged) {
    existing.shareUrl = seededShareUrl(ctx.ids);
    existing.linkOpened = false;
  }
  if (changed || linkChanged) touch(ctx, existing, ctx.tick());
  return { created: false, updated: true, linkChanged, order: existing };
}

/** Docs: "PUT …/orders/{orderId} updates an order by id; it does not allow changing the carrier (even when there are no documents)". */
export function updateOrder(ctx: CommandContext, id: string, f: OrderFields): OrderRecord {
  const order = ctx.store.find(id);
  if (!order) throw notFound(`Order ${id}`);
  if (order.status === 'Completed') throw orderCompleted(order);
  if (carrierChanged(order, f)) {
    throw new ApiError('CarrierChangeNotAllowed', 'The carrier cannot be changed with PUT; use POST /api/v1/orders/upsert.', [
      { field: 'carrier.vatCode', code: 'CarrierChangeNotAllowed', message: 'carrier.vatCode differs from the order\'s carrier.' },
    ]);
  }
  let renumbered = false;
  if (f.orderNumber !== undefined) {
    const normalized = normalizeOrderNumber(f.orderNumber);
    const other = ctx.store.findByNumber(normalized);
    if (other && other !== order) throw orderNumberExists(other);
    if (f.orderNumber !== order.orderNumber) {
      ctx.store.renumber(order, f.orderNumber, normalized);
      renumbered = true;
    }
  }
  if (merge(order, f) || renumbered) touch(ctx, order, ctx.tick());
  return order;
}

export function deleteOrder(ctx: CommandContext, id: string): void {
  if (!ctx.store.remove(id)) throw notFound(`Order ${id}`);
}

/**
 * Docs (workflow B): "Set document status to Accepted or Rejected … The API only allows transitions appropriate to
 * the document's current state". README: only `InReview` → `Accepted` | `Rejected`; anything else is 409.
 */
export function changeDocumentStatus(ctx: CommandContext, orderId: string, documentId: string, body: unknown): DocumentRecord {
  const found = ctx.store.findDocument(orderId, documentId);
  if (!found) throw notFound(ctx.store.find(orderId) ? `Document ${documentId}` : `Order ${orderId}`);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw fieldError('$', 'The request body must be a JSON object.');
  const b = body as Record<string, unknown>;
  const status = typeof b.status === 'string' ? (['Accepted', 'Rejected'] as const).find((s) => s.toLowerCase() === (b.status as string).toLowerCase()) : undefined;
  const errors = [];
  if (!status) errors.push({ field: 'status', code: 'Invalid', message: 'status must be Accepted or Rejected.' });
  let reason: SpotgoRejectionReason | null = null;
  if (b.rejectionReason !== undefined && b.rejectionReason !== null) {
    reason = REJECTION_REASONS.find((r) => typeof b.rejectionReason === 'string' && r.toLowerCase() === b.rejectionReason.toLowerCase()) ?? null;
    if (!reason) errors.push({ field: 'rejectionReason', code: 'Invalid', message: `rejectionReason must be one of ${REJECTION_REASONS.join(', ')}.` });
    else if (status === 'Accepted') errors.push({ field: 'rejectionReason', code: 'Invalid', message: 'rejectionReason is only allowed with Rejected.' });
  }
  if (b.comment !== undefined && b.comment !== null && (typeof b.comment !== 'string' || b.comment.length > 2_000)) {
    errors.push({ field: 'comment', code: 'Invalid', message: 'comment must be a string of at most 2000 characters.' });
  }
  if (errors.length > 0) throw validation(errors);
  const { order, doc } = found;
  if (doc.status !== 'InReview') {
    throw new ApiError('InvalidStatusTransition', `Document ${doc.id} is ${doc.status}; only a document InReview can be set to ${status}.`, [
      { field: 'status', code: 'InvalidStatusTransition', message: `${doc.status} → ${status} is not allowed.` },
    ]);
  }
  const at = ctx.tick();
  doc.status = status!;
  doc.rejectionReason = reason;
  if (typeof b.comment === 'string') doc.comment = b.comment;
  doc.statusChangedAt = at;
  doc.autoAcceptAt = null;
  touch(ctx, order, at, { eventType: status === 'Accepted' ? 'DocumentAccepted' : 'DocumentRejected', doc });
  return doc;
}

export interface NewDocument {
  name: string;
  type: SpotgoDocumentType;
  contentType: string;
  bytes: Buffer | null;
  size: number;
  comment: string | null;
  source: SpotgoDocumentSource;
}

/** A document enters `Processing` at `at`; processing ends 1–5 minutes later on the sandbox clock. */
export function addDocument(ctx: Pick<CommandContext, 'ids' | 'timing' | 'notify'>, order: OrderRecord, d: NewDocument, at: number): DocumentRecord {
  const doc: DocumentRecord = {
    id: seededGuid(ctx.ids), name: d.name, type: d.type, comment: d.comment, status: 'Processing', rejectionReason: null,
    contentType: d.contentType, size: d.size, source: d.source, uploadedAt: at, statusChangedAt: at, bytes: d.bytes,
    processedAt: at + ctx.timing.int(PROCESSING_SECONDS[0], PROCESSING_SECONDS[1]) * 1000, autoAcceptAt: null,
  };
  order.documents.push(doc);
  touch(ctx, order, at);
  return doc;
}

/**
 * Processing ends (README "Clock"): a carrier's upload goes to `InReview` (`DocumentUploaded`; workflow A schedules the
 * pipeline's acceptance); the broker's own upload is accepted at once (`DocumentAccepted`; nobody reviews it).
 */
export function finishProcessing(ctx: Pick<CommandContext, 'timing' | 'notify'>, order: OrderRecord, doc: DocumentRecord, at: number): void {
  doc.processedAt = null;
  doc.statusChangedAt = at;
  if (doc.source === 'Customer') {
    doc.status = 'Accepted';
    touch(ctx, order, at, { eventType: 'DocumentAccepted', doc });
  } else {
    doc.status = 'InReview';
    if (order.workflow === 'A') doc.autoAcceptAt = at + ctx.timing.int(AUTO_ACCEPT_SECONDS[0], AUTO_ACCEPT_SECONDS[1]) * 1000;
    touch(ctx, order, at, { eventType: 'DocumentUploaded', doc });
  }
}

/** Workflow A: SpotGo's pipeline accepts a document that is still in review. */
export function autoAccept(ctx: Pick<CommandContext, 'notify'>, order: OrderRecord, doc: DocumentRecord, at: number): void {
  doc.status = 'Accepted';
  doc.autoAcceptAt = null;
  doc.statusChangedAt = at;
  touch(ctx, order, at, { eventType: 'DocumentAccepted', doc });
}
