import type { CanonicalDocument, DocumentStatus, DocumentType, ProviderCode } from '@waybill/canonical';

/** A `documents` row as selected with DOCUMENT_COLUMNS (dates as text: a calendar date has no time zone). */
export interface DocumentRow {
  id: string;
  provider: string;
  connection_id: string;
  external_id: string;
  owner_kind: 'carrier' | 'shipment';
  owner_external_id: string;
  owner_id: string | null;
  type: string;
  raw_type: string | null;
  status: string | null;
  raw_status: string | null;
  name: string | null;
  mime_type: string | null;
  size_bytes: string | number | null;
  expires_on: string | null;
  uploaded_at: Date | null;
  provider_updated_at: Date | null;
  content_hash: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

// `expires_on::text`: node-postgres would turn a `date` into a JS Date at the process's local midnight.
export const DOCUMENT_COLUMNS = `id, provider, connection_id, external_id, owner_kind, owner_external_id, owner_id, type, raw_type, status,
  raw_status, name, mime_type, size_bytes, expires_on::text AS expires_on, uploaded_at, provider_updated_at, content_hash, version,
  created_at, updated_at`;

const iso = (v: Date | string | null): string | null => (v == null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString());

export function documentFromRow(r: DocumentRow): CanonicalDocument {
  return {
    id: r.id,
    owner: { kind: r.owner_kind, id: r.owner_id },
    provider: r.provider as ProviderCode,
    connection: r.connection_id,
    externalId: r.external_id,
    type: r.type as DocumentType,
    rawType: r.raw_type,
    status: r.status as DocumentStatus | null,
    rawStatus: r.raw_status,
    name: r.name,
    mimeType: r.mime_type,
    sizeBytes: r.size_bytes == null ? null : Number(r.size_bytes),
    expiresOn: r.expires_on,
    uploadedAt: iso(r.uploaded_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    version: r.version,
  };
}
