import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Carriers and documents as their own entities (ARCHITECTURE.md, "The provider contract, generalized"), the change
 * feed generalised to every entity, and the carrier match keys of each shipment (shipment ↔ carrier linking).
 * Plain SQL valid on PostgreSQL 15 and PGlite.
 */
export class CarriersAndDocuments1732400000000 implements MigrationInterface {
  name = 'CarriersAndDocuments1732400000000';

  async up(q: QueryRunner): Promise<void> {
    // Match keys are stored normalized (digits only; VAT upper-case without spaces; e-mail lower-case): they are not
    // unique, because a contradicting record is kept as a second carrier with the same MC number.
    await q.query(`
      CREATE TABLE carriers (
        id uuid PRIMARY KEY,
        canonical jsonb NOT NULL,
        mc_number text,
        usdot_number text,
        vat_code text,
        email text,
        compliance_status text,
        conflict_carrier_id uuid,
        version int NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX carriers_mc_idx ON carriers (mc_number, created_at, id) WHERE mc_number IS NOT NULL`);
    await q.query(`CREATE INDEX carriers_usdot_idx ON carriers (usdot_number, created_at, id) WHERE usdot_number IS NOT NULL`);
    await q.query(`CREATE INDEX carriers_vat_idx ON carriers (vat_code, created_at, id) WHERE vat_code IS NOT NULL`);
    await q.query(`CREATE INDEX carriers_email_idx ON carriers (email, created_at, id) WHERE email IS NOT NULL`);
    await q.query(`CREATE INDEX carriers_updated_idx ON carriers (updated_at, id)`);

    await q.query(`
      CREATE TABLE carrier_sources (
        id bigserial PRIMARY KEY,
        carrier_id uuid NOT NULL REFERENCES carriers(id) ON DELETE CASCADE,
        provider text NOT NULL,
        connection_id text NOT NULL,
        external_id text NOT NULL,
        provider_updated_at timestamptz,
        content_hash text NOT NULL,
        via text NOT NULL,
        synced_at timestamptz NOT NULL,
        removed_at timestamptz,
        CONSTRAINT carrier_sources_key UNIQUE (provider, connection_id, external_id)
      )`);
    await q.query(`CREATE INDEX carrier_sources_carrier_idx ON carrier_sources (carrier_id)`);

    // A document has exactly one source (provider, connection, external id), so its provenance lives on its row.
    // The owner is known by the provider's id of the owner record until that record is merged (owner_id NULL).
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY,
        provider text NOT NULL,
        connection_id text NOT NULL,
        external_id text NOT NULL,
        owner_kind text NOT NULL,
        owner_external_id text NOT NULL,
        owner_id uuid,
        type text NOT NULL,
        raw_type text,
        status text,
        raw_status text,
        name text,
        mime_type text,
        size_bytes bigint,
        expires_on date,
        uploaded_at timestamptz,
        provider_updated_at timestamptz,
        content_hash text NOT NULL,
        via text NOT NULL,
        synced_at timestamptz NOT NULL,
        expiry_bucket text,
        expiry_checked_on date,
        version int NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT documents_source_key UNIQUE (provider, connection_id, external_id)
      )`);
    await q.query(`CREATE INDEX documents_owner_idx ON documents (owner_kind, owner_id)`);
    await q.query(`CREATE INDEX documents_owner_external_idx ON documents (owner_kind, provider, connection_id, owner_external_id) WHERE owner_id IS NULL`);
    await q.query(`CREATE INDEX documents_expiry_idx ON documents (expires_on) WHERE expires_on IS NOT NULL`);

    await q.query(`ALTER TABLE shipments ADD COLUMN carrier_id uuid`);
    await q.query(`ALTER TABLE shipments ADD COLUMN carrier_mc text`);
    await q.query(`ALTER TABLE shipments ADD COLUMN carrier_usdot text`);
    await q.query(`ALTER TABLE shipments ADD COLUMN carrier_vat text`);
    await q.query(`ALTER TABLE shipments ADD COLUMN carrier_email text`);
    await q.query(`CREATE INDEX shipments_carrier_idx ON shipments (carrier_id, updated_at, id) WHERE carrier_id IS NOT NULL`);
    await q.query(`CREATE INDEX shipments_carrier_mc_idx ON shipments (carrier_mc) WHERE carrier_mc IS NOT NULL`);
    await q.query(`CREATE INDEX shipments_carrier_usdot_idx ON shipments (carrier_usdot) WHERE carrier_usdot IS NOT NULL`);
    await q.query(`CREATE INDEX shipments_carrier_vat_idx ON shipments (carrier_vat) WHERE carrier_vat IS NOT NULL`);
    await q.query(`CREATE INDEX shipments_carrier_email_idx ON shipments (carrier_email) WHERE carrier_email IS NOT NULL`);

    // The change feed names its entity. Shipment rows keep `shipment_id` and `shipment` as before; carrier and
    // document rows carry their snapshot in `data`.
    await q.query(`ALTER TABLE changes ADD COLUMN entity text NOT NULL DEFAULT 'shipment'`);
    await q.query(`ALTER TABLE changes ADD COLUMN entity_id uuid`);
    await q.query(`UPDATE changes SET entity_id = shipment_id`);
    await q.query(`ALTER TABLE changes ALTER COLUMN entity_id SET NOT NULL`);
    await q.query(`ALTER TABLE changes ALTER COLUMN shipment_id DROP NOT NULL`);
    await q.query(`ALTER TABLE changes ALTER COLUMN shipment DROP NOT NULL`);
    await q.query(`ALTER TABLE changes ADD COLUMN data jsonb`);
    await q.query(`CREATE INDEX changes_entity_idx ON changes (entity, entity_id, version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS changes_entity_idx`);
    await q.query(`DELETE FROM changes WHERE entity <> 'shipment'`);
    await q.query(`ALTER TABLE changes DROP COLUMN data, DROP COLUMN entity_id, DROP COLUMN entity`);
    await q.query(`ALTER TABLE changes ALTER COLUMN shipment SET NOT NULL`);
    await q.query(`ALTER TABLE changes ALTER COLUMN shipment_id SET NOT NULL`);
    await q.query(`ALTER TABLE shipments DROP COLUMN carrier_email, DROP COLUMN carrier_vat, DROP COLUMN carrier_usdot, DROP COLUMN carrier_mc, DROP COLUMN carrier_id`);
    for (const table of ['documents', 'carrier_sources', 'carriers']) await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
