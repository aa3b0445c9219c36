import { ApiPropertyOptional } from '@nestjs/swagger';
import { PROVIDER_CODES, SHIPMENT_STATUSES, TMS_SOURCE, type ProviderCode, type ShipmentStatus } from '@waybill/canonical';

/** A provider's code, or `tms`: the shipments created through POST /v1/shipments. */
const SOURCE_CODES = [...PROVIDER_CODES, TMS_SOURCE];
import { Transform, Type } from 'class-transformer';
import { IsIn, IsISO8601, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

const toList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);

export class ListShipmentsQuery {
  @ApiPropertyOptional({ description: 'Comma-separated statuses', example: 'IN_TRANSIT,DELIVERED' })
  @IsOptional()
  @Transform(toList)
  @IsIn(SHIPMENT_STATUSES, { each: true, message: `status must be one of ${SHIPMENT_STATUSES.join(', ')}` })
  status?: ShipmentStatus[];

  @ApiPropertyOptional({ description: 'Business reference (order number, shipper tracking id)' })
  @IsOptional() @IsString() @MaxLength(200)
  reference?: string;

  @ApiPropertyOptional({ enum: SOURCE_CODES })
  @IsOptional() @IsIn(SOURCE_CODES)
  provider?: ProviderCode;

  @ApiPropertyOptional({ description: "The canonical carrier's id (GET /v1/carriers): the shipments that carrier runs", format: 'uuid' })
  @IsOptional() @IsUUID('all', { message: 'carrierId must be a carrier id (UUID)' })
  carrierId?: string;

  @ApiPropertyOptional({ description: 'Only shipments changed strictly after this ISO-8601 instant' })
  @IsOptional() @IsISO8601({ strict: true })
  updatedAfter?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}
