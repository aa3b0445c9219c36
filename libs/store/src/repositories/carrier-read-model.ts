import type { Carrier, CarrierComplianceSummary, ComplianceDocument, DocumentType } from '@waybill/canonical';
import type { DataSource, EntityManager } from 'typeorm';
import type { ExpiryCalendar } from '../compliance/expiry-calendar.js';

/** A carrier-owned document, as the carrier's compliance needs it. */
export interface ComplianceDocumentRow {
  id: string;
  owner_id: string;
  provider: string;
  connection_id: string;
  type: DocumentType;
  expires_on: string | null;
}

export async function complianceDocumentsOf(db: DataSource | EntityManager, carrierIds: string[]): Promise<Map<string, ComplianceDocumentRow[]>> {
  const byCarrier = new Map<string, ComplianceDocumentRow[]>();
  if (!carrierIds.length) return byCarrier;
  const rows = (await db.query(
    `SELECT id, owner_id, provider, connection_id, type, expires_on::text AS expires_on FROM documents
     WHERE owner_kind = 'carrier' AND owner_id = ANY($1::uuid[]) ORDER BY expires_on NULLS LAST, id`,
    [carrierIds],
  )) as ComplianceDocumentRow[];
  for (const r of rows) {
    const list = byCarrier.get(r.owner_id) ?? [];
    list.push(r);
    byCarrier.set(r.owner_id, list);
  }
  return byCarrier;
}

function complianceDocuments(docs: ComplianceDocumentRow[], calendar: ExpiryCalendar, now: Date): ComplianceDocument[] {
  return docs.map((d) => ({
    id: d.id,
    type: d.type,
    expiresOn: d.expires_on,
    daysUntilExpiry: calendar.daysUntil(d.provider, d.connection_id, d.expires_on, now),
  }));
}

/**
 * The carrier as served: the stored JSON with its compliance documents built from the document rows, each with
 * `daysUntilExpiry` counted in its connection's time zone now. A carrier with documents but no compliance status
 * from any provider shows `UNKNOWN`.
 */
export function composeCarrier(stored: Carrier, docs: ComplianceDocumentRow[], calendar: ExpiryCalendar, now: Date): Carrier {
  const documents = complianceDocuments(docs, calendar, now);
  const compliance = stored.compliance
    ? { ...stored.compliance, documents }
    : documents.length
      ? { status: 'UNKNOWN' as const, rawStatus: null, signedAt: null, verifiedAt: null, documents }
      : null;
  return { ...stored, compliance };
}

/** `shipment.carrier.compliance`: the carrier's status, how many documents have expired, and the next to expire. */
export function complianceSummary(carrier: Carrier): CarrierComplianceSummary {
  const docs = carrier.compliance?.documents ?? [];
  const dated = docs.filter((d): d is ComplianceDocument & { expiresOn: string; daysUntilExpiry: number } => d.expiresOn != null && d.daysUntilExpiry != null);
  const next = dated.filter((d) => d.daysUntilExpiry >= 0).sort((a, b) => a.daysUntilExpiry - b.daysUntilExpiry || a.id.localeCompare(b.id))[0];
  return {
    status: carrier.compliance?.status ?? 'UNKNOWN',
    expiredDocuments: dated.filter((d) => d.daysUntilExpiry < 0).length,
    nextExpiry: next ? { documentId: next.id, type: next.type, expiresOn: next.expiresOn, daysUntilExpiry: next.daysUntilExpiry } : null,
  };
}

/** Composed carriers by id (the ones that exist). */
export async function loadCarriers(db: DataSource | EntityManager, ids: string[], calendar: ExpiryCalendar, now: Date): Promise<Map<string, Carrier>> {
  const out = new Map<string, Carrier>();
  const unique = [...new Set(ids)];
  if (!unique.length) return out;
  const rows = (await db.query('SELECT id, canonical FROM carriers WHERE id = ANY($1::uuid[])', [unique])) as { id: string; canonical: Carrier }[];
  const docs = await complianceDocumentsOf(db, rows.map((r) => r.id));
  for (const r of rows) out.set(r.id, composeCarrier(r.canonical, docs.get(r.id) ?? [], calendar, now));
  return out;
}
