import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Carrier } from '@waybill/canonical';

/**
 * The canonical carrier as JSON (compliance documents are composed from `documents` when read), plus its normalized
 * match keys (digits only; VAT upper-case without spaces; e-mail lower-case) and the columns the API filters on.
 */
@Entity({ name: 'carriers' })
export class CarrierEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'jsonb' }) canonical: Carrier;
  @Column({ name: 'mc_number', type: 'text', nullable: true }) mcNumber: string | null;
  @Column({ name: 'usdot_number', type: 'text', nullable: true }) usdotNumber: string | null;
  @Column({ name: 'vat_code', type: 'text', nullable: true }) vatCode: string | null;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ name: 'compliance_status', type: 'text', nullable: true }) complianceStatus: string | null;
  @Column({ name: 'conflict_carrier_id', type: 'uuid', nullable: true }) conflictCarrierId: string | null;
  @Column({ type: 'int' }) version: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
