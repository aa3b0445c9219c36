import { ApiPropertyOptional } from '@nestjs/swagger';
import { PROVIDER_CODES } from '@waybill/canonical';
import { INBOX_STATUSES, type InboxStatus } from '@waybill/store';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListInboxQuery {
  @ApiPropertyOptional({ enum: INBOX_STATUSES })
  @IsOptional() @IsIn(INBOX_STATUSES)
  status?: InboxStatus;

  @ApiPropertyOptional({ enum: PROVIDER_CODES })
  @IsOptional() @IsIn(PROVIDER_CODES)
  provider?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(200)
  connection?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}
