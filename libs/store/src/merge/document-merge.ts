import { randomUUID } from 'node:crypto';
import type { CanonicalDocument } from '@waybill/canonical';
import type { MappedDocument } from '@waybill/provider-kit';
import type { EntityManager } from 'typeorm';
import { DOCUMENT_COLUMNS, type DocumentRow, documentFromRow } from '../repositories/document-row.js';
import { checkSource, incomingTime, insertChange, type MergePath, outcome, sourceLockKey, storeRawPayload } from './merge-common.js';
import type { MergeItem, MergeOutcome } from './merge.types.js';

const OWNER_SOURCES = {
  shipment: { table: 'shipment_sources', column: 'shipment_id' },
  carrier: { table: 'carrier_sources', column: 'carrier_id' },
} as const;

/** The fields that make a document's content; provenance (hash, times, via) is not content. */
function sameDocument(a: CanonicalDocument, b: CanonicalDocument): boolean {
  const content = (d: CanonicalDocument) =>
    JSON.stringify([d.owner, d.type, d.rawType, d.status, d.rawStatus, d.name, d.mimeType, d.sizeBytes, d.expiresOn, d.uploadedAt]);
  return content(a) === content(b);
}

/**
 * The document path: a document is its own row, keyed by its source. Its owner is named by the provider's id of the
 * owner record; when that record is not merged yet the document waits with the owner's external id and is attached
 * when the owner arrives (`attachDocuments`). The owner's source lock is taken so the two never race.
 */
export const documentMergePath: MergePath<MappedDocument> = {
  lockKeys(item) {
    const { owner } = item.mapped.patch;
    return [sourceLockKey(owner.kind, item.provider, item.connectionId, owner.externalId)];
  },

  async mergeOne(tx, item, hash, at): Promise<MergeOutcome> {
    const { provider, connectionId, via } = item;
    const { patch, externalId } = item.mapped;
    await storeRawPayload(tx, item, hash, at);

    const [row] = (await tx.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE provider = $1 AND connection_id = $2 AND external_id = $3 FOR UPDATE`,
      [provider, connectionId, externalId],
    )) as DocumentRow[];
    const incomingAt = incomingTime(item);
    const known = row && { entityId: row.id, providerUpdatedAt: row.provider_updated_at, contentHash: row.content_hash };
    const check = checkSource(known, incomingAt, hash);
    if (check) return outcome(item, check, row!.id, null);

    const owner = OWNER_SOURCES[patch.owner.kind];
    const [ownerRow] = (await tx.query(
      `SELECT ${owner.column} AS id FROM ${owner.table} WHERE provider = $1 AND connection_id = $2 AND external_id = $3`,
      [provider, connectionId, patch.owner.externalId],
    )) as { id: string }[];

    const current = row ? documentFromRow(row) : null;
    const next: CanonicalDocument = {
      id: current?.id ?? randomUUID(),
      owner: { kind: patch.owner.kind, id: ownerRow?.id ?? null },
      provider,
      connection: connectionId,
      externalId,
      type: patch.type,
      rawType: patch.rawType,
      status: patch.status,
      rawStatus: patch.rawStatus,
      name: patch.name,
      mimeType: patch.mimeType,
      sizeBytes: patch.sizeBytes,
      expiresOn: patch.expiresOn,
      uploadedAt: patch.uploadedAt,
      createdAt: current?.createdAt ?? at.toISOString(),
      updatedAt: at.toISOString(),
      version: (current?.version ?? 0) + 1,
    };
    const provenance = [incomingAt, hash, via, at];
    if (current && sameDocument(current, next)) {
      await tx.query(`UPDATE documents SET provider_updated_at = $2, content_hash = $3, via = $4, synced_at = $5 WHERE id = $1`, [current.id, ...provenance]);
      return outcome(item, 'unchanged', current.id, null);
    }
    const values = [next.id, provider, connectionId, externalId, patch.owner.kind, patch.owner.externalId, next.owner.id, next.type, next.rawType,
      next.status, next.rawStatus, next.name, next.mimeType, next.sizeBytes, next.expiresOn, next.uploadedAt, ...provenance, next.version, at];
    if (current) {
      await tx.query(
        `UPDATE documents SET owner_kind = $5, owner_external_id = $6, owner_id = $7, type = $8, raw_type = $9, status = $10, raw_status = $11,
           name = $12, mime_type = $13, size_bytes = $14, expires_on = $15::date, uploaded_at = $16, provider_updated_at = $17, content_hash = $18,
           via = $19, synced_at = $20, version = $21, updated_at = $22
         WHERE id = $1 AND provider = $2 AND connection_id = $3 AND external_id = $4`,
        values,
      );
    } else {
      await tx.query(
        `INSERT INTO documents (id, provider, connection_id, external_id, owner_kind, owner_external_id, owner_id, type, raw_type, status,
           raw_status, name, mime_type, size_bytes, expires_on, uploaded_at, provider_updated_at, content_hash, via, synced_at, version,
           created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::date, $16, $17, $18, $19, $20, $21, $22, $22)`,
        values,
      );
    }
    await insertChange(tx, { entity: 'document', entityId: next.id, version: next.version, kind: current ? 'updated' : 'created', provider, connectionId, via, snapshot: next, at });
    return outcome(item, current ? 'updated' : 'created', next.id, next.version);
  },
};

/**
 * Attaches the documents that arrived before their owner: called when an owner's source row is first stored. Each
 * attached document gets a new version and a change row (its `owner.id` changed).
 */
export async function attachDocuments(tx: EntityManager, ownerKind: 'shipment' | 'carrier', ownerId: string, owner: MergeItem, at: Date): Promise<void> {
  const rows = (await tx.query(
    `UPDATE documents SET owner_id = $1, version = version + 1, updated_at = $6
     WHERE owner_id IS NULL AND owner_kind = $2 AND provider = $3 AND connection_id = $4 AND owner_external_id = $5
     RETURNING ${DOCUMENT_COLUMNS}`,
    [ownerId, ownerKind, owner.provider, owner.connectionId, owner.mapped.externalId, at],
  )) as unknown;
  // TypeORM answers an UPDATE … RETURNING with [rows, count].
  const updated = (Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : rows) as DocumentRow[];
  for (const r of updated) {
    const doc = documentFromRow(r);
    await insertChange(tx, { entity: 'document', entityId: doc.id, version: doc.version, kind: 'updated', provider: doc.provider, connectionId: doc.connection, via: owner.via, snapshot: doc, at });
  }
}
