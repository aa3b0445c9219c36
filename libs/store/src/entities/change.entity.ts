import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Shipment } from '@waybill/canonical';

/** The change feed: one row per committed shipment version, in commit-sequence order. */
@Entity({ name: 'changes' })
export class ChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq: string;
  @Column({ name: 'shipment_id', type: 'uuid' }) shipmentId: string;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'text' }) kind: 'created' | 'updated';
  @Column({ type: 'text' }) provider: string;
  @Column({ name: 'connection_id', type: 'text' }) connectionId: string;
  @Column({ type: 'text' }) via: string;
  @Column({ type: 'jsonb' }) shipment: Shipment;
  @Column({ type: 'timestamptz' }) at: Date;
}
