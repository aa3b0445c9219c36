import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Shipment } from '@waybill/canonical';

/** The canonical shipment as JSON, plus the columns the API filters and sorts on. */
@Entity({ name: 'shipments' })
export class ShipmentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'jsonb' }) canonical: Shipment;
  @Column({ type: 'int' }) version: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
