import { Body, Controller, HttpCode, Param, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { CanonicalDocument } from '@waybill/canonical';
import { DocumentReviewService } from '@waybill/commands';
import type { FastifyReply } from 'fastify';
import { RequireScopes } from '../auth/scopes.decorator.js';
import { ApiError } from '../common/api-error.js';
import type { ItemEnvelope } from '../common/page.js';
import { isUuid } from '../common/uuid.js';
import { runCommand } from '../shipments/command-response.js';
import { IdempotencyInterceptor } from '../shipments/idempotency.interceptor.js';
import { ReviewDocumentDto } from './review-document.dto.js';

/** Document commands, beside the read routes of DocumentsController (same path prefix). */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('v1/documents')
export class DocumentReviewController {
  constructor(private readonly reviews: DocumentReviewService) {}

  @Post(':id/review')
  @HttpCode(200)
  @RequireScopes('documents:write')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({
    summary: "Pass a review to the document's provider: 409 invalid_state when the provider would not take it (checked before any call), 422 provider_rejected",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  async review(@Param('id') id: string, @Body() body: ReviewDocumentDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ItemEnvelope<CanonicalDocument>> {
    if (!isUuid(id)) throw ApiError.notFound('document');
    return { data: await runCommand(reply, () => this.reviews.review(id, body.decision, body.reason ?? null)) };
  }
}
