import { DateTime } from 'luxon';
import type { DocumentPatch, DocumentType, Shipment, ShipmentPatch, Stop } from '@waybill/canonical';
import { ProviderError, type ProviderFieldError, type ProviderRecord } from '@waybill/provider-kit';
import {
  SPOTGO_INSTANT,
  spotgoBadPayload,
  type SpotgoDocumentView,
  type SpotgoLocationView,
  type SpotgoOrderView,
  type SpotgoOwnedDocument,
} from './spotgo.schemas.js';
import { mapSpotgoDocumentStatus, mapSpotgoDocumentType, mapSpotgoOrderStatus, toSpotgoDocumentType } from './spotgo.status-map.js';

// Pure functions (no I/O, inputs never mutated): a validated SpotGo order → canonical records and patches, and a
// canonical shipment → the upsert body (README "Order body", "Read model", "Documents as records").

export const SPOTGO = 'spotgo';

// ---------------------------------------------------------------------------------------------------------------
// Ids (README "Ids"): GUIDs compared case-insensitively, so external ids are lower-cased. A document's external id
// is `<orderId>/<documentId>`: the content and review endpoints need the owner order, and `documentContent.open`
// only receives the document's own external id.

export function orderExternalId(orderId: string): string {
  return orderId.trim().toLowerCase();
}

export function documentExternalId(orderId: string, documentId: string): string {
  return `${orderExternalId(orderId)}/${documentId.trim().toLowerCase()}`;
}

