import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Shipment } from '@waybill/canonical';

/**
 * The change feed: one row per committed entity version, in commit-sequence order. Shipment rows keep the snapshot
 * in `shipment` (and `shipment_id`), carrier and document rows in `data`.
 */
@Entity({ name: 'changes' })
export class ChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq: string;
  @Column({ type: 'text', default: 'shipment' }) entity: 'shipment' | 'carrier' | 'document';
  @Column({ name: 'entity_id', type: 'uuid' }) entityId: string;
  @Column({ name: 'shipment_id', type: 'uuid', nullable: true }) shipmentId: string | null;
  @Column({ type: 'int' }) version: number;
  /** `created`, `updated`, or `compliance` (the expiry job: a document's expiry bucket moved). */
  @Column({ type: 'text' }) kind: 'created' | 'updated' | 'compliance';
  @Column({ type: 'text' }) provider: string;
  @Column({ name: 'connection_id', type: 'text' }) connectionId: string;
  /** `poll`, `webhook`, `command`, or `schedule` (the expiry job). */
  @Column({ type: 'text' }) via: string;
  @Column({ type: 'jsonb', nullable: true }) shipment: Shipment | null;
  @Column({ type: 'jsonb', nullable: true }) data: unknown;
  @Column({ type: 'timestamptz' }) at: Date;
}
