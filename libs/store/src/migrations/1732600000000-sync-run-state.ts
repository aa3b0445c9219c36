import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sync engine no longer reads a provider's checkpoint (it is opaque JSON): whether a run is being resumed is its
 * own flag, and full resyncs after `cursor_invalid` are counted for `GET /v1/sync`.
 */
export class SyncRunState1732600000000 implements MigrationInterface {
  name = 'SyncRunState1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sync_checkpoints ADD COLUMN run_open boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE sync_checkpoints ADD COLUMN resyncs int NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE sync_checkpoints ADD COLUMN last_resync_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sync_checkpoints DROP COLUMN last_resync_at, DROP COLUMN resyncs, DROP COLUMN run_open`);
  }
}
