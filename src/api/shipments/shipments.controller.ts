import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Shipment } from '@waybill/canonical';
import { DispatchService, ShipmentCommandService, type DispatchView } from '@waybill/commands';
import type { FastifyReply } from 'fastify';
import { InvalidCursorError, ShipmentQueryRepository } from '@waybill/store';
import { RequireScopes } from '../auth/scopes.decorator.js';
import { ApiError } from '../common/api-error.js';
import { isUuid } from '../common/uuid.js';
import type { ItemEnvelope, ListEnvelope } from '../common/page.js';
import { ListShipmentsQuery } from './list-shipments.query.js';
import { SHIPMENT_EXAMPLE } from './shipment.examples.js';
import { runCommand } from './command-response.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { CancelShipmentDto, CreateShipmentDto, DispatchShipmentDto, UpdateShipmentDto } from './shipment-write.dto.js';

const IDEMPOTENCY_DOC = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Same key and body: the first answer again (Idempotent-Replayed: true); another body: 409 idempotency_conflict. Kept 24 h.',
};

export interface DispatchAnswer {
  data: { shipment: Shipment; dispatch: DispatchView };
}

@ApiTags('shipments')
@ApiBearerAuth()
@Controller('v1/shipments')
export class ShipmentsController {
  constructor(
    private readonly shipments: ShipmentQueryRepository,
    private readonly commands: ShipmentCommandService,
    private readonly dispatches: DispatchService,
  ) {}

  @Post()
  @RequireScopes('shipments:write')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader(IDEMPOTENCY_DOC)
  @ApiOperation({
    summary: 'Create a shipment owned by the TMS (201); 409 already_exists with the existing id when the reference is taken',
    description: 'The shipment is a source of its own (provider `tms`, connection `tms`, externalId = reference, via `command`), merged like any other.',
  })
  async create(@Body() body: CreateShipmentDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ItemEnvelope<Shipment>> {
    return { data: await runCommand(reply, () => this.commands.create(body)) };
  }

  @Patch(':id')
  @RequireScopes('shipments:write')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader(IDEMPOTENCY_DOC)
  @ApiOperation({
    summary: "Change TMS-owned fields; dispatched copies are updated at their providers (synchronously; `dispatches` says where each stands)",
  })
  async update(@Param('id') id: string, @Body() body: UpdateShipmentDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ItemEnvelope<Shipment> & { dispatches: DispatchView[] }> {
    if (!isUuid(id)) throw ApiError.notFound('shipment');
    const { shipment, dispatches } = await runCommand(reply, () => this.commands.update(id, body));
    return { data: shipment, dispatches };
  }

  @Post(':id/dispatch')
  @HttpCode(200)
  @RequireScopes('shipments:write')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader(IDEMPOTENCY_DOC)
  @ApiOperation({
    summary: 'Send the shipment to a provider: 422 provider_rejected (field details), 502 provider_unavailable, 503 + Retry-After',
  })
  async dispatch(@Param('id') id: string, @Body() body: DispatchShipmentDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<DispatchAnswer> {
    if (!isUuid(id)) throw ApiError.notFound('shipment');
    return { data: await runCommand(reply, () => this.dispatches.dispatch(id, body)) };
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequireScopes('shipments:write')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiHeader(IDEMPOTENCY_DOC)
  @ApiOperation({ summary: 'Withdraw a dispatch where the provider allows it; otherwise 422 provider_rejected' })
  async cancel(@Param('id') id: string, @Body() body: CancelShipmentDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<DispatchAnswer> {
    if (!isUuid(id)) throw ApiError.notFound('shipment');
    return { data: await runCommand(reply, () => this.dispatches.cancel(id, { provider: body.provider, reason: body.reason ?? null })) };
  }

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
