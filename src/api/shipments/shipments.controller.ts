import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Shipment } from '@waybill/canonical';
import { InvalidCursorError, ShipmentQueryRepository } from '@waybill/store';
import { RequireScopes } from '../auth/scopes.decorator.js';
import { ApiError } from '../common/api-error.js';
import { isUuid } from '../common/uuid.js';
import type { ItemEnvelope, ListEnvelope } from '../common/page.js';
import { ListShipmentsQuery } from './list-shipments.query.js';
import { SHIPMENT_EXAMPLE } from './shipment.examples.js';

@ApiTags('shipments')
@ApiBearerAuth()
@Controller('v1/shipments')
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentQueryRepository) {}

  @Get()
  @RequireScopes('shipments:read')
  @ApiOperation({
    summary: 'List canonical shipments (keyset pagination: follow nextCursor until null)',
    description: "`carrier.id` is the canonical carrier's id (null when no carrier matches) and `carrier.compliance` summarizes it now.",
  })
  @ApiOkResponse({ description: 'Abridged example: every canonical field is served', schema: { example: { data: [SHIPMENT_EXAMPLE], nextCursor: null, requestId: 'req_3f9a0c2b7d4e4f1a9b2c' } } })
  async list(@Query() query: ListShipmentsQuery): Promise<ListEnvelope<Shipment>> {
    try {
      return await this.shipments.list({
        status: query.status,
        reference: query.reference,
        provider: query.provider,
        carrierId: query.carrierId,
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
