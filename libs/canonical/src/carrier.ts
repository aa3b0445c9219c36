import type { Address, ProviderCode, SourceVia } from './shipment.js';

export const COMPLIANCE_STATUSES = ['PENDING', 'VERIFIED', 'REJECTED', 'ARCHIVED'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export interface CarrierIdentifiers {
  mcNumber: string | null;
  usdotNumber: string | null;
  vatCode: string | null;
  taxId: string | null;
}

export interface ComplianceDocument {
  type: string;
  expiresOn: string | null;
  daysUntilExpiry: number | null;
}

export interface Carrier {
  id: string;
  name: string | null;
  legalName: string | null;
  dbaName: string | null;
  identifiers: CarrierIdentifiers;
  dispatch: { name: string | null; email: string | null; phone: string | null } | null;
  address: Address | null;
  services: string[];
  compliance: {
    status: ComplianceStatus;
    signedAt: string | null;
    verifiedAt: string | null;
    documents: ComplianceDocument[];
  } | null;
  sources: { provider: ProviderCode; connection: string; externalId: string; providerUpdatedAt: string | null; syncedAt: string; via: SourceVia }[];
}
