import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Provenance: which provider record (provider, connection, external id) feeds which shipment, and how fresh it is. */
@Entity({ name: 'shipment_sources' })
export class ShipmentSourceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'shipment_id', type: 'uuid' }) shipmentId: string;
  @Column({ type: 'text' }) provider: string;
  @Column({ name: 'connection_id', type: 'text' }) connectionId: string;
  @Column({ name: 'external_id', type: 'text' }) externalId: string;
  @Column({ name: 'provider_updated_at', type: 'timestamptz', nullable: true }) providerUpdatedAt: Date | null;
  @Column({ name: 'content_hash', type: 'text' }) contentHash: string;
  @Column({ type: 'text' }) via: string;
  @Column({ name: 'synced_at', type: 'timestamptz' }) syncedAt: Date;
}
