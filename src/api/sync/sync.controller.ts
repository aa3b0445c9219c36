import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SyncService, type ConnectionSyncStatus } from '@waybill/sync';
import { RequireScopes } from '../auth/scopes.decorator.js';
import { ApiError } from '../common/api-error.js';
import type { ItemEnvelope, ListEnvelope } from '../common/page.js';

@ApiTags('sync')
@ApiBearerAuth()
@Controller('v1/sync')
export class SyncController {
  constructor(private readonly sync: SyncService) {}

  @Get()
  @RequireScopes('sync:manage')
  @ApiOperation({ summary: 'Per connection: last run, last success, checkpoint, lag, records seen/changed/failed, last error' })
  async status(): Promise<ListEnvelope<ConnectionSyncStatus>> {
    return { data: await this.sync.status(), nextCursor: null };
  }

  @Post(':provider/run')
  @HttpCode(202)
  @RequireScopes('sync:manage')
  @ApiOperation({ summary: 'Start a sync run of every connection of the provider (or ?connection=)' })
  async run(@Param('provider') provider: string, @Query('connection') connection?: string): Promise<ItemEnvelope<{ provider: string; connections: string[] }>> {
    const queued = await this.sync.trigger(provider, connection);
    if (!queued) throw ApiError.notFound('pollable connection');
    return { data: { provider, connections: queued } };
  }
}
