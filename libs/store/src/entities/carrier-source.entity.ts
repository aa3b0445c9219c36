import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Provenance of a carrier: which provider record feeds it, how fresh it is, and whether the provider removed it. */
@Entity({ name: 'carrier_sources' })
export class CarrierSourceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'carrier_id', type: 'uuid' }) carrierId: string;
  @Column({ type: 'text' }) provider: string;
  @Column({ name: 'connection_id', type: 'text' }) connectionId: string;
  @Column({ name: 'external_id', type: 'text' }) externalId: string;
  @Column({ name: 'provider_updated_at', type: 'timestamptz', nullable: true }) providerUpdatedAt: Date | null;
  @Column({ name: 'content_hash', type: 'text' }) contentHash: string;
  @Column({ type: 'text' }) via: string;
  @Column({ name: 'synced_at', type: 'timestamptz' }) syncedAt: Date;
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true }) removedAt: Date | null;
}
