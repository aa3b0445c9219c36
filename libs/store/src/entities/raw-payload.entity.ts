import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every provider payload as received, once per content hash, so any mapping can be redone from the source. */
@Entity({ name: 'raw_payloads' })
export class RawPayloadEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'text' }) provider: string;
  @Column({ name: 'connection_id', type: 'text' }) connectionId: string;
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId: string | null;
  @Column({ name: 'content_hash', type: 'text' }) contentHash: string;
  @Column({ type: 'text' }) body: string;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
}
