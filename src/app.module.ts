import { type DynamicModule, Module } from '@nestjs/common';
import type { Connection } from '@waybill/provider-kit';
import { StoreModule } from '@waybill/store';
import { LoggerModule } from 'nestjs-pino';
import { ScheduleModule } from '@nestjs/schedule';
import { IngestModule, INBOX_QUEUE } from '@waybill/ingest';
import { QueueModule } from '@waybill/queue';
import { SYNC_QUEUE, SyncModule } from '@waybill/sync';
import { CommandsModule } from '@waybill/commands';
import { ApiModule } from './api/api.module.js';
import type { AppConfig } from './config/app-config.js';
import { CoreModule } from './config/core.module.js';
import { OpsModule } from './ops/ops.module.js';
import { ProvidersModule } from './providers.module.js';
import { PROVIDERS } from './providers.registry.js';
import { redactedPaths, redactRequest, secretQueryParams } from './config/log-redaction.js';
import type { RegisteredProvider } from '@waybill/provider-kit';
import { WebhooksModule } from './webhooks/webhooks.module.js';

/**
 * The hub, composed per role: `api` serves HTTP only, `worker` runs crons and queue consumers only, `all` does both.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, connections: Connection[], providers: RegisteredProvider[] = PROVIDERS): DynamicModule {
    const serves = config.role !== 'worker';
    const works = config.role !== 'api';
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, connections),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Credentials and signatures never reach the logs.
            redact: { paths: redactedPaths(providers), censor: '[redacted]' },
            serializers: { req: (req: { url?: string; query?: unknown }) => redactRequest(req, secretQueryParams(providers)) },
            autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
          },
        }),
        StoreModule.forRoot({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
        QueueModule.forRoot({ redisUrl: config.redisUrl, prefix: config.queuePrefix, queues: [SYNC_QUEUE, INBOX_QUEUE] }),
        ProvidersModule.forRoot(providers),
        SyncModule.forRoot({ worker: works, leaseTtlMs: config.syncLeaseSeconds * 1000 }),
        IngestModule.forRoot({ worker: works }),
        // Dispatch, cancel, document review, idempotency keys; its sweeper and key cleanup crons run in the worker role.
        CommandsModule,
        ...(works ? [ScheduleModule.forRoot()] : []),
        ...(serves ? [ApiModule, WebhooksModule, OpsModule] : []),
      ],
    };
  }
}