/** `<orderId>/<documentId>` → both ids; a bare document id needs `ownerOrderId` (review passes the owner). */
export function parseDocumentExternalId(externalId: string, ownerOrderId?: string | null): { orderId: string; documentId: string } {
  const parts = externalId.split('/');
  if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') return { orderId: parts[0], documentId: parts[1] };
  if (parts.length === 1 && parts[0] !== '' && ownerOrderId) return { orderId: orderExternalId(ownerOrderId), documentId: parts[0] };
  throw new ProviderError('invalid_request', `SpotGo document external id ${JSON.stringify(externalId)} is not <orderId>/<documentId>`, {
    provider: SPOTGO,
    details: [{ field: null, providerField: null, code: 'InvalidDocumentId', message: 'expected <orderId>/<documentId>' } satisfies ProviderFieldError],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// SpotGo → canonical

/** An order as records: the shipment first, then one document record per document (README "Documents as records"). */
export function toOrderRecords(order: SpotgoOrderView, raw: unknown): ProviderRecord[] {
  const rawDocs = rawDocuments(raw);
  const shipment: ProviderRecord = {
    kind: 'shipment',
    externalId: orderExternalId(order.orderId),
    providerUpdatedAt: utc(order.updatedAt, 'updatedAt'),
    raw,
  };
  const documents = (order.documents ?? []).map((doc, i) => toDocumentRecord(order.orderId, doc, rawDocs[i] ?? doc));
  return [shipment, ...documents];
}

/** The document's raw view with the owner's `orderId` added (the view does not name its order). */
export function toDocumentRecord(orderId: string, doc: SpotgoDocumentView, rawDoc: unknown): ProviderRecord {
  const raw = rawDoc !== null && typeof rawDoc === 'object' && !Array.isArray(rawDoc) ? { ...rawDoc, orderId } : { ...doc, orderId };
  return {
    kind: 'document',
    externalId: documentExternalId(orderId, doc.documentId),
    providerUpdatedAt: utc(doc.statusChangedAt ?? doc.uploadedAt, 'statusChangedAt'),
    raw,
  };
}

export function toShipmentPatch(order: SpotgoOrderView): ShipmentPatch {
  const status = mapSpotgoOrderStatus(order.status);
  const patch: ShipmentPatch = {
    reference: order.orderNumber,
    status: status.status,
    providerStatus: { status: status.rawStatus, at: utc(order.updatedAt, 'updatedAt') },
    references: [{ kind: 'order', value: order.orderNumber }],
  };
  if (order.carrier !== undefined) {
    patch.carrier =
      order.carrier === null
        ? null
        : {
            id: null,
            name: text(order.carrier.name),
            legalName: null,
            // Carriers match on e-mail (ARCHITECTURE.md "Identity"): one spelling per address.
            email: text(order.carrier.email)?.toLowerCase() ?? null,
            phone: null,
            vatCode: text(order.carrier.vatCode),
            mcNumber: null,
            usdotNumber: null,
          };
  }
  if (order.details !== undefined) {
    patch.vehicle = { unitNumber: null, type: null, licensePlates: (order.details?.licensePlates ?? []).filter((p) => p.trim() !== '') };
    // README "Order body": the weight's unit is not documented; Waybill reads it as kg (assumption).
    patch.cargo = { weightKg: order.details?.weight ?? null, packages: [], description: null };
  }
  if (order.locations !== undefined) patch.stops = [...(order.locations ?? [])].sort((a, b) => a.sequence - b.sequence).map(toStop);
  if (order.internalComments !== undefined) patch.notes = text(order.internalComments);
  if (order.share !== undefined) patch.tracking = { shareUrl: text(order.share?.shareUrl) };
  return patch;
}

export function toStop(l: SpotgoLocationView): Stop {
  const line1 = text(l.street);
  const city = text(l.city);
  const postalCode = text(l.postalCode);
  const countryCode = text(l.countryCode)?.toUpperCase() ?? null;
  const hasAddress = [line1, city, postalCode, countryCode].some((v) => v !== null);
  return {
    sequence: l.sequence,
    type: l.type === 'Loading' ? 'PICKUP' : 'DELIVERY',
    name: text(l.name),
    address: hasAddress
      ? { line1, city, region: null, postalCode, countryCode, formatted: formatAddress(line1, postalCode, city, countryCode) }
      : null,
    position: l.position ? { latitude: l.position.latitude, longitude: l.position.longitude } : null,
    // SpotGo sends instants, not local times: the zone is unknown, the UTC instants are exact.
    window:
      l.startDate || l.endDate
        ? { start: utc(l.startDate, 'startDate'), end: utc(l.endDate, 'endDate'), timezone: null }
        : null,
    contact: null,
    status: null,
    notes: null,
  };
}

export function toDocumentPatch(doc: SpotgoOwnedDocument): DocumentPatch {
  const type = mapSpotgoDocumentType(doc.documentType);
  const status = mapSpotgoDocumentStatus(doc.status);
  return {
    owner: { kind: 'shipment', externalId: orderExternalId(doc.orderId) },
    type: type.type,
    rawType: type.rawType,
    status: status.status,
    rawStatus: status.rawStatus,
    name: text(doc.name),
    mimeType: text(doc.contentType),
    sizeBytes: doc.size ?? null,
    expiresOn: null,
    uploadedAt: utc(doc.uploadedAt, 'uploadedAt'),
  };
}

/** An instant with an offset → UTC ISO with milliseconds; null stays null. Refuses (naming the field) anything else. */
export function utc(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  const parsed = SPOTGO_INSTANT.test(value) ? DateTime.fromISO(value, { setZone: true }) : null;
  if (!parsed?.isValid) throw spotgoBadPayload('payload', [{ field, message: `${field} must be an ISO 8601 instant with an offset` }]);
  return parsed.toUTC().toISO()!;
}

// ---------------------------------------------------------------------------------------------------------------
// canonical → SpotGo (OrderSubmitModel, the upsert body)

/** `POST /v1/shipments/{id}/dispatch` `options` SpotGo reads (validated by `readDispatchOptions`). */
export interface SpotgoDispatchOptions {
  /** Canonical types the carrier must upload; absent: SpotGo keeps the stored list (new order: `["cmr"]`). */
  requiredDocuments?: DocumentType[];
  /** The order's `manager` (write-only at SpotGo). */
  manager?: { name: string | null; email: string | null };
}

export interface OrderSubmitModel {
  orderNumber: string;
  manager?: { name: string | null; email: string | null };
  carrier: { name: string | null; email: string | null; vatCode: string };
  internalComments?: string | null;
  requiredDocumentTypes?: string[];
  details: { weight: number | null; licensePlates: string[] };
  locations: {
    sequence: number;
    type: 'Loading' | 'Unloading';
    startDate: string | null;
    endDate: string | null;
    name: string | null;
    countryCode: string | null;
    postalCode: string | null;
    city: string | null;
    street: string | null;
    position: { latitude: number; longitude: number } | null;
  }[];
}

/**
 * Canonical shipment → upsert body. `locations[i]` is built from `stops[i]` (same order, so a SpotGo field error on
 * `locations[i]` maps back to `stops[i]`); SpotGo answers them sorted by `sequence`. Throws
 * ProviderError('invalid_request') naming every canonical field SpotGo cannot do without.
 */
export function toOrderSubmit(shipment: Shipment, options: SpotgoDispatchOptions = {}): OrderSubmitModel {
  const problems: ProviderFieldError[] = [];
  const refuse = (field: string, providerField: string, message: string) =>
    problems.push({ field, providerField, code: 'Required', message });
  const orderNumber = text(shipment.reference);
  if (orderNumber === null) refuse('reference', 'orderNumber', 'a SpotGo order needs the shipment reference as its order number');
  else if (orderNumber.length > 100) problems.push({ field: 'reference', providerField: 'orderNumber', code: 'TooLong', message: 'at most 100 characters' });
  const vatCode = text(shipment.carrier?.vatCode);
  if (vatCode === null) refuse('carrier.vatCode', 'carrier.vatCode', "a SpotGo order needs the carrier's VAT code (its identity at SpotGo)");
  const requiredDocumentTypes = options.requiredDocuments?.map((type, i) => {
    const spotgo = toSpotgoDocumentType(type);
    if (spotgo === null) {
      problems.push({ field: `options.requiredDocuments[${i}]`, providerField: 'requiredDocumentTypes', code: 'UnknownDocumentType', message: `SpotGo has no ${type} document type` });
    }
    return spotgo ?? '';
  });
  const locations = shipment.stops.map((stop, i) => {
    const start = stop.window?.start ?? null;
    const end = stop.window?.end ?? null;
    return {
      sequence: stop.sequence,
      type: stop.type === 'PICKUP' ? ('Loading' as const) : ('Unloading' as const),
      startDate: start === null ? null : canonicalInstant(start, `stops[${i}].window.start`, problems),
      endDate: end === null ? null : canonicalInstant(end, `stops[${i}].window.end`, problems),
      name: text(stop.name),
      countryCode: text(stop.address?.countryCode)?.toUpperCase() ?? null,
      postalCode: text(stop.address?.postalCode),
      city: text(stop.address?.city),
      street: text(stop.address?.line1),
      position: stop.position ? { latitude: stop.position.latitude, longitude: stop.position.longitude } : null,
    };
  });
  if (problems.length > 0) throw dispatchRefused(problems);

  const body: OrderSubmitModel = {
    orderNumber: orderNumber!,
    carrier: { name: text(shipment.carrier?.name), email: text(shipment.carrier?.email), vatCode: vatCode! },
    internalComments: text(shipment.notes),
    details: { weight: shipment.cargo?.weightKg ?? null, licensePlates: shipment.vehicle?.licensePlates ?? [] },
    locations,
  };
  if (options.manager) body.manager = options.manager;
  if (requiredDocumentTypes) body.requiredDocumentTypes = requiredDocumentTypes;
  return body;
}

/** Validates the dispatch `options` SpotGo reads; unknown keys are refused so a typo is not silently ignored. */
export function readDispatchOptions(options: Record<string, unknown>): SpotgoDispatchOptions {
  const problems: ProviderFieldError[] = [];
  const out: SpotgoDispatchOptions = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'requiredDocuments') {
      if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
        problems.push({ field: 'options.requiredDocuments', providerField: 'requiredDocumentTypes', code: 'Invalid', message: 'a non-empty list of document types' });
      } else out.requiredDocuments = value as DocumentType[];
    } else if (key === 'manager') {
      const m = value as { name?: unknown; email?: unknown } | null;
      const ok = m !== null && typeof m === 'object' && !Array.isArray(m) &&
        (m.name === undefined || m.name === null || typeof m.name === 'string') &&
        (m.email === undefined || m.email === null || typeof m.email === 'string');
      if (!ok) problems.push({ field: 'options.manager', providerField: 'manager', code: 'Invalid', message: 'an object { name, email }' });
      else out.manager = { name: (m.name as string | undefined) ?? null, email: (m.email as string | undefined) ?? null };
    } else {
      problems.push({ field: `options.${key}`, providerField: null, code: 'Unknown', message: 'SpotGo reads only requiredDocuments and manager' });
    }
  }
  if (problems.length > 0) throw dispatchRefused(problems);
  return out;
}

