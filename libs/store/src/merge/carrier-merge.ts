import { randomUUID } from 'node:crypto';
import type { Carrier, CarrierIdentifiers, CarrierPatch, CarrierSource } from '@waybill/canonical';
import type { MappedCarrier } from '@waybill/provider-kit';
import type { EntityManager } from 'typeorm';
import {
  CARRIER_KEY_COLUMNS,
  CARRIER_KEY_ORDER,
  type CarrierKeyName,
  type CarrierKeys,
  carrierKeyLocks,
  carrierKeys,
  CONTRADICTING_KEYS,
  keysOfCarrierPatch,
  resolveCarrierSql,
} from './carrier-keys.js';
import { attachDocuments } from './document-merge.js';
import { checkSource, incomingTime, insertChange, type MergePath, outcome, storeRawPayload } from './merge-common.js';
import type { MergeItem, MergeOutcome } from './merge.types.js';

interface CarrierRow {
  id: string;
  canonical: Carrier;
  version: number;
  mc_number: string | null;
  usdot_number: string | null;
  vat_code: string | null;
}

const CARRIER_ROW = 'id, canonical, version, mc_number, usdot_number, vat_code';

/**
 * The carrier path. A new source is matched to a stored carrier on MC number, then USDOT, then VAT code, then
 * dispatch e-mail (normalized). A match that another identifier contradicts (same MC, other USDOT) is not merged:
 * a second carrier is kept and both are marked with the conflict.
 */
export const carrierMergePath: MergePath<MappedCarrier> = {
  lockKeys(item) {
    return carrierKeyLocks(keysOfCarrierPatch(item.mapped.patch));
  },

  async mergeOne(tx, item, hash, at): Promise<MergeOutcome> {
    const { provider, connectionId, via } = item;
    const { patch, externalId } = item.mapped;
    await storeRawPayload(tx, item, hash, at);

    const [source] = (await tx.query(
      `SELECT carrier_id, provider_updated_at, content_hash FROM carrier_sources
       WHERE provider = $1 AND connection_id = $2 AND external_id = $3 FOR UPDATE`,
      [provider, connectionId, externalId],
    )) as { carrier_id: string; provider_updated_at: Date | null; content_hash: string }[];
    const incomingAt = incomingTime(item);
    const known = source && { entityId: source.carrier_id, providerUpdatedAt: source.provider_updated_at, contentHash: source.content_hash };
    const check = checkSource(known, incomingAt, hash);
    if (check) return outcome(item, check, source!.carrier_id, null);

    let current: CarrierRow | null = null;
    let conflict: Carrier['conflict'] = null;
    let conflictWith: CarrierRow | null = null;
    if (source) {
      [current = null] = (await tx.query(`SELECT ${CARRIER_ROW} FROM carriers WHERE id = $1 FOR UPDATE`, [source.carrier_id])) as CarrierRow[];
    } else {
      const match = await matchCarrier(tx, keysOfCarrierPatch(patch));
      current = match.carrier;
      if (match.conflict) {
        conflictWith = match.conflict.with;
        conflict = { carrierId: conflictWith.id, identifier: match.conflict.identifier, reason: match.conflict.reason };
      }
    }

    const sourceEntry: CarrierSource = {
      provider,
      connection: connectionId,
      externalId,
      providerUpdatedAt: incomingAt ? incomingAt.toISOString() : null,
      syncedAt: at.toISOString(),
      via,
      removedAt: patch.removed ? (incomingAt ?? at).toISOString() : null,
    };
    const next = applyCarrierPatch(current?.canonical ?? null, patch, sourceEntry, { id: randomUUID(), now: at.toISOString() });
    if (conflict) next.conflict = conflict;

    if (current && sameCarrier(current.canonical, next)) {
      await upsertSource(tx, current.id, item, hash, incomingAt, at, sourceEntry.removedAt ?? null);
      return outcome(item, 'unchanged', current.id, null);
    }

    const version = (current?.version ?? 0) + 1;
    const stored: Carrier = { ...next, version, updatedAt: at.toISOString() };
    await writeCarrier(tx, stored, !current, at);
    await upsertSource(tx, stored.id, item, hash, incomingAt, at, sourceEntry.removedAt ?? null);
    await insertChange(tx, { entity: 'carrier', entityId: stored.id, version, kind: current ? 'updated' : 'created', provider, connectionId, via, snapshot: stored, at });

    if (conflictWith && !conflictWith.canonical.conflict) {
      // The other side of the conflict hears of it too.
      const other: Carrier = {
        ...conflictWith.canonical,
        conflict: { carrierId: stored.id, identifier: conflict!.identifier, reason: conflict!.reason },
        version: conflictWith.version + 1,
        updatedAt: at.toISOString(),
      };
      await writeCarrier(tx, other, false, at);
      await insertChange(tx, { entity: 'carrier', entityId: other.id, version: other.version, kind: 'updated', provider, connectionId, via, snapshot: other, at });
    }
    if (!source) await attachDocuments(tx, 'carrier', stored.id, item, at);
    await relinkShipments(tx, stored);
    return outcome(item, current ? 'updated' : 'created', stored.id, version);
  },
};

