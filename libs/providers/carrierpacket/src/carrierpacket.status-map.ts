import type { ComplianceStatus, DocumentType } from '@waybill/canonical';

/**
 * Submission status → compliance status (README "Submissions → carriers"; FACTS §1, REST "Submission fields").
 * Keys are the integers as strings. An unmapped value becomes UNKNOWN with the raw value reported, never a guess.
 */
export const CARRIERPACKET_STATUS_MAP: Readonly<Record<string, ComplianceStatus>> = Object.freeze({
  // Awaiting e-mail: the newer flow (FACTS §1, C2).
  '0': 'PENDING',
  // Pending verify: the older flow (FACTS §1, C3).
  '1': 'PENDING',
  '2': 'VERIFIED',
  '3': 'REJECTED',
  // REST "Submission fields": `4 Archived`.
  '4': 'ARCHIVED',
});

/** REST "Document fields" `doc_type` → canonical document type (README "Documents"). */
export const CARRIERPACKET_DOC_TYPE_MAP: Readonly<Record<string, DocumentType>> = Object.freeze({
  coi: 'INSURANCE',
  w9: 'W9',
  authority: 'AUTHORITY',
  references: 'REFERENCES',
  ach: 'ACH',
});

export interface MappedComplianceStatus {
  status: ComplianceStatus;
  /** The raw value, always kept (as a string). */
  rawStatus: string;
  /** The raw value, set only when it is not in the table. */
  unknown?: string;
}

export function mapCarrierpacketStatus(raw: number): MappedComplianceStatus {
  const key = String(raw);
  // Own keys only: `constructor` or `toString` must not resolve through the prototype.
  if (Object.hasOwn(CARRIERPACKET_STATUS_MAP, key)) return { status: CARRIERPACKET_STATUS_MAP[key], rawStatus: key };
  return { status: 'UNKNOWN', rawStatus: key, unknown: key };
}

export interface MappedDocType {
  type: DocumentType;
  /** The raw `doc_type`, always kept (it is what tells `other` from a new slot CarrierPacket may add). */
  rawType: string;
}

/** Anything not in the table (`other`, the custom slot, included) is OTHER with the raw value kept. */
export function mapCarrierpacketDocType(raw: string): MappedDocType {
  if (Object.hasOwn(CARRIERPACKET_DOC_TYPE_MAP, raw)) return { type: CARRIERPACKET_DOC_TYPE_MAP[raw], rawType: raw };
  return { type: 'OTHER', rawType: raw };
}
