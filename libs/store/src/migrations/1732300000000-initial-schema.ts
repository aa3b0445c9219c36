import type { MigrationInterface, QueryRunner } from 'typeorm';

// Plain SQL valid on PostgreSQL 15 (Debian) and PGlite (PostgreSQL 18): nothing newer than 15 is used.
export class InitialSchema1732300000000 implements MigrationInterface {
  name = 'InitialSchema1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shipments (
        id uuid PRIMARY KEY,
        reference text,
        status text NOT NULL,
        canonical jsonb NOT NULL,
        version int NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX shipments_status_idx ON shipments (status, updated_at, id)`);
    await q.query(`CREATE INDEX shipments_reference_idx ON shipments (reference)`);
    await q.query(`CREATE INDEX shipments_updated_idx ON shipments (updated_at, id)`);

    await q.query(`
      CREATE TABLE shipment_sources (
        id bigserial PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
        provider text NOT NULL,
        connection_id text NOT NULL,
        external_id text NOT NULL,
        provider_updated_at timestamptz,
        content_hash text NOT NULL,
        via text NOT NULL,
        synced_at timestamptz NOT NULL,
        CONSTRAINT shipment_sources_key UNIQUE (provider, connection_id, external_id)
      )`);
    await q.query(`CREATE INDEX shipment_sources_shipment_idx ON shipment_sources (shipment_id)`);
    await q.query(`CREATE INDEX shipment_sources_provider_idx ON shipment_sources (provider, shipment_id)`);

    await q.query(`
      CREATE TABLE raw_payloads (
        id bigserial PRIMARY KEY,
        provider text NOT NULL,
        connection_id text NOT NULL,
        external_id text,
        content_hash text NOT NULL,
        body text NOT NULL,
        received_at timestamptz NOT NULL,
        CONSTRAINT raw_payloads_hash_key UNIQUE (provider, connection_id, content_hash)
      )`);
    await q.query(`CREATE INDEX raw_payloads_external_idx ON raw_payloads (provider, connection_id, external_id)`);

    await q.query(`
      CREATE TABLE sync_checkpoints (
        connection_id text PRIMARY KEY,
        provider text NOT NULL,
        checkpoint jsonb,
        interval_seconds int NOT NULL,
        next_run_at timestamptz,
        lease_owner text,
        lease_expires_at timestamptz,
        run_started_at timestamptz,
        last_run_at timestamptz,
        last_success_at timestamptz,
        last_error text,
        last_error_at timestamptz,
        run_seen int NOT NULL DEFAULT 0,
        run_changed int NOT NULL DEFAULT 0,
        run_failed int NOT NULL DEFAULT 0,
        total_seen bigint NOT NULL DEFAULT 0,
        total_changed bigint NOT NULL DEFAULT 0,
        total_failed bigint NOT NULL DEFAULT 0
      )`);

    await q.query(`
      CREATE TABLE inbox (
        id uuid PRIMARY KEY,
        provider text NOT NULL,
        connection_id text NOT NULL,
        delivery_id text NOT NULL,
        event_type text,
        via text NOT NULL,
        headers jsonb NOT NULL,
        body text NOT NULL,
        status text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        error_code text,
        received_at timestamptz NOT NULL,
        processed_at timestamptz,
        CONSTRAINT inbox_delivery_key UNIQUE (provider, connection_id, delivery_id)
      )`);
    await q.query(`CREATE INDEX inbox_status_idx ON inbox (status, received_at)`);

    await q.query(`
      CREATE TABLE changes (
        seq bigserial PRIMARY KEY,
        shipment_id uuid NOT NULL,
        version int NOT NULL,
        kind text NOT NULL,
        provider text NOT NULL,
        connection_id text NOT NULL,
        via text NOT NULL,
        shipment jsonb NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX changes_shipment_idx ON changes (shipment_id, version)`);

    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        scopes jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['api_keys', 'changes', 'inbox', 'sync_checkpoints', 'raw_payloads', 'shipment_sources', 'shipments']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