/** Canonical field path of a SpotGo request field (README "Errors"); null where the mapping does not know it. */
export function canonicalFieldOf(providerField: string | null | undefined): string | null {
  if (!providerField) return null;
  const direct: Record<string, string> = {
    orderNumber: 'reference',
    'carrier.vatCode': 'carrier.vatCode',
    'carrier.name': 'carrier.name',
    'carrier.email': 'carrier.email',
    carrier: 'carrier',
    internalComments: 'notes',
    'details.weight': 'cargo.weightKg',
    'details.licensePlates': 'vehicle.licensePlates',
    locations: 'stops',
    requiredDocumentTypes: 'options.requiredDocuments',
    manager: 'options.manager',
  };
  if (Object.hasOwn(direct, providerField)) return direct[providerField];
  const plate = /^details\.licensePlates\[(\d+)\]$/.exec(providerField);
  if (plate) return `vehicle.licensePlates[${plate[1]}]`;
  const loc = /^locations\[(\d+)\](?:\.(.+))?$/.exec(providerField);
  if (loc) {
    const base = `stops[${loc[1]}]`;
    if (loc[2] === undefined) return base;
    const sub: Record<string, string> = {
      sequence: 'sequence',
      type: 'type',
      name: 'name',
      startDate: 'window.start',
      endDate: 'window.end',
      countryCode: 'address.countryCode',
      postalCode: 'address.postalCode',
      city: 'address.city',
      street: 'address.line1',
      position: 'position',
      'position.latitude': 'position.latitude',
      'position.longitude': 'position.longitude',
    };
    return Object.hasOwn(sub, loc[2]) ? `${base}.${sub[loc[2]]}` : null;
  }
  return null;
}

