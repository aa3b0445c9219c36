import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InboxReplayService } from '@waybill/ingest';
import { InboxRepository, type InboxRow, InvalidCursorError } from '@waybill/store';
import { RequireScopes } from '../auth/scopes.decorator.js';
import { ApiError } from '../common/api-error.js';
import { isUuid } from '../common/uuid.js';
import type { ItemEnvelope, ListEnvelope } from '../common/page.js';
import { ListInboxQuery } from './list-inbox.query.js';

/** What arrived, what failed, and replay: for the operations people. */
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
  @ApiOperation({ summary: 'Inbound deliveries and dead letters (status=dead), raw body included' })
  async list(@Query() q: ListInboxQuery): Promise<ListEnvelope<InboxRow>> {
    try {
      return await this.inbox.list({ status: q.status, provider: q.provider, connectionId: q.connection, cursor: q.cursor, limit: q.limit ?? 50 });
    } catch (e) {
      if (e instanceof InvalidCursorError) throw ApiError.validation([{ field: 'cursor', message: e.message }]);
      throw e;
    }
  }

  @Get(':id')
  @RequireScopes('sync:manage')
  async get(@Param('id') id: string): Promise<ItemEnvelope<InboxRow>> {
    const row = isUuid(id) ? await this.inbox.get(id) : null;
    if (!row) throw ApiError.notFound('inbox message');
    return { data: row };
  }

  @Post(':id/replay')
  @HttpCode(200)
  @RequireScopes('sync:manage')
  @ApiOperation({ summary: 'Process one stored message again (e.g. a dead letter after a fix); answers its new state' })
  async replay(@Param('id') id: string): Promise<ItemEnvelope<InboxRow>> {
    const row = isUuid(id) ? await this.replays.replay(id) : null;
    if (!row) throw ApiError.notFound('inbox message');
    return { data: row };
  }
}
