import { Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InboxReplayService } from '@waybill/ingest';
import { InboxRepository, type InboxSummary, InvalidCursorError } from '@waybill/store';
import type { FastifyReply } from 'fastify';
import { RequireScopes } from '../auth/scopes.decorator.js';
import { ApiError } from '../common/api-error.js';
import { isUuid } from '../common/uuid.js';
import type { ItemEnvelope, ListEnvelope } from '../common/page.js';
import { ListInboxQuery } from './list-inbox.query.js';

/**
 * What arrived, what failed, and replay: for the operations people. Lists and items are metadata only (size, hash,
 * status, error): a body is fetched on its own, streamed, so no answer grows with the bodies it describes.
 */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('v1/inbox')
export class InboxController {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly replays: InboxReplayService,
  ) {}

  @Get()
  @RequireScopes('sync:manage')
  @ApiOperation({ summary: 'Inbound deliveries and dead letters (status=dead): metadata only (size, SHA-256, status, error), no body' })
  async list(@Query() q: ListInboxQuery): Promise<ListEnvelope<InboxSummary>> {
    try {
      return await this.inbox.list({ status: q.status, provider: q.provider, connectionId: q.connection, cursor: q.cursor, limit: q.limit ?? 50 });
    } catch (e) {
      if (e instanceof InvalidCursorError) throw ApiError.validation([{ field: 'cursor', message: e.message }]);
      throw e;
    }
  }

  @Get(':id')
  @RequireScopes('sync:manage')
  @ApiOperation({ summary: "One message's metadata (no body: see /body)" })
  async get(@Param('id') id: string): Promise<ItemEnvelope<InboxSummary>> {
    const row = isUuid(id) ? await this.inbox.summary(id) : null;
    if (!row) throw ApiError.notFound('inbox message');
    return { data: row };
  }

  @Get(':id/body')
  @RequireScopes('sync:manage')
  @ApiOperation({ summary: 'The stored body, exactly as received, streamed with its content type' })
  @ApiProduces('application/json', 'application/octet-stream')
  @ApiOkResponse({ description: 'The raw bytes; `X-Content-SHA256` carries their hash' })
  async body(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const body = isUuid(id) ? await this.inbox.openBody(id) : null;
    if (!body) throw ApiError.notFound('inbox message');
    void reply.header('x-content-sha256', body.sha256);
    return new StreamableFile(body.stream, { type: body.contentType, length: body.sizeBytes });
  }

  @Post(':id/replay')
  @HttpCode(200)
  @RequireScopes('sync:manage')
  @ApiOperation({ summary: 'Process one stored message again (e.g. a dead letter after a fix); answers its new state' })
  async replay(@Param('id') id: string): Promise<ItemEnvelope<InboxSummary>> {
    const row = isUuid(id) ? await this.replays.replay(id) : null;
    if (!row) throw ApiError.notFound('inbox message');
    return { data: row };
  }
}
