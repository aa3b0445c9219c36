import type { Address, DocumentStatus, DocumentType, ProviderCode, SourceVia } from './shipment.js';

// ARCHITECTURE.md "Canonical model", Carrier. `UNKNOWN` holds a provider value the status map does not know (raw kept).
export const COMPLIANCE_STATUSES = ['PENDING', 'VERIFIED', 'REJECTED', 'ARCHIVED', 'UNKNOWN'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export interface CarrierIdentifiers {
  mcNumber: string | null;
  usdotNumber: string | null;
  vatCode: string | null;
  taxId: string | null;
}

export interface ComplianceDocument {
  /** The canonical document's id (`GET /v1/documents/{id}/content`). */
  id: string;
  type: DocumentType;
  expiresOn: string | null;
  /** Computed when read, in the owning connection's time zone; never stored. */
  daysUntilExpiry: number | null;
}

export interface CarrierContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface CarrierCompliance {
  status: ComplianceStatus;
  /** The provider's raw status, kept verbatim (always set when `status` is `UNKNOWN`). */
  rawStatus: string | null;
  signedAt: string | null;
  verifiedAt: string | null;
  documents: ComplianceDocument[];
}

export interface CarrierSource {
  provider: ProviderCode;
  connection: string;
  externalId: string;
  providerUpdatedAt: string | null;
  syncedAt: string;
  via: SourceVia;
  /** Set when the provider no longer lists this record (see the provider's README); the carrier is kept. */
  removedAt?: string | null;
}

export interface Carrier {
  id: string;
  name: string | null;
  legalName: string | null;
  dbaName: string | null;
  identifiers: CarrierIdentifiers;
  dispatch: CarrierContact | null;
  address: Address | null;
  services: string[];
  compliance: CarrierCompliance | null;
  /** Set when this carrier's identifiers contradict another carrier's (same MC, other USDOT): both are kept. */
  conflict?: { carrierId: string; identifier: keyof CarrierIdentifiers | 'email'; reason: string } | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  sources: CarrierSource[];
}

/**
 * What one provider record says about a carrier. As with ShipmentPatch, `undefined` = not carried (kept),
 * `null` = the provider says "none".
 */
export interface CarrierPatch {
  name?: string | null;
  legalName?: string | null;
  dbaName?: string | null;
  identifiers?: Partial<CarrierIdentifiers>;
  dispatch?: CarrierContact | null;
  address?: Address | null;
  services?: string[];
  compliance?: Omit<CarrierCompliance, 'documents'> | null;
  /** True when the provider confirmed the record is gone (never deletes the carrier; marks its source). */
  removed?: boolean;
}

/** A document as its own row (ARCHITECTURE.md "documents[]"; the generalized contract: documents are entities). */
export interface CanonicalDocument {
  id: string;
  owner: { kind: 'carrier' | 'shipment'; id: string | null };
  provider: ProviderCode;
  connection: string;
  externalId: string;
  type: DocumentType;
  /** The provider's own type value, kept verbatim (always set when `type` is `OTHER`). */
  rawType: string | null;
  status: DocumentStatus | null;
  rawStatus: string | null;
  name: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  /** A calendar date, `YYYY-MM-DD`, in the connection's time zone. */
  expiresOn: string | null;
  /** Computed when read; never stored. */
  daysUntilExpiry?: number | null;
  uploadedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** What one provider record says about a document. The owner is named by the provider's own id of its record. */
export interface DocumentPatch {
  owner: { kind: 'carrier' | 'shipment'; externalId: string };
  type: DocumentType;
  rawType: string | null;
  status: DocumentStatus | null;
  rawStatus: string | null;
  name: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  expiresOn: string | null;
  uploadedAt: string | null;
}
