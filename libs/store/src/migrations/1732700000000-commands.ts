import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commands through the hub (ARCHITECTURE.md, "Commands and the rest of the API"; STYLE.md, Stripe-style idempotency):
 * - `idempotency_keys`: an API write's `Idempotency-Key`, claimed with INSERT … ON CONFLICT, scoped to the API key,
 *   with the request's hash and the stored answer; kept at least 24 h (a worker cron deletes older ones).
 * - `dispatches`: one row per (shipment, provider, connection), recorded `pending` BEFORE the provider is called and
 *   completed after it answered, so a crash in between is resumed by a sweeper under the same provider idempotency key.
 * Plain SQL valid on PostgreSQL 15 and PGlite.
 */
export class Commands1732700000000 implements MigrationInterface {
  name = 'Commands1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        api_key_id text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        status text NOT NULL,
        response_status int,
        response_body jsonb,
        created_at timestamptz NOT NULL,
        locked_at timestamptz NOT NULL,
        completed_at timestamptz,
        CONSTRAINT idempotency_keys_pkey PRIMARY KEY (api_key_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);

    await q.query(`
      CREATE TABLE dispatches (
        id uuid PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
        provider text NOT NULL,
        connection_id text NOT NULL,
        status text NOT NULL,
        idempotency_key text NOT NULL,
        options jsonb NOT NULL DEFAULT '{}',
        external_id text,
        share_url text,
        tracking_id text,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        last_error_code text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        completed_at timestamptz,
        cancelled_at timestamptz,
        CONSTRAINT dispatches_target_key UNIQUE (shipment_id, provider, connection_id)
      )`);
    await q.query(`CREATE INDEX dispatches_pending_idx ON dispatches (updated_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS dispatches`);
    await q.query(`DROP TABLE IF EXISTS idempotency_keys`);
  }
}
