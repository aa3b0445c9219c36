import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Carrier } from '@waybill/canonical';
import { CarrierQueryRepository, InvalidCursorError } from '@waybill/store';
import { RequireScopes } from '../auth/scopes.decorator.js';
import { ApiError } from '../common/api-error.js';
import { isUuid } from '../common/uuid.js';
import type { ItemEnvelope, ListEnvelope } from '../common/page.js';
import { CARRIER_EXAMPLE, errorExample } from './carrier.examples.js';
import { ListCarriersQuery } from './list-carriers.query.js';

@ApiTags('carriers')
@ApiBearerAuth()
@Controller('v1/carriers')
export class CarriersController {
  constructor(private readonly carriers: CarrierQueryRepository) {}

  @Get()
  @RequireScopes('shipments:read')
  @ApiOperation({
    summary: 'List canonical carriers with compliance (keyset pagination: follow nextCursor until null)',
    description:
      'One carrier across providers: records are matched on MC number, then USDOT, then VAT code, then dispatch e-mail. ' +
      "Compliance documents carry daysUntilExpiry, computed now in each document's connection time zone.",
  })
  @ApiOkResponse({ schema: { example: { data: [CARRIER_EXAMPLE], nextCursor: 'eyJ1IjoiMjAyNi0wMy0wOFQwNjowNTowMC4wMDBaIiwiaSI6IjViMGUifQ', requestId: 'req_3f9a0c2b7d4e4f1a9b2c' } } })
  async list(@Query() q: ListCarriersQuery): Promise<ListEnvelope<Carrier>> {
    try {
      return await this.carriers.list({
        mcNumber: q.mcNumber,
        usdotNumber: q.usdotNumber,
        vatCode: q.vatCode,
        email: q.email,
        complianceStatus: q.complianceStatus,
        expiringWithinDays: q.expiringWithinDays,
        cursor: q.cursor,
        limit: q.limit ?? 50,
      });
    } catch (e) {
      if (e instanceof InvalidCursorError) throw ApiError.validation([{ field: 'cursor', message: e.message }]);
      throw e;
    }
  }

  @Get(':id')
  @RequireScopes('shipments:read')
  @ApiOperation({ summary: 'One canonical carrier by its Waybill id' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ schema: { example: { data: CARRIER_EXAMPLE, requestId: 'req_3f9a0c2b7d4e4f1a9b2c' } } })
  @ApiNotFoundResponse({ schema: { example: errorExample('not_found', 'carrier not found') } })
  async get(@Param('id') id: string): Promise<ItemEnvelope<Carrier>> {
    const carrier = isUuid(id) ? await this.carriers.get(id) : null;
    if (!carrier) throw ApiError.notFound('carrier');
    return { data: carrier };
  }
}
