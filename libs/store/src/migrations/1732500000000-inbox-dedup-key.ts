import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbox identity no longer trusts an unsigned delivery id: rows are unique per (provider, connection, dedup_key), where
 * the key is `id:<deliveryId>` when the provider signs the id and `body:<sha256 of the raw body>` when it does not. The
 * header's delivery id stays in `delivery_id` (display, conflict detection) and may now repeat. `size_bytes` and
 * `sha256` let lists describe a body without reading it.
 */
export class InboxDedupKey1732500000000 implements MigrationInterface {
  name = 'InboxDedupKey1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox ADD COLUMN dedup_key text`);
    await q.query(`ALTER TABLE inbox ADD COLUMN size_bytes int`);
    await q.query(`ALTER TABLE inbox ADD COLUMN sha256 text`);
    await q.query(`UPDATE inbox SET dedup_key = 'id:' || delivery_id, size_bytes = octet_length(body),
      sha256 = encode(sha256(convert_to(body, 'UTF8')), 'hex')`);
    await q.query(`ALTER TABLE inbox ALTER COLUMN dedup_key SET NOT NULL, ALTER COLUMN size_bytes SET NOT NULL, ALTER COLUMN sha256 SET NOT NULL`);
    await q.query(`ALTER TABLE inbox DROP CONSTRAINT inbox_delivery_key`);
    await q.query(`ALTER TABLE inbox ADD CONSTRAINT inbox_dedup_key UNIQUE (provider, connection_id, dedup_key)`);
    await q.query(`CREATE INDEX inbox_delivery_idx ON inbox (provider, connection_id, delivery_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inbox_delivery_idx`);
    await q.query(`ALTER TABLE inbox DROP CONSTRAINT inbox_dedup_key`);
    // Rows that share an unsigned delivery id (conflicts, body-keyed duplicates) keep only their first occurrence.
    await q.query(`DELETE FROM inbox a USING inbox b WHERE a.provider = b.provider AND a.connection_id = b.connection_id
      AND a.delivery_id = b.delivery_id AND (a.received_at, a.id) > (b.received_at, b.id)`);
    await q.query(`ALTER TABLE inbox ADD CONSTRAINT inbox_delivery_key UNIQUE (provider, connection_id, delivery_id)`);
    await q.query(`ALTER TABLE inbox DROP COLUMN sha256, DROP COLUMN size_bytes, DROP COLUMN dedup_key`);
  }
}