interface Match {
  carrier: CarrierRow | null;
  conflict?: { with: CarrierRow; identifier: keyof CarrierIdentifiers | 'email'; reason: string };
}

/** The first key (in matching order) that names any stored carrier decides: a carrier it does not contradict, or a conflict. */
async function matchCarrier(tx: EntityManager, keys: CarrierKeys): Promise<Match> {
  for (const name of CARRIER_KEY_ORDER) {
    const value = keys[name];
    if (!value) continue;
    const { column, identifier } = CARRIER_KEY_COLUMNS[name];
    const candidates = (await tx.query(
      `SELECT ${CARRIER_ROW} FROM carriers WHERE ${column} = $1 ORDER BY created_at, id LIMIT 50 FOR UPDATE`,
      [value],
    )) as CarrierRow[];
    if (!candidates.length) continue;
    const agreeing = candidates.find((c) => !contradiction(keys, c));
    if (agreeing) return { carrier: agreeing };
    const first = candidates[0]!;
    const other = contradiction(keys, first)!;
    const otherName = CARRIER_KEY_COLUMNS[other].identifier;
    return {
      carrier: null,
      conflict: { with: first, identifier, reason: `same ${identifier} ${value} as carrier ${first.id}, but another ${otherName}` },
    };
  }
  return { carrier: null };
}

function contradiction(keys: CarrierKeys, row: CarrierRow): CarrierKeyName | null {
  const stored: Record<CarrierKeyName, string | null> = { mc: row.mc_number, usdot: row.usdot_number, vat: row.vat_code, email: null };
  return CONTRADICTING_KEYS.find((k) => keys[k] && stored[k] && keys[k] !== stored[k]) ?? null;
}

