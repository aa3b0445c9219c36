import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A document, one row per source (provider, connection, external id), which is also its provenance. `owner_id` is
 * null until the owner record (named by `owner_external_id`) is merged. `expiry_bucket` is the expiry job's last
 * committed bucket; `daysUntilExpiry` is never stored.
 */
@Entity({ name: 'documents' })
export class DocumentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text' }) provider: string;
  @Column({ name: 'connection_id', type: 'text' }) connectionId: string;
  @Column({ name: 'external_id', type: 'text' }) externalId: string;
  @Column({ name: 'owner_kind', type: 'text' }) ownerKind: 'carrier' | 'shipment';
  @Column({ name: 'owner_external_id', type: 'text' }) ownerExternalId: string;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId: string | null;
  @Column({ type: 'text' }) type: string;
  @Column({ name: 'raw_type', type: 'text', nullable: true }) rawType: string | null;
  @Column({ type: 'text', nullable: true }) status: string | null;
  @Column({ name: 'raw_status', type: 'text', nullable: true }) rawStatus: string | null;
  @Column({ type: 'text', nullable: true }) name: string | null;
  @Column({ name: 'mime_type', type: 'text', nullable: true }) mimeType: string | null;
  @Column({ name: 'size_bytes', type: 'bigint', nullable: true }) sizeBytes: string | null;
  @Column({ name: 'expires_on', type: 'date', nullable: true }) expiresOn: string | null;
  @Column({ name: 'uploaded_at', type: 'timestamptz', nullable: true }) uploadedAt: Date | null;
  @Column({ name: 'provider_updated_at', type: 'timestamptz', nullable: true }) providerUpdatedAt: Date | null;
  @Column({ name: 'content_hash', type: 'text' }) contentHash: string;
  @Column({ type: 'text' }) via: string;
  @Column({ name: 'synced_at', type: 'timestamptz' }) syncedAt: Date;
  @Column({ name: 'expiry_bucket', type: 'text', nullable: true }) expiryBucket: string | null;
  @Column({ name: 'expiry_checked_on', type: 'date', nullable: true }) expiryCheckedOn: string | null;
  @Column({ type: 'int' }) version: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
