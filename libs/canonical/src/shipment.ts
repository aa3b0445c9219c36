// The canonical shipment: the JSON that Waybill's API serves (../shared/ARCHITECTURE.md, "Canonical model").
// Names here are the contract: extend, never rename.

export const SHIPMENT_STATUSES = [
  'DRAFT',
  'PENDING',
  'ASSIGNED',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
  'EXCEPTION',
  'UNKNOWN',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const PROVIDER_CODES = ['spotgo', 'trailflow', 'carrierpacket', 'cargamos'] as const;
export type ProviderCode = (typeof PROVIDER_CODES)[number];

/**
 * A shipment created through Waybill's own API (`POST /v1/shipments`) is a source of its own, merged like any other
 * (via `command`): provider `tms`, connection `tms` (one per deployment, whichever API key wrote it: the reference is
 * unique per deployment), externalId = the business reference. Not a ProviderCode: nothing is polled or dispatched
 * there. `SourceProviderCode` is what a source's `provider` may hold.
 */
export const TMS_SOURCE = 'tms' as const;
export const TMS_CONNECTION = 'tms' as const;
export type SourceProviderCode = ProviderCode | typeof TMS_SOURCE;

export const REFERENCE_KINDS = ['order', 'load', 'shipment', 'tracking', 'external'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export const SOURCE_VIAS = ['poll', 'webhook', 'command'] as const;
export type SourceVia = (typeof SOURCE_VIAS)[number];

export const STOP_TYPES = ['PICKUP', 'DELIVERY'] as const;
export type StopType = (typeof STOP_TYPES)[number];

export const DOCUMENT_TYPES = [
  'CMR', 'POD', 'BOL', 'INVOICE', 'SELF_BILLING_INVOICE', 'ORDER', 'PACKING_LIST', 'RECEIPT',
  'INSURANCE', 'W9', 'AUTHORITY', 'ACH', 'REFERENCES', 'OTHER',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_STATUSES = ['PROCESSING', 'IN_REVIEW', 'ACCEPTED', 'REJECTED'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export interface ProviderStatus {
  provider: ProviderCode;
  connection: string;
  /** The provider's own value, kept verbatim. */
  status: string;
  /** UTC ISO-8601 instant at which the provider reported it. */
  at: string | null;
  /**
   * The canonical status this source's raw value maps to, kept so that the shipment's status can be decided across
   * several sources (merge.ts). Set by the merge from the patch's `status`; absent when the source gave none.
   */
  mapped?: ShipmentStatus;
}

export interface ShipmentReference {
  provider: ProviderCode;
  connection: string;
  kind: ReferenceKind;
  value: string;
}

export interface Party {
  id: string | null;
  code: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface ShipmentCarrier {
  id: string | null;
  name: string | null;
  legalName: string | null;
  email: string | null;
  phone: string | null;
  vatCode: string | null;
  mcNumber: string | null;
  usdotNumber: string | null;
  /**
   * Read-time summary of the canonical carrier's compliance (`id` points at it), so the TMS sees "this load's
   * carrier has an expired COI" without a second call. Absent in stored JSON and in provider patches.
   */
  compliance?: CarrierComplianceSummary | null;
}

export interface CarrierComplianceSummary {
  status: string;
  expiredDocuments: number;
  nextExpiry: { documentId: string; type: DocumentType; expiresOn: string; daysUntilExpiry: number } | null;
}

export interface Vehicle {
  unitNumber: string | null;
  type: string | null;
  licensePlates: string[];
}

export interface Address {
  line1: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  countryCode: string | null;
  formatted: string | null;
}

export interface Position {
  latitude: number;
  longitude: number;
}

export interface TimeWindow {
  /** UTC ISO-8601 instants computed from the provider's local date, time and IANA zone. */
  start: string | null;
  end: string | null;
  timezone: string | null;
}

export interface Contact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface Stop {
  sequence: number;
  type: StopType;
  name: string | null;
  address: Address | null;
  position: Position | null;
  window: TimeWindow | null;
  contact: Contact | null;
  status: string | null;
  notes: string | null;
}

export interface Package {
  weightKg: number | null;
  lengthCm: number | null;
  widthCm: number | null;
  heightCm: number | null;
  description: string | null;
}

export interface Cargo {
  weightKg: number | null;
  packages: Package[];
  description: string | null;
}

export interface Money {
  amount: number;
  /** ISO 4217; null when the provider does not say. */
  currency: string | null;
}

export interface ShipmentDocument {
  id: string;
  type: DocumentType;
  status: DocumentStatus;
  name: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  expiresOn: string | null;
  provider: ProviderCode;
  externalId: string;
}

export interface KnownLocation {
  latitude: number;
  longitude: number;
  recordedAt: string | null;
  source: string | null;
}

export interface Tracking {
  eligible: boolean | null;
  reason: string | null;
  trackingId: string | null;
  shareUrl: string | null;
  lastKnownLocation: KnownLocation | null;
  eta: string | null;
}

export interface ShipmentSource {
  provider: ProviderCode;
  connection: string;
  externalId: string;
  providerUpdatedAt: string | null;
  syncedAt: string;
  via: SourceVia;
}

export interface Shipment {
  id: string;
  reference: string | null;
  status: ShipmentStatus;
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  providerStatuses: ProviderStatus[];
  references: ShipmentReference[];
  customer: Party | null;
  carrier: ShipmentCarrier | null;
  vehicle: Vehicle | null;
  stops: Stop[];
  cargo: Cargo | null;
  rate: Money | null;
  notes: string | null;
  documents: ShipmentDocument[];
  tracking: Tracking | null;
  sources: ShipmentSource[];
  /** Documents the TMS requires for this shipment (set by `POST /v1/shipments` / `PATCH`); absent when never said. */
  requiredDocuments?: DocumentType[];
}

/**
 * What one provider record says about a shipment. A field that is `undefined` was not carried by the payload
 * (a webhook's bare load has no stops) and never erases what is stored; `null` means the provider says "none".
 */
export interface ShipmentPatch {
  reference?: string | null;
  status?: ShipmentStatus;
  statusReason?: string | null;
  /** The provider's raw status for this source; replaces the previous one of the same provider + connection. */
  providerStatus?: Omit<ProviderStatus, 'provider' | 'connection' | 'mapped'>;
  references?: Omit<ShipmentReference, 'provider' | 'connection'>[];
  customer?: Party | null;
  carrier?: ShipmentCarrier | null;
  vehicle?: Vehicle | null;
  stops?: Stop[];
  cargo?: Cargo | null;
  rate?: Money | null;
  notes?: string | null;
  documents?: ShipmentDocument[];
  tracking?: Partial<Tracking> | null;
  requiredDocuments?: DocumentType[];
}