async function writeCarrier(tx: EntityManager, c: Carrier, insert: boolean, at: Date): Promise<void> {
  const k = carrierKeys(c.identifiers, c.dispatch?.email);
  const values = [c.id, JSON.stringify(c), k.mc, k.usdot, k.vat, k.email, c.compliance?.status ?? null, c.conflict?.carrierId ?? null, c.version, at];
  if (insert) {
    await tx.query(
      `INSERT INTO carriers (id, canonical, mc_number, usdot_number, vat_code, email, compliance_status, conflict_carrier_id, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
      values,
    );
  } else {
    await tx.query(
      `UPDATE carriers SET canonical = $2, mc_number = $3, usdot_number = $4, vat_code = $5, email = $6, compliance_status = $7,
         conflict_carrier_id = $8, version = $9, updated_at = $10 WHERE id = $1`,
      values,
    );
  }
}

/**
 * Shipments whose carrier keys match this carrier (or that point at it) are linked again with the same rule the
 * shipment path uses, so the link is the same whichever of shipment and carrier arrived first. Linking changes no
 * shipment content (the id is spliced in when read), so no shipment version moves.
 */
async function relinkShipments(tx: EntityManager, c: Carrier): Promise<void> {
  const k = carrierKeys(c.identifiers, c.dispatch?.email);
  await tx.query(
    `UPDATE shipments s SET carrier_id = r.cid
     FROM (SELECT s2.id, ${resolveCarrierSql('s2.carrier_mc', 's2.carrier_usdot', 's2.carrier_vat', 's2.carrier_email')} AS cid
           FROM shipments s2
           WHERE s2.carrier_id = $1 OR s2.carrier_mc = $2 OR s2.carrier_usdot = $3 OR s2.carrier_vat = $4 OR s2.carrier_email = $5) r
     WHERE s.id = r.id AND s.carrier_id IS DISTINCT FROM r.cid`,
    [c.id, k.mc, k.usdot, k.vat, k.email],
  );
}

async function upsertSource(tx: EntityManager, carrierId: string, item: MergeItem, hash: string, providerAt: Date | null, at: Date, removedAt: string | null) {
  await tx.query(
    `INSERT INTO carrier_sources (carrier_id, provider, connection_id, external_id, provider_updated_at, content_hash, via, synced_at, removed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (provider, connection_id, external_id) DO UPDATE SET
       carrier_id = EXCLUDED.carrier_id, provider_updated_at = EXCLUDED.provider_updated_at, content_hash = EXCLUDED.content_hash,
       via = EXCLUDED.via, synced_at = EXCLUDED.synced_at, removed_at = EXCLUDED.removed_at`,
    [carrierId, item.provider, item.connectionId, item.mapped.externalId, providerAt, hash, item.via, at, removedAt],
  );
}

/** As `applyPatch` for shipments: `undefined` keeps what is stored, `null` says "none". */
export function applyCarrierPatch(current: Carrier | null, patch: CarrierPatch, source: CarrierSource, init: { id: string; now: string }): Carrier {
  const next: Carrier = current
    ? structuredClone(current)
    : {
        id: init.id,
        name: null,
        legalName: null,
        dbaName: null,
        identifiers: { mcNumber: null, usdotNumber: null, vatCode: null, taxId: null },
        dispatch: null,
        address: null,
        services: [],
        compliance: null,
        conflict: null,
        createdAt: init.now,
        updatedAt: init.now,
        version: 0,
        sources: [],
      };
  const p = structuredClone(patch);
  if (p.name !== undefined) next.name = p.name;
  if (p.legalName !== undefined) next.legalName = p.legalName;
  if (p.dbaName !== undefined) next.dbaName = p.dbaName;
  if (p.identifiers) {
    for (const key of ['mcNumber', 'usdotNumber', 'vatCode', 'taxId'] as const) {
      if (p.identifiers[key] !== undefined) next.identifiers[key] = p.identifiers[key] ?? null;
    }
  }
  if (p.dispatch !== undefined) next.dispatch = p.dispatch;
  if (p.address !== undefined) next.address = p.address;
  if (p.services !== undefined) next.services = [...p.services];
  // Compliance documents are document rows, composed when the carrier is read: never stored here.
  if (p.compliance !== undefined) next.compliance = p.compliance === null ? null : { ...p.compliance, documents: [] };
  const i = next.sources.findIndex((s) => s.provider === source.provider && s.connection === source.connection && s.externalId === source.externalId);
  if (i >= 0) next.sources[i] = source;
  else next.sources.push(source);
  return next;
}

function sameCarrier(a: Carrier, b: Carrier): boolean {
  const content = ({ version: _v, createdAt: _c, updatedAt: _u, sources, ...rest }: Carrier) => ({
    ...rest,
    sources: sources.map(({ provider, connection, externalId, providerUpdatedAt, removedAt }) => ({ provider, connection, externalId, providerUpdatedAt, removedAt: removedAt ?? null })),
  });
  return stableJson(content(a)) === stableJson(content(b));
}

/** JSON with sorted keys: a carrier read back from jsonb has its keys in another order than one built from a patch. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}
