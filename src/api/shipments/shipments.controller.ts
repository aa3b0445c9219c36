import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DOCUMENT_TYPES, type CanonicalDocument, type Shipment } from '@waybill/canonical';
import { DispatchService, DocumentUploadService, ShipmentCommandService, type DispatchView } from '@waybill/commands';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentQueryRepository, InvalidCursorError, ShipmentQueryRepository } from '@waybill/store';
import { DataSource } from 'typeorm';
import { RequireScopes } from '../auth/scopes.decorator.js';
import { ApiError } from '../common/api-error.js';
import { isUuid } from '../common/uuid.js';
import type { ItemEnvelope, ListEnvelope } from '../common/page.js';
import { ListShipmentsQuery } from './list-shipments.query.js';
import { SHIPMENT_EXAMPLE } from './shipment.examples.js';
import { runCommand } from './command-response.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { CancelShipmentDto, CreateShipmentDto, DispatchShipmentDto, UpdateShipmentDto } from './shipment-write.dto.js';
import { UPLOAD_CONTENT_TYPES, readUpload } from './document-upload.js';

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
    private readonly uploads: DocumentUploadService,
    private readonly documents: DocumentQueryRepository,
    private readonly db: DataSource,
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

  @Post(':id/documents')
  @HttpCode(201)
  @RequireScopes('documents:write')
  @ApiConsumes('multipart/form-data')
  @ApiQuery({ name: 'provider', required: false, description: 'Only needed when the shipment is dispatched to several providers that take uploads' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['type', 'file'],
      properties: {
        type: { type: 'string', enum: [...DOCUMENT_TYPES], description: 'Send it before the file part (the file is streamed, never buffered)' },
        file: { type: 'string', format: 'binary', description: `One of ${UPLOAD_CONTENT_TYPES.join(', ')}` },
      },
    },
  })
  @ApiOperation({
    summary: 'Upload a document to the provider the shipment was dispatched to (201 with the document)',
    description:
      'multipart/form-data: a `type` field (a canonical document type), then one `file` part (PDF, JPEG, PNG or TIFF). ' +
      'The file is streamed to the provider. 400 validation_failed names the field; 413 payload_too_large beyond the upload limit; ' +
      '409 invalid_state when the shipment was not dispatched to a provider that takes uploads; 422/502/503 as for dispatch.',
  })
  async upload(
    @Param('id') id: string,
    @Query('provider') provider: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItemEnvelope<CanonicalDocument>> {
    if (!isUuid(id)) throw ApiError.notFound('shipment');
    // Where it goes is decided before a byte of the file is read: a refusal never consumes the upload.
    const target = await runCommand(reply, () => this.uploads.target(id, typeof provider === 'string' && provider !== '' ? provider : undefined));
    return { data: await readUpload(req, (file, type) => runCommand(reply, () => this.uploads.upload(target, file, type))) };
  }

  @Get(':id/documents')
  @RequireScopes('documents:read')
  @ApiOperation({
    summary: "The shipment's documents (document rows of every source: uploads through the hub, the carrier's, the provider's), oldest upload first",
  })
  async listDocuments(@Param('id') id: string): Promise<{ data: CanonicalDocument[] }> {
    const shipment = isUuid(id) ? await this.shipments.get(id) : null;
    if (!shipment) throw ApiError.notFound('shipment');
    // A document row names its owner by the provider's id until the owner is merged (owner_id NULL): both count.
    const rows = (await this.db.query(
      `SELECT d.id FROM documents d
        WHERE d.owner_kind = 'shipment'
          AND (d.owner_id = $1 OR (d.owner_id IS NULL AND EXISTS (
                SELECT 1 FROM shipment_sources src WHERE src.shipment_id = $1 AND src.provider = d.provider
                   AND src.connection_id = d.connection_id AND src.external_id = d.owner_external_id)))
        ORDER BY d.uploaded_at NULLS LAST, d.created_at, d.id
        LIMIT 500`,
      [shipment.id],
    )) as { id: string }[];
    const docs = await Promise.all(rows.map((r) => this.documents.get(r.id)));
    return { data: docs.filter((d): d is CanonicalDocument => d !== null) };
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
