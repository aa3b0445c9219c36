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
  /** The canonical carrier the shipment's carrier keys match (spliced into `carrier.id` when read). */
  @Column({ name: 'carrier_id', type: 'uuid', nullable: true }) carrierId: string | null;
  /** The shipment's carrier keys, normalized as carrier matching normalizes them. */
  @Column({ name: 'carrier_mc', type: 'text', nullable: true }) carrierMc: string | null;
  @Column({ name: 'carrier_usdot', type: 'text', nullable: true }) carrierUsdot: string | null;
  @Column({ name: 'carrier_vat', type: 'text', nullable: true }) carrierVat: string | null;
  @Column({ name: 'carrier_email', type: 'text', nullable: true }) carrierEmail: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
