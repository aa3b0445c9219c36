import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CommandsModule } from '@waybill/commands';
import { ApiKeyBootstrap } from './auth/api-key.bootstrap.js';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { CarriersController } from './carriers/carriers.controller.js';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { RequestIdInterceptor } from './common/request-id.interceptor.js';
import { DocumentReviewController } from './documents/document-review.controller.js';
import { DocumentsController } from './documents/documents.controller.js';
import { InboxController } from './inbox/inbox.controller.js';
import { IdempotencyInterceptor } from './shipments/idempotency.interceptor.js';
import { ShipmentsController } from './shipments/shipments.controller.js';
import { SyncController } from './sync/sync.controller.js';

/** The normalized REST API for the TMS: controllers and DTOs only; the logic lives in libs. */
@Module({
  imports: [CommandsModule],
  controllers: [ShipmentsController, CarriersController, DocumentsController, DocumentReviewController, SyncController, InboxController],
  providers: [
    ApiKeyBootstrap,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
    { provide: APP_INTERCEPTOR, useClass: RequestIdInterceptor },
    IdempotencyInterceptor,
  ],
})
export class ApiModule {}
