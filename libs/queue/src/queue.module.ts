import { type DynamicModule, Module } from '@nestjs/common';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { bullConnections } from './bullmq-connection.js';
import { BullMqJobQueue } from './bullmq-job-queue.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { assertQueueName } from './job-options.js';
import { JOB_QUEUE } from './job-queue.js';
import { QueueError } from './queue-error.js';

export interface QueueModuleOptions {
  /** REDIS_URL. Set: BullMQ. Unset or empty: the in-process queue. */
  redisUrl?: string;
  /** Redis key prefix, default 'waybill'. */
  prefix?: string;
  /** Every queue the app adds to or consumes; using another name is an error. */
  queues: string[];
}

export const DEFAULT_QUEUE_PREFIX = 'waybill';

/** Global module that provides JOB_QUEUE: BullMQ when `redisUrl` is set, the in-process queue otherwise. */
@Module({})
export class QueueModule {
  static forRoot(opts: QueueModuleOptions): DynamicModule {
    const queues = validQueues(opts.queues);
    if (!opts.redisUrl) {
      return {
        module: QueueModule,
        global: true,
        providers: [{ provide: JOB_QUEUE, useFactory: () => new InProcessJobQueue({ queues }) }],
        exports: [JOB_QUEUE],
      };
    }
    const prefix = opts.prefix ?? DEFAULT_QUEUE_PREFIX;
    if (typeof prefix !== 'string' || prefix.length === 0) {
      throw new QueueError('queue.invalid_config', 'prefix must be a non-empty string', 'prefix');
    }
    const connections = bullConnections(opts.redisUrl);
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRoot({ connection: connections.queue, prefix }),
        BullModule.registerQueue(...queues.map((name) => ({ name }))),
      ],
      providers: [
        {
          provide: JOB_QUEUE,
          useFactory: (...registered: Queue[]) =>
            new BullMqJobQueue(registered, { workerConnection: connections.worker, prefix }),
          inject: queues.map((name) => getQueueToken(name)),
        },
      ],
      exports: [JOB_QUEUE],
    };
  }
}

function validQueues(queues: unknown): string[] {
  if (!Array.isArray(queues)) throw new QueueError('queue.invalid_config', 'queues must be an array of names', 'queues');
  for (const name of queues) assertQueueName(name, 'queues');
  if (new Set(queues).size !== queues.length) {
    throw new QueueError('queue.invalid_config', 'queues must not repeat a name', 'queues');
  }
  return [...queues];
}
