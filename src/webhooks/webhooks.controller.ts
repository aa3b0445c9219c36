import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { WebhookReceiverService } from '@waybill/ingest';
import type { FastifyRequest } from 'fastify';
import { Public } from '../api/auth/scopes.decorator.js';
import { ApiError } from '../api/common/api-error.js';

type RawRequest = FastifyRequest & { rawBody?: Buffer };

/** Inbound provider webhooks: thin. The provider's signature authenticates them, not an API key. */
@ApiExcludeController()
@Public()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly receiver: WebhookReceiverService) {}

  @Post(':provider')
  @HttpCode(202)
  receiveDefault(@Param('provider') provider: string, @Req() req: RawRequest) {
    return this.receive(provider, undefined, req);
  }

  @Post(':provider/:connection')
  @HttpCode(202)
  receiveForConnection(@Param('provider') provider: string, @Param('connection') connection: string, @Req() req: RawRequest) {
    return this.receive(provider, connection, req);
  }

  private async receive(provider: string, connection: string | undefined, req: RawRequest) {
    const result = await this.receiver.receive(provider, connection, {
      method: req.method,
      path: req.url.split('?')[0],
      query: (req.query ?? {}) as Record<string, string | string[] | undefined>,
      headers: req.headers,
      rawBody: req.rawBody ?? Buffer.alloc(0),
      receivedAt: new Date(),
    });
    if (result.status === 'not_found') throw ApiError.notFound('webhook endpoint');
    if (result.status === 'invalid_signature') throw new ApiError(401, 'invalid_signature', `webhook refused: ${result.reason}`);
    // Authentic but without a header the protocol requires (delivery id, event): nothing stored.
    if (result.status === 'invalid_request') throw ApiError.validation([{ field: result.field, message: result.message }]);
    return {
      data: {
        accepted: result.deliveries.map((d) => ({ id: d.id, deliveryId: d.deliveryId, duplicate: d.duplicate, ...(d.conflict ? { conflict: true } : {}) })),
      },
    };
  }
}
