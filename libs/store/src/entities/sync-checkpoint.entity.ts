import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per connection: the committed checkpoint, the poll lease and the figures `GET /v1/sync` reports. */
@Entity({ name: 'sync_checkpoints' })
export class SyncCheckpointEntity {
  @PrimaryColumn({ name: 'connection_id', type: 'text' }) connectionId: string;
  @Column({ type: 'text' }) provider: string;
  @Column({ type: 'jsonb', nullable: true }) checkpoint: Record<string, unknown> | null;
  @Column({ name: 'interval_seconds', type: 'int' }) intervalSeconds: number;
  @Column({ name: 'next_run_at', type: 'timestamptz', nullable: true }) nextRunAt: Date | null;
  @Column({ name: 'lease_owner', type: 'text', nullable: true }) leaseOwner: string | null;
  @Column({ name: 'lease_expires_at', type: 'timestamptz', nullable: true }) leaseExpiresAt: Date | null;
  @Column({ name: 'run_started_at', type: 'timestamptz', nullable: true }) runStartedAt: Date | null;
  @Column({ name: 'last_run_at', type: 'timestamptz', nullable: true }) lastRunAt: Date | null;
  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true }) lastSuccessAt: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true }) lastErrorAt: Date | null;
  @Column({ name: 'run_seen', type: 'int', default: 0 }) runSeen: number;
  @Column({ name: 'run_changed', type: 'int', default: 0 }) runChanged: number;
  @Column({ name: 'run_failed', type: 'int', default: 0 }) runFailed: number;
  @Column({ name: 'total_seen', type: 'bigint', default: 0 }) totalSeen: string;
  @Column({ name: 'total_changed', type: 'bigint', default: 0 }) totalChanged: string;
  @Column({ name: 'total_failed', type: 'bigint', default: 0 }) totalFailed: string;
  /** A run started and did not finish yet: the next run resumes it (keeps its counters). */
  @Column({ name: 'run_open', type: 'boolean', default: false }) runOpen: boolean;
  /** Full resyncs after the provider refused the stored checkpoint (`cursor_invalid`). */
  @Column({ type: 'int', default: 0 }) resyncs: number;
  @Column({ name: 'last_resync_at', type: 'timestamptz', nullable: true }) lastResyncAt: Date | null;
}