function dispatchRefused(problems: ProviderFieldError[]): ProviderError {
  return new ProviderError('invalid_request', `SpotGo cannot take this shipment: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, {
    provider: SPOTGO,
    details: problems,
  });
}

function canonicalInstant(value: string, field: string, problems: ProviderFieldError[]): string | null {
  // An instant without an offset would be read in the host's zone: refused rather than guessed.
  const parsed = SPOTGO_INSTANT.test(value) ? DateTime.fromISO(value, { setZone: true }) : null;
  if (!parsed?.isValid) {
    problems.push({ field, providerField: null, code: 'Invalid', message: 'must be an ISO 8601 instant with an offset' });
    return null;
  }
  return parsed.toUTC().toISO()!;
}

function rawDocuments(raw: unknown): unknown[] {
  const docs = raw !== null && typeof raw === 'object' ? (raw as { documents?: unknown }).documents : undefined;
  return Array.isArray(docs) ? docs : [];
}

function text(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

function formatAddress(line1: string | null, postalCode: string | null, city: string | null, countryCode: string | null): string | null {
  const place = [postalCode, city].filter((v) => v !== null).join(' ');
  const parts = [line1, place === '' ? null : place, countryCode].filter((v) => v !== null);
  return parts.length === 0 ? null : parts.join(', ');
}
