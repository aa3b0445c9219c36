import { type DynamicModule, Module } from '@nestjs/common';
import type { Connection } from '@waybill/provider-kit';
import { StoreModule } from '@waybill/store';
import { LoggerModule } from 'nestjs-pino';
import { ScheduleModule } from '@nestjs/schedule';
import { IngestModule, INBOX_QUEUE } from '@waybill/ingest';
import { QueueModule } from '@waybill/queue';
import { SYNC_QUEUE, SyncModule } from '@waybill/sync';
import { ApiModule } from './api/api.module.js';
import type { AppConfig } from './config/app-config.js';
import { CoreModule } from './config/core.module.js';
import { OpsModule } from './ops/ops.module.js';
import { ProvidersModule } from './providers.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

/**
 * The hub, composed per role: `api` serves HTTP only, `worker` runs crons and queue consumers only, `all` does both.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, connections: Connection[]): DynamicModule {
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
            redact: { paths: ['req.headers.authorization', 'req.headers["x-trailflow-signature"]', 'req.headers.cookie'], censor: '[redacted]' },
            autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
          },
        }),
        StoreModule.forRoot({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
        QueueModule.forRoot({ redisUrl: config.redisUrl, prefix: config.queuePrefix, queues: [SYNC_QUEUE, INBOX_QUEUE] }),
        ProvidersModule,
        SyncModule.forRoot({ worker: works, leaseTtlMs: config.syncLeaseSeconds * 1000 }),
        IngestModule.forRoot({ worker: works }),
        ...(works ? [ScheduleModule.forRoot()] : []),
        ...(serves ? [ApiModule, WebhooksModule, OpsModule] : []),
      ],
    };
  }
}
