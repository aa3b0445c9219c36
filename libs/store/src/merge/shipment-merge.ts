import { randomUUID } from 'node:crypto';
import { applyPatch, sameContent, type Shipment } from '@waybill/canonical';
import type { MappedShipment } from '@waybill/provider-kit';
import type { EntityManager } from 'typeorm';
import { carrierKeyLocks, keysOfShipmentCarrier, resolveCarrierSql } from './carrier-keys.js';
import { attachDocuments } from './document-merge.js';
import { checkSource, incomingTime, insertChange, type MergePath, outcome, storeRawPayload } from './merge-common.js';
import type { MergeItem, MergeOutcome } from './merge.types.js';

interface SourceRow {
  shipment_id: string;
  provider_updated_at: Date | null;
  content_hash: string;
}
interface ShipmentRow {
  canonical: Shipment;
  version: number;
}

/** The shipment path: today's merge, plus the carrier match keys and the link to the canonical carrier. */
export const shipmentMergePath: MergePath<MappedShipment> = {
  lockKeys(item) {
    const keys: string[] = [];
    const ref = item.mapped.patch.reference;
    if (ref) keys.push(`ref|${ref}`);
    if (item.mapped.patch.carrier !== undefined) keys.push(...carrierKeyLocks(keysOfShipmentCarrier(item.mapped.patch.carrier)));
    return keys;
  },

  async mergeOne(tx, item, hash, at): Promise<MergeOutcome> {
    const { provider, connectionId, via } = item;
    const mapped = item.mapped;
    await storeRawPayload(tx, item, hash, at);

    const [source] = (await tx.query(
      `SELECT shipment_id, provider_updated_at, content_hash FROM shipment_sources
       WHERE provider = $1 AND connection_id = $2 AND external_id = $3 FOR UPDATE`,
      [provider, connectionId, mapped.externalId],
    )) as SourceRow[];

    const incomingAt = incomingTime(item);
    const known = source && { entityId: source.shipment_id, providerUpdatedAt: source.provider_updated_at, contentHash: source.content_hash };
    const check = checkSource(known, incomingAt, hash);
    if (check) return outcome(item, check, source!.shipment_id, null);

    const current = await findShipment(tx, source?.shipment_id ?? null, mapped.patch.reference ?? null, provider, connectionId);
    const sourceInfo = {
      provider,
      connection: connectionId,
      externalId: mapped.externalId,
      providerUpdatedAt: incomingAt ? incomingAt.toISOString() : null,
      via,
      syncedAt: at.toISOString(),
    };
    const next = applyPatch(current?.canonical ?? null, mapped.patch, sourceInfo, { id: randomUUID(), now: at.toISOString() });
    if (next.carrier) {
      // `carrier.id` is the canonical carrier's id, spliced in when read: the provider's own id must not show there,
      // and the read-time compliance summary is never stored.
      const { compliance: _summary, ...carrier } = next.carrier;
      next.carrier = { ...carrier, id: null };
    }

    if (current && sameContent(current.canonical, next)) {
      await upsertSource(tx, next.id, item, hash, incomingAt, at);
      return outcome(item, 'unchanged', next.id, null);
    }

    const version = (current?.version ?? 0) + 1;
    const stored: Shipment = { ...next, version, updatedAt: at.toISOString() };
    if (current) {
      await tx.query(
        `UPDATE shipments SET reference = $2, status = $3, canonical = $4, version = $5, updated_at = $6 WHERE id = $1`,
        [stored.id, stored.reference, stored.status, JSON.stringify(stored), version, at],
      );
    } else {
      await tx.query(
        `INSERT INTO shipments (id, reference, status, canonical, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)`,
        [stored.id, stored.reference, stored.status, JSON.stringify(stored), version, at],
      );
    }
    if (!current || mapped.patch.carrier !== undefined) await linkCarrier(tx, stored);
    await upsertSource(tx, stored.id, item, hash, incomingAt, at);
    await insertChange(tx, {
      entity: 'shipment',
      entityId: stored.id,
      version,
      kind: current ? 'updated' : 'created',
      provider,
      connectionId,
      via,
      snapshot: stored,
      at,
    });
    if (!source) await attachDocuments(tx, 'shipment', stored.id, item, at);
    return outcome(item, current ? 'updated' : 'created', stored.id, version);
  },
};

/** Stores the shipment's normalized carrier keys and links it to the canonical carrier they match (or none). */
async function linkCarrier(tx: EntityManager, shipment: Shipment): Promise<void> {
  const k = keysOfShipmentCarrier(shipment.carrier);
  await tx.query(
    `UPDATE shipments SET carrier_mc = $2, carrier_usdot = $3, carrier_vat = $4, carrier_email = $5,
       carrier_id = ${resolveCarrierSql('$2::text', '$3::text', '$4::text', '$5::text')}
     WHERE id = $1`,
    [shipment.id, k.mc, k.usdot, k.vat, k.email],
  );
}

async function findShipment(tx: EntityManager, shipmentId: string | null, reference: string | null, provider: string, connectionId: string): Promise<ShipmentRow | null> {
  // Records of OTHER providers with the same business reference are the same shipment (ARCHITECTURE.md, Identity).
  // Two records of one connection are two shipments even when they share an order number: nothing says a provider
  // keeps it unique. (Other connections of the same provider do match: one deployment, one business reference.)
  const [row] = (shipmentId
    ? await tx.query('SELECT canonical, version FROM shipments WHERE id = $1 FOR UPDATE', [shipmentId])
    : reference
      ? await tx.query(
          `SELECT canonical, version FROM shipments s WHERE reference = $1
             AND NOT EXISTS (SELECT 1 FROM shipment_sources src WHERE src.shipment_id = s.id AND src.provider = $2 AND src.connection_id = $3)
           ORDER BY created_at, id LIMIT 1 FOR UPDATE`,
          [reference, provider, connectionId],
        )
      : []) as ShipmentRow[];
  return row ?? null;
}

async function upsertSource(tx: EntityManager, shipmentId: string, item: MergeItem, hash: string, providerAt: Date | null, at: Date) {
  await tx.query(
    `INSERT INTO shipment_sources (shipment_id, provider, connection_id, external_id, provider_updated_at, content_hash, via, synced_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (provider, connection_id, external_id) DO UPDATE SET
       shipment_id = EXCLUDED.shipment_id, provider_updated_at = EXCLUDED.provider_updated_at,
       content_hash = EXCLUDED.content_hash, via = EXCLUDED.via, synced_at = EXCLUDED.synced_at`,
    [shipmentId, item.provider, item.connectionId, item.mapped.externalId, providerAt, hash, item.via, at],
  );
}
