import { ApiPropertyOptional } from '@nestjs/swagger';
import { COMPLIANCE_STATUSES, type ComplianceStatus } from '@waybill/canonical';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Identifier filters are normalized as carrier matching normalizes them (digits only; VAT upper-case, no spaces; e-mail lower-case). */
export class ListCarriersQuery {
  @ApiPropertyOptional({ description: 'MC number; only its digits count', example: 'MC-123456' })
  @IsOptional() @IsString() @MaxLength(50) @Matches(/\d/, { message: 'mcNumber must contain digits' })
  mcNumber?: string;

  @ApiPropertyOptional({ description: 'USDOT number; only its digits count', example: '2233445' })
  @IsOptional() @IsString() @MaxLength(50) @Matches(/\d/, { message: 'usdotNumber must contain digits' })
  usdotNumber?: string;

  @ApiPropertyOptional({ description: 'VAT code; case and spaces do not count', example: 'DE 811 907 980' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(50) @Matches(/\S/, { message: 'vatCode must not be empty' })
  vatCode?: string;

  @ApiPropertyOptional({ description: 'Dispatch e-mail; case does not count', example: 'dispatch@acme-freight.com' })
  @IsOptional() @Transform(trim) @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ enum: COMPLIANCE_STATUSES, description: 'A carrier without any compliance status from a provider is UNKNOWN' })
  @IsOptional() @IsIn(COMPLIANCE_STATUSES)
  complianceStatus?: ComplianceStatus;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 3650,
    example: 30,
    description:
      'Carriers with a document expiring within this many days (already expired ones included), soonest first. ' +
      "Days are counted in each document's connection time zone.",
  })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3650)
  expiringWithinDays?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}
