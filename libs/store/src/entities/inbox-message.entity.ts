import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `ignored`: a test delivery (`synthetic`), stored and answered, never applied. */
export const INBOX_STATUSES = ['received', 'processing', 'done', 'dead', 'ignored'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/**
 * Inbound work kept before it is processed: webhook deliveries and polled records that could not be mapped (dead
 * letters). Unique per (provider, connection, dedup_key): `id:<deliveryId>` when the provider signs the id,
 * `body:<sha256 of the raw body>` when it does not. The raw body is kept whole so any row can be replayed.
 */
@Entity({ name: 'inbox' })
export class InboxMessageEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text' }) provider: string;
  @Column({ name: 'connection_id', type: 'text' }) connectionId: string;
  /** The provider's delivery id as received (for display and conflict detection); not unique when unsigned. */
  @Column({ name: 'delivery_id', type: 'text' }) deliveryId: string;
  @Column({ name: 'dedup_key', type: 'text' }) dedupKey: string;
  @Column({ name: 'event_type', type: 'text', nullable: true }) eventType: string | null;
  @Column({ type: 'text' }) via: string;
  @Column({ type: 'jsonb' }) headers: Record<string, string>;
  @Column({ type: 'text' }) body: string;
  @Column({ name: 'size_bytes', type: 'int' }) sizeBytes: number;
  @Column({ type: 'text' }) sha256: string;
  @Column({ type: 'text' }) status: InboxStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ name: 'error_code', type: 'text', nullable: true }) errorCode: string | null;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true }) processedAt: Date | null;
}
