import { Module } from '@nestjs/common';
import { DispatchSweeperCron, IdempotencyCleanupCron } from './commands.crons.js';
import { DispatchService } from './dispatch.service.js';
import { DocumentReviewService } from './document-review.service.js';
import { DocumentUploadService } from './document-upload.service.js';
import { IdempotencyService } from './idempotency.service.js';
import { ShipmentCommandService } from './shipment-commands.service.js';
import { DispatchRepository, DocumentSourceRepository, IdempotencyKeyRepository } from '@waybill/store';

const SERVICES = [ShipmentCommandService, DispatchService, DocumentReviewService, DocumentUploadService, IdempotencyService];

/**
 * Commands through the hub. Needs the global StoreModule, ProvidersModule (ProviderRegistry) and CoreModule
 * (ConnectionRegistry). The crons are inert unless ScheduleModule is imported (worker role).
 */
@Module({
  providers: [...SERVICES, DispatchRepository, IdempotencyKeyRepository, DocumentSourceRepository, DispatchSweeperCron, IdempotencyCleanupCron],
  exports: SERVICES,
})
export class CommandsModule {}
