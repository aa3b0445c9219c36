import type {
  ProviderStatus,
  Shipment,
  ShipmentDocument,
  ShipmentPatch,
  ShipmentReference,
  ShipmentSource,
  ShipmentStatus,
  Tracking,
} from './shipment.js';
import { STATUS_RANK } from './status-rank.js';

/** Where a patch comes from: the source record's identity and provenance (ARCHITECTURE.md, "Identity"). */
export type MergeSource = ShipmentSource;

/** Used only when the patch creates the shipment. */
export interface MergeInit {
  id: string;
  now: string;
}

const EMPTY_TRACKING: Tracking = {
  eligible: null,
  reason: null,
  trackingId: null,
  shareUrl: null,
  lastKnownLocation: null,
  eta: null,
};

/**
 * The canonical merge rule: what one source record says, applied to what is stored. Pure; its inputs are never
 * mutated and the result shares no object with them (a caller may change it freely).
 *
 * `undefined` in the patch means "not carried" and keeps the stored value, `null` means "none" (ShipmentPatch).
 * `version` and `updatedAt` are left alone: the store bumps them only when `sameContent` says something changed.
 * Freshness (an older record of the same source is ignored) is the store's check, made before it calls this.
 */
export function applyPatch(current: Shipment | null, patch: ShipmentPatch, source: MergeSource, init: MergeInit): Shipment {
  const base = current ? structuredClone(current) : emptyShipment(patch.status ?? 'UNKNOWN', init);
  const p = structuredClone(patch);
  const next: Shipment = { ...base };

  if (p.reference !== undefined) next.reference = p.reference;
  if (p.customer !== undefined) next.customer = p.customer;
  if (p.carrier !== undefined) next.carrier = p.carrier;
  if (p.vehicle !== undefined) next.vehicle = p.vehicle;
  if (p.cargo !== undefined) next.cargo = p.cargo;
  if (p.rate !== undefined) next.rate = p.rate;
  if (p.notes !== undefined) next.notes = p.notes;
  if (p.requiredDocuments !== undefined) next.requiredDocuments = [...p.requiredDocuments];
  if (p.stops !== undefined) next.stops = [...p.stops].sort((a, b) => a.sequence - b.sequence);
  if (p.tracking !== undefined) next.tracking = p.tracking === null ? null : mergeTracking(base.tracking, p.tracking);
  if (p.references !== undefined) next.references = mergeReferences(base.references, p.references, source);
  if (p.documents !== undefined) next.documents = upsertDocuments(base.documents, p.documents);
  if (p.providerStatus !== undefined) {
    const { status, at } = p.providerStatus;
    const entry: ProviderStatus = { provider: source.provider, connection: source.connection, status, at };
    if (p.status !== undefined) entry.mapped = p.status;
    next.providerStatuses = upsertBy(base.providerStatuses, entry, (s) => sameSource(s, source));
  }
  next.sources = upsertBy(base.sources, sourceEntry(source), (s) => sameSource(s, source) && s.externalId === source.externalId);

  const winner = decidingStatus(next.providerStatuses, source);
  if (winner) next.status = winner.mapped;
  else if (p.status !== undefined) next.status = p.status;
  // The reason belongs to the status: a source whose status lost must not explain someone else's.
  if (p.statusReason !== undefined && (!winner || sameSource(winner, source))) next.statusReason = p.statusReason;

  return next;
}

/**
 * True when two shipments say the same thing. Bookkeeping is ignored (`version`, `createdAt`, `updatedAt`, and
 * when or how a source was last synced), so a re-delivery of identical data is no change and bumps no version.
 * A key holding `undefined` equals a missing key: stored shipments come back from JSON, which drops them.
 */
export function sameContent(a: Shipment, b: Shipment): boolean {
  return deepEqual(contentOf(a), contentOf(b));
}

function contentOf(s: Shipment): unknown {
  const { version: _v, createdAt: _c, updatedAt: _u, sources, ...rest } = s;
  return {
    ...rest,
    sources: sources.map(({ provider, connection, externalId, providerUpdatedAt }) => ({ provider, connection, externalId, providerUpdatedAt })),
  };
}

