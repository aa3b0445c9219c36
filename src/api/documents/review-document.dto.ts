import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ReviewDecision } from '@waybill/provider-kit';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export const REVIEW_DECISIONS: readonly ReviewDecision[] = ['ACCEPTED', 'REJECTED'];

/** `POST /v1/documents/{id}/review`. */
export class ReviewDocumentDto {
  @ApiProperty({ enum: REVIEW_DECISIONS }) @IsIn(REVIEW_DECISIONS) decision!: ReviewDecision;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
