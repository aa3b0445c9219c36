import type { DocumentStatus, DocumentType, ShipmentStatus } from '@waybill/canonical';

// Status and type tables as data (README "Status enums"), every row tested in spotgo.status-map.spec.ts. Lookups
// are case-insensitive (README: types "read case-insensitively"; statuses keep their raw spelling) and use own keys
// only, so `constructor` never resolves through the prototype. Unknown → UNKNOWN (orders), null status (documents)
// or OTHER (types), always with the raw value kept: never a guess.

/** OrderStatus / CarrierOrderStatus → shipment status (README "Mapping hint"). Keys lower-cased. */
export const SPOTGO_ORDER_STATUS_MAP: Readonly<Record<string, ShipmentStatus>> = Object.freeze({
  // The carrier has the order (share link issued / opened) but no paperwork yet.
  created: 'ASSIGNED',
  active: 'ASSIGNED',
  // Paperwork arrives after the transport: the goods are delivered, the file is being settled.
  inreview: 'DELIVERED',
  accepted: 'DELIVERED',
  rejected: 'DELIVERED',
  completed: 'COMPLETED',
});

/** OrderDocumentStatus → canonical document status (README "Document status"). Keys lower-cased. */
export const SPOTGO_DOCUMENT_STATUS_MAP: Readonly<Record<string, DocumentStatus>> = Object.freeze({
  processing: 'PROCESSING',
  inreview: 'IN_REVIEW',
  accepted: 'ACCEPTED',
  rejected: 'REJECTED',
});

/** SpotGoDocumentType → canonical type (README "Document types"). Keys lower-cased. */
export const SPOTGO_DOCUMENT_TYPE_MAP: Readonly<Record<string, DocumentType>> = Object.freeze({
  cmr: 'CMR',
  invoice: 'INVOICE',
  selfbillinginvoice: 'SELF_BILLING_INVOICE',
  order: 'ORDER',
  packinglist: 'PACKING_LIST',
  pod: 'POD',
  receipt: 'RECEIPT',
  other: 'OTHER',
});

/** Canonical type → the spelling SpotGo is sent (upload `documentType`, order `requiredDocumentTypes`). */
export const CANONICAL_TO_SPOTGO_DOCUMENT_TYPE: Readonly<Partial<Record<DocumentType, string>>> = Object.freeze({
  CMR: 'cmr',
  INVOICE: 'invoice',
  SELF_BILLING_INVOICE: 'selfBillingInvoice',
  ORDER: 'order',
  PACKING_LIST: 'packingList',
  POD: 'pod',
  RECEIPT: 'receipt',
  OTHER: 'other',
});

export interface MappedOrderStatus {
  status: ShipmentStatus;
  rawStatus: string;
  /** Set only when the raw value is not in the table (counted by `waybill_unknown_status_total`). */
  unknown?: string;
}

export function mapSpotgoOrderStatus(raw: string): MappedOrderStatus {
  const key = raw.trim().toLowerCase();
  if (Object.hasOwn(SPOTGO_ORDER_STATUS_MAP, key)) return { status: SPOTGO_ORDER_STATUS_MAP[key], rawStatus: raw };
  return { status: 'UNKNOWN', rawStatus: raw, unknown: raw };
}

/** A document status the table does not know is kept raw with a null canonical status (DocumentPatch allows it). */
export function mapSpotgoDocumentStatus(raw: string): { status: DocumentStatus | null; rawStatus: string } {
  const key = raw.trim().toLowerCase();
  return { status: Object.hasOwn(SPOTGO_DOCUMENT_STATUS_MAP, key) ? SPOTGO_DOCUMENT_STATUS_MAP[key] : null, rawStatus: raw };
}

export function mapSpotgoDocumentType(raw: string): { type: DocumentType; rawType: string } {
  const key = raw.trim().toLowerCase();
  return { type: Object.hasOwn(SPOTGO_DOCUMENT_TYPE_MAP, key) ? SPOTGO_DOCUMENT_TYPE_MAP[key] : 'OTHER', rawType: raw };
}

/** null when SpotGo has no such type (BOL, W9, INSURANCE…): the caller refuses the command naming the field. */
export function toSpotgoDocumentType(type: DocumentType): string | null {
  return CANONICAL_TO_SPOTGO_DOCUMENT_TYPE[type] ?? null;
}

/** README "Review": only a document `InReview` can be decided. */
export function isReviewable(rawStatus: string | null): boolean {
  return rawStatus !== null && rawStatus.trim().toLowerCase() === 'inreview';
}