function emptyShipment(status: ShipmentStatus, init: MergeInit): Shipment {
  return {
    id: init.id,
    reference: null,
    status,
    statusReason: null,
    createdAt: init.now,
    updatedAt: init.now,
    version: 0,
    providerStatuses: [],
    references: [],
    customer: null,
    carrier: null,
    vehicle: null,
    stops: [],
    cargo: null,
    rate: null,
    notes: null,
    documents: [],
    tracking: null,
    sources: [],
  };
}

function mergeTracking(current: Tracking | null, patch: Partial<Tracking>): Tracking {
  const merged: Tracking = { ...(current ?? EMPTY_TRACKING) };
  for (const key of Object.keys(patch) as (keyof Tracking)[]) {
    const value = patch[key];
    // lastKnownLocation is one reading (position + time + source): it is replaced whole, never mixed.
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}

function mergeReferences(
  current: ShipmentReference[],
  patch: NonNullable<ShipmentPatch['references']>,
  source: MergeSource,
): ShipmentReference[] {
  const out: ShipmentReference[] = [];
  const seen = new Set<string>();
  const incoming = patch.map((r) => ({ provider: source.provider, connection: source.connection, kind: r.kind, value: r.value }));
  for (const ref of [...current, ...incoming]) {
    const key = JSON.stringify([ref.provider, ref.connection, ref.kind, ref.value]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(ref);
  }
  return out;
}

function upsertDocuments(current: ShipmentDocument[], patch: ShipmentDocument[]): ShipmentDocument[] {
  let out = current;
  for (const doc of patch) out = upsertBy(out, doc, (d) => d.provider === doc.provider && d.externalId === doc.externalId);
  return out;
}

/** Replaces the first item that matches in place (order is stable for readers), or appends. */
function upsertBy<T>(items: T[], item: T, matches: (existing: T) => boolean): T[] {
  const i = items.findIndex(matches);
  return i === -1 ? [...items, item] : items.map((existing, j) => (j === i ? item : existing));
}

function sourceEntry(s: MergeSource): ShipmentSource {
  return {
    provider: s.provider,
    connection: s.connection,
    externalId: s.externalId,
    providerUpdatedAt: s.providerUpdatedAt,
    syncedAt: s.syncedAt,
    via: s.via,
  };
}

function sameSource(a: { provider: string; connection: string }, b: { provider: string; connection: string }): boolean {
  return a.provider === b.provider && a.connection === b.connection;
}

type MappedStatus = ProviderStatus & { mapped: ShipmentStatus };

/**
 * The source whose status the shipment shows: the furthest along (STATUS_RANK), so a lagging source cannot pull
 * a shipment back; on equal rank the most recent report. A single source is therefore simply followed, corrections
 * backwards included. On a full tie the source of the current patch wins, then list order.
 */
function decidingStatus(statuses: ProviderStatus[], source: MergeSource): MappedStatus | null {
  let best: MappedStatus | null = null;
  for (const s of statuses) {
    if (s.mapped === undefined) continue;
    const candidate = s as MappedStatus;
    if (!best || beats(candidate, best, source)) best = candidate;
  }
  return best;
}

function beats(a: MappedStatus, b: MappedStatus, source: MergeSource): boolean {
  const byRank = STATUS_RANK[a.mapped] - STATUS_RANK[b.mapped];
  if (byRank !== 0) return byRank > 0;
  const byTime = instantOf(a.at) - instantOf(b.at);
  if (byTime !== 0) return byTime > 0;
  return sameSource(a, source) && !sameSource(b, source);
}

function instantOf(at: string | null): number {
  const ms = at === null ? Number.NaN : Date.parse(at);
  // A report without a usable time is older than any dated one.
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keysA = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const keysB = Object.keys(rb).filter((k) => rb[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => Object.hasOwn(rb, k) && deepEqual(ra[k], rb[k]));
}
