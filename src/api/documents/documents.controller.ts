import { Readable } from 'node:stream';
import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { CanonicalDocument } from '@waybill/canonical';
import { ConnectionRegistry, isProviderError, ProviderRegistry } from '@waybill/provider-kit';
import { DocumentQueryRepository } from '@waybill/store';
import { RequireScopes } from '../auth/scopes.decorator.js';
import { ApiError } from '../common/api-error.js';
import { isUuid } from '../common/uuid.js';
import type { ItemEnvelope } from '../common/page.js';
import { DOCUMENT_EXAMPLE, errorExample } from '../carriers/carrier.examples.js';
import { contentDisposition } from './content-disposition.js';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('v1/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentQueryRepository,
    private readonly providers: ProviderRegistry,
    private readonly connections: ConnectionRegistry,
  ) {}

  @Get(':id')
  @RequireScopes('documents:read')
  @ApiOperation({ summary: "One document: owner, type, status, expiry (daysUntilExpiry in its connection's time zone)" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ schema: { example: { data: DOCUMENT_EXAMPLE, requestId: 'req_3f9a0c2b7d4e4f1a9b2c' } } })
  @ApiNotFoundResponse({ schema: { example: errorExample('not_found', 'document not found') } })
  async get(@Param('id') id: string): Promise<ItemEnvelope<CanonicalDocument>> {
    return { data: await this.find(id) };
  }

  @Get(':id/content')
  @RequireScopes('documents:read')
  @ApiOperation({ summary: "The document's bytes, streamed from its provider (never buffered whole)" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/octet-stream', 'application/pdf', 'image/*')
  @ApiOkResponse({ description: 'The bytes, with Content-Type and Content-Disposition: attachment; filename="…"' })
  @ApiNotFoundResponse({ schema: { example: errorExample('not_found', 'document not found') } })
  @ApiConflictResponse({ schema: { example: errorExample('content_unavailable', "this document's content cannot be fetched from its provider") } })
  async content(@Param('id') id: string): Promise<StreamableFile> {
    const doc = await this.find(id);
    const provider = this.providers.find(doc.provider);
    const conn = this.connections.find(doc.provider, doc.connection);
    if (!provider || !conn || provider.documentContent?.available(conn) !== true) {
      throw new ApiError(409, 'content_unavailable', "this document's content cannot be fetched from its provider");
    }
    let content;
    try {
      content = await provider.documentContent.open(conn, doc.externalId);
    } catch (e) {
      if (isProviderError(e) && e.kind === 'not_found') throw new ApiError(404, 'not_found', 'document content not found at its provider');
      if (isProviderError(e) && ['transient', 'rate_limited', 'auth'].includes(e.kind)) {
        throw new ApiError(502, 'provider_unavailable', `${doc.provider} did not serve the document (${e.kind})`);
      }
      throw e;
    }
    const stream = content.stream instanceof Readable ? content.stream : Readable.from(content.stream as AsyncIterable<Buffer>);
    return new StreamableFile(stream, {
      type: content.contentType ?? doc.mimeType ?? 'application/octet-stream',
      disposition: contentDisposition(content.fileName ?? doc.name ?? doc.id),
      length: content.sizeBytes ?? undefined,
    });
  }

  private async find(id: string): Promise<CanonicalDocument> {
    const doc = isUuid(id) ? await this.documents.get(id) : null;
    if (!doc) throw ApiError.notFound('document');
    return doc;
  }
}
