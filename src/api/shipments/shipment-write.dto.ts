import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOCUMENT_TYPES, STOP_TYPES, type DocumentType, type StopType } from '@waybill/canonical';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

// `POST /v1/shipments` and `PATCH /v1/shipments/{id}`: the canonical shapes (libs/canonical/src/shipment.ts), every
// field optional except `reference` on create. A failure is `400 validation_failed` naming each field
// (`stops.0.address.postalCode`). Unknown fields are refused (forbidNonWhitelisted).

const text = (max = 200) => [IsOptional(), IsString(), MaxLength(max)];
function Text(max = 200): PropertyDecorator {
  return (target, key) => text(max).forEach((d) => d(target, key));
}

export class PartyDto {
  @ApiPropertyOptional() @Text() id?: string | null;
  @ApiPropertyOptional() @Text() code?: string | null;
  @ApiPropertyOptional() @Text() name?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(320) email?: string | null;
  @ApiPropertyOptional() @Text(50) phone?: string | null;
}

export class CarrierDto {
  @ApiPropertyOptional() @Text() name?: string | null;
  @ApiPropertyOptional() @Text() legalName?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(320) email?: string | null;
  @ApiPropertyOptional() @Text(50) phone?: string | null;
  @ApiPropertyOptional() @Text(50) vatCode?: string | null;
  @ApiPropertyOptional() @Text(50) mcNumber?: string | null;
  @ApiPropertyOptional() @Text(50) usdotNumber?: string | null;
}

export class AddressDto {
  @ApiPropertyOptional() @Text() line1?: string | null;
  @ApiPropertyOptional() @Text() city?: string | null;
  @ApiPropertyOptional() @Text() region?: string | null;
  @ApiPropertyOptional() @Text(20) postalCode?: string | null;
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2' })
  @IsOptional() @IsString() @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code (e.g. US)' })
  countryCode?: string | null;
  @ApiPropertyOptional() @Text(500) formatted?: string | null;
}

export class PositionDto {
  @ApiProperty() @IsNumber() @Min(-90) @Max(90) latitude!: number;
  @ApiProperty() @IsNumber() @Min(-180) @Max(180) longitude!: number;
}

export class WindowDto {
  @ApiPropertyOptional({ description: 'UTC ISO-8601 instant' }) @IsOptional() @IsISO8601({ strict: true }) start?: string | null;
  @ApiPropertyOptional({ description: 'UTC ISO-8601 instant' }) @IsOptional() @IsISO8601({ strict: true }) end?: string | null;
  @ApiPropertyOptional({ description: 'IANA zone' }) @Text(64) timezone?: string | null;
}

export class ContactDto {
  @ApiPropertyOptional() @Text() name?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(320) email?: string | null;
  @ApiPropertyOptional() @Text(50) phone?: string | null;
}

export class StopDto {
  @ApiProperty() @IsInt() @Min(0) @Max(1000) sequence!: number;
  @ApiProperty({ enum: STOP_TYPES }) @IsIn(STOP_TYPES) type!: StopType;
  @ApiPropertyOptional() @Text() name?: string | null;
  @ApiPropertyOptional({ type: AddressDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => AddressDto) address?: AddressDto | null;
  @ApiPropertyOptional({ type: PositionDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => PositionDto) position?: PositionDto | null;
  @ApiPropertyOptional({ type: WindowDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => WindowDto) window?: WindowDto | null;
  @ApiPropertyOptional({ type: ContactDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => ContactDto) contact?: ContactDto | null;
  @ApiPropertyOptional() @Text(2000) notes?: string | null;
}

export class PackageDto {
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) weightKg?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) lengthCm?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) widthCm?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) heightCm?: number | null;
  @ApiPropertyOptional() @Text(500) description?: string | null;
}

export class CargoDto {
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) weightKg?: number | null;
  @ApiPropertyOptional({ type: [PackageDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => PackageDto)
  packages?: PackageDto[];
  @ApiPropertyOptional() @Text(500) description?: string | null;
}

export class MoneyDto {
  @ApiProperty() @IsNumber() @Min(0) amount!: number;
  @ApiPropertyOptional({ description: 'ISO 4217' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z]{3}$/, { message: 'currency must be an ISO 4217 code (e.g. USD)' })
  currency?: string | null;
}

/** The TMS-owned fields: everything PATCH may change. */
export class UpdateShipmentDto {
  @ApiPropertyOptional({ type: PartyDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => PartyDto) customer?: PartyDto | null;
  @ApiPropertyOptional({ type: CarrierDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => CarrierDto) carrier?: CarrierDto | null;
  @ApiPropertyOptional({ type: [StopDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => StopDto)
  stops?: StopDto[];
  @ApiPropertyOptional({ type: CargoDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => CargoDto) cargo?: CargoDto | null;
  @ApiPropertyOptional({ type: MoneyDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => MoneyDto) rate?: MoneyDto | null;
  @ApiPropertyOptional({ enum: DOCUMENT_TYPES, isArray: true })
  @IsOptional() @IsArray() @IsIn(DOCUMENT_TYPES, { each: true, message: `requiredDocuments must be a list of ${DOCUMENT_TYPES.join(', ')}` })
  requiredDocuments?: DocumentType[];
  @ApiPropertyOptional() @Text(2000) notes?: string | null;
}

export class CreateShipmentDto extends UpdateShipmentDto {
  @ApiProperty({ description: 'Business reference (order number); unique', example: 'ORD-10442' })
  @IsString() @IsNotEmpty() @Length(1, 128) @Matches(/\S/, { message: 'reference must not be blank' })
  reference!: string;
}

export class DispatchShipmentDto {
  @ApiProperty({ example: 'trailflow' }) @IsString() @IsNotEmpty() @MaxLength(50) provider!: string;
  @ApiPropertyOptional({ description: "Connection id; default: the provider's only connection", example: 'trailflow-default' })
  @IsOptional() @IsString() @MaxLength(200) connection?: string;
  @ApiPropertyOptional({ description: 'Provider-specific options, validated by the adapter' }) @IsOptional() @IsObject() options?: Record<string, unknown>;
}

export class CancelShipmentDto {
  @ApiPropertyOptional({ description: 'Which dispatch to withdraw when there are several' }) @IsOptional() @IsString() @MaxLength(50) provider?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
