import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { type Job, type JobType, type Queue, type RedisOptions, Worker } from 'bullmq';
import { BACKOFF_JITTER } from './backoff.js';
import { fromBullJobId, toBullJobId } from './bullmq-job-id.js';
import { errorSummary } from './error-summary.js';
import { assertQueueName, resolveConcurrency, resolveJobOptions } from './job-options.js';
import type { JobContext, JobHandler, JobOptions, JobQueue } from './job-queue.js';
import { QueueError } from './queue-error.js';

const STALL_LOCK_MS = 10_000;
const STALL_CHECK_MS = 5_000;

export interface BullMqJobQueueOptions {
  /** Connection for the workers `process` creates (see `bullConnections().worker`). */
  workerConnection: RedisOptions;
  /** Redis key prefix; must be the one the queues were created with. */
  prefix: string;
}

/** Failed jobs kept in Redis for inspection; older ones are trimmed by BullMQ. */
const KEEP_FAILED_JOBS = 1000;

/** States in which a job still has work ahead of it ('prioritized' and 'waiting-children' are kinds of waiting). */
const PENDING_STATES: JobType[] = ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'];

/**
 * The queue on Redis (REDIS_URL set). Producers are the `Queue`s registered by `@nestjs/bullmq` and injected here;
 * consumers are created by `process`, which only worker/all roles call.
 */
export class BullMqJobQueue implements JobQueue, BeforeApplicationShutdown {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger(BullMqJobQueue.name);
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private closing?: Promise<void>;

  constructor(
    queues: Queue[],
    private readonly options: BullMqJobQueueOptions,
  ) {
    for (const queue of queues) {
      // An EventEmitter 'error' with no listener would crash the process; a Redis outage must not.
      queue.on('error', (err) => this.logger.error(`queue ${queue.name}: ${errorSummary(err).message}`));
      this.queues.set(queue.name, queue);
    }
  }

  async add<T>(queue: string, name: string, data: T, opts?: JobOptions): Promise<void> {
    this.assertOpen();
    const target = this.queue(queue);
    const resolved = resolveJobOptions(opts);
    const jobId = resolved.jobId === undefined ? undefined : toBullJobId(resolved.jobId);
    if (jobId !== undefined) await this.removeFinished(target, jobId);
    await target.add(name, data, {
      ...(jobId !== undefined && { jobId }),
      delay: resolved.delayMs,
      attempts: resolved.attempts,
      backoff: { type: 'exponential', delay: resolved.backoffMs, jitter: BACKOFF_JITTER },
      removeOnComplete: true,
      removeOnFail: { count: KEEP_FAILED_JOBS },
    });
  }

  // The `Worker` is created here rather than through `@Processor` classes: a decorated processor starts
  // consuming in every process that loads the module, while only worker/all roles may consume (api processes
  // only enqueue), and the handler is supplied at run time by whichever lib owns the queue.
  process<T>(queue: string, handler: JobHandler<T>, opts?: { concurrency?: number }): void {
    this.assertOpen();
    this.queue(queue);
    if (this.workers.has(queue)) {
      throw new QueueError('queue.handler_exists', `queue "${queue}" already has a handler`, 'queue');
    }
    const concurrency = resolveConcurrency(opts);
    const worker = new Worker(
      queue,
      async (job: Job) => {
        const ctx: JobContext = {
          jobId: fromBullJobId(job.id ?? ''),
          // attemptsMade counts finished failed runs, so the run in progress is the next one.
          attempt: job.attemptsMade + 1,
          queue,
          name: job.name,
        };
        try {
          await handler(job.data as T, ctx);
        } catch (err) {
          // BullMQ reads `message` and `stack` from what the processor throws; a thrown string would lose both.
          throw err instanceof Error ? err : new Error(String(err));
        }
      },
      {
        connection: this.options.workerConnection,
        prefix: this.options.prefix,
        concurrency,
        // A killed worker's job is retaken once its lock expires and a stalled check runs: ~10-15 s instead of
        // BullMQ's 30-60 s default. The lock is renewed every lockDuration/2 while the job runs, so long jobs are safe.
        lockDuration: STALL_LOCK_MS,
        stalledInterval: STALL_CHECK_MS,
      },
    );
    worker.on('failed', (job, err) => this.logFailure(queue, job, err));
    worker.on('error', (err) => this.logger.error(`worker ${queue}: ${errorSummary(err).message}`));
    this.workers.set(queue, worker);
  }

  async has(queue: string, jobId: string): Promise<boolean> {
    const state = await this.queue(queue).getJobState(toBullJobId(jobId));
    return (PENDING_STATES as string[]).includes(state);
  }

  async drained(queue: string): Promise<boolean> {
    const counts = await this.queue(queue).getJobCounts(...PENDING_STATES);
    return Object.values(counts).every((count) => count === 0);
  }

  /** Workers first (they finish their running jobs), then the producers. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  /** Runs after every onModuleDestroy and before TypeORM closes the database, so running jobs still have it. */
  beforeApplicationShutdown(): Promise<void> {
    return this.close();
  }

  private async shutdown(): Promise<void> {
    await Promise.all([...this.workers.values()].map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  private queue(queue: string): Queue {
    assertQueueName(queue);
    const found = this.queues.get(queue);
    if (!found) throw new QueueError('queue.unknown_queue', `queue "${queue}" is not registered`, 'queue');
    return found;
  }

  private assertOpen(): void {
    if (this.closing) throw new QueueError('queue.closed', 'the job queue is closed');
  }

  // BullMQ ignores an `add` whose id exists in any state, including completed or failed
  // (https://docs.bullmq.io/guide/jobs/job-ids). Our contract collapses duplicates only while the job is pending,
  // so a kept failed job must not block the sweeper from enqueueing the same work again.
  private async removeFinished(queue: Queue, jobId: string): Promise<void> {
    const state = await queue.getJobState(jobId);
    if (state === 'completed' || state === 'failed') await queue.remove(jobId);
  }

  private logFailure(queue: string, job: Job | undefined, err: Error): void {
    if (!job) {
      this.logger.error(`job in ${queue} failed: ${err.message}`, err.stack);
      return;
    }
    const attempts = job.opts.attempts ?? 1;
    const label = `job ${queue}/${job.name} (${fromBullJobId(job.id ?? '')}) attempt ${job.attemptsMade}/${attempts}`;
    // Job data is never logged: it may carry provider payloads or credentials.
    if (job.attemptsMade >= attempts) this.logger.error(`${label} failed for good: ${err.message}`, err.stack);
    else this.logger.warn(`${label} failed, will retry: ${err.message}`);
  }
}
