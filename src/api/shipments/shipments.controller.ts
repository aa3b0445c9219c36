import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Shipment } from '@waybill/canonical';
import { InvalidCursorError, ShipmentQueryRepository } from '@waybill/store';
import { RequireScopes } from '../auth/scopes.decorator.js';
import { ApiError } from '../common/api-error.js';
import { isUuid } from '../common/uuid.js';
import type { ItemEnvelope, ListEnvelope } from '../common/page.js';
import { ListShipmentsQuery } from './list-shipments.query.js';

@ApiTags('shipments')
@ApiBearerAuth()
@Controller('v1/shipments')
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentQueryRepository) {}

  @Get()
  @RequireScopes('shipments:read')
  @ApiOperation({ summary: 'List canonical shipments (keyset pagination: follow nextCursor until null)' })
  async list(@Query() query: ListShipmentsQuery): Promise<ListEnvelope<Shipment>> {
    try {
      return await this.shipments.list({
        status: query.status,
        reference: query.reference,
        provider: query.provider,
        updatedAfter: query.updatedAfter ? new Date(query.updatedAfter) : undefined,
        cursor: query.cursor,
        limit: query.limit ?? 50,
      });
    } catch (e) {
      if (e instanceof InvalidCursorError) throw ApiError.validation([{ field: 'cursor', message: e.message }]);
      throw e;
    }
  }

  @Get(':id')
  @RequireScopes('shipments:read')
  @ApiOperation({ summary: 'One canonical shipment by its Waybill id' })
  async get(@Param('id') id: string): Promise<ItemEnvelope<Shipment>> {
    const shipment = isUuid(id) ? await this.shipments.get(id) : null;
    if (!shipment) throw ApiError.notFound('shipment');
    return { data: shipment };
  }
}
