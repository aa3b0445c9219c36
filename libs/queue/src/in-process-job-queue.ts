import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { exponentialBackoffMs } from './backoff.js';
import { errorSummary } from './error-summary.js';
import { assertQueueName, resolveConcurrency, resolveJobOptions } from './job-options.js';
import type { JobContext, JobHandler, JobOptions, JobQueue } from './job-queue.js';
import { QueueError } from './queue-error.js';

/** A job that used all its attempts. Kept in memory only: the durable record is the database row it was about. */
export interface FailedJob {
  queue: string;
  name: string;
  jobId: string;
  attempts: number;
  error: string;
  failedAt: Date;
}

export interface InProcessJobQueueOptions {
  queues: string[];
  /** How many failed jobs `failed()` remembers (oldest dropped first). Default 100. */
  failedLimit?: number;
}

interface PendingJob {
  jobId: string;
  name: string;
  data: unknown;
  attempt: number;
  attempts: number;
  backoffMs: number;
}

/** Everything one named queue holds. A job id is in `ids` from `add` until it succeeds or gives up. */
interface Lane {
  readonly name: string;
  readonly waiting: PendingJob[];
  /** Delayed jobs and retries waiting out their backoff. */
  readonly timers: Map<NodeJS.Timeout, PendingJob>;
  readonly ids: Set<string>;
  active: number;
  pumpScheduled: boolean;
  handler?: JobHandler<unknown>;
  concurrency: number;
}

/**
 * The queue for one-machine mode (no REDIS_URL): same contract as the BullMQ queue, nothing survives a restart.
 * That is acceptable because the sweeper re-enqueues from the database whatever a lost job would have done.
 */
export class InProcessJobQueue implements JobQueue, BeforeApplicationShutdown {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger(InProcessJobQueue.name);
  private readonly lanes = new Map<string, Lane>();
  private readonly running = new Set<Promise<void>>();
  private readonly failedJobs: FailedJob[] = [];
  private readonly failedLimit: number;
  private closing?: Promise<void>;

  constructor(options: InProcessJobQueueOptions) {
    this.failedLimit = options.failedLimit ?? 100;
    for (const name of options.queues) {
      assertQueueName(name, 'queues');
      this.lanes.set(name, {
        name,
        waiting: [],
        timers: new Map(),
        ids: new Set(),
        active: 0,
        pumpScheduled: false,
        concurrency: 1,
      });
    }
  }

  async add<T>(queue: string, name: string, data: T, opts?: JobOptions): Promise<void> {
    this.assertOpen();
    const lane = this.lane(queue);
    const resolved = resolveJobOptions(opts);
    const jobId = resolved.jobId ?? randomUUID();
    if (lane.ids.has(jobId)) return;
    lane.ids.add(jobId);
    const job: PendingJob = { jobId, name, data, attempt: 1, attempts: resolved.attempts, backoffMs: resolved.backoffMs };
    if (resolved.delayMs > 0) this.delay(lane, job, resolved.delayMs);
    else this.enqueue(lane, job);
  }

  process<T>(queue: string, handler: JobHandler<T>, opts?: { concurrency?: number }): void {
    this.assertOpen();
    const lane = this.lane(queue);
    if (lane.handler) {
      throw new QueueError('queue.handler_exists', `queue "${queue}" already has a handler`, 'queue');
    }
    lane.concurrency = resolveConcurrency(opts);
    lane.handler = handler as JobHandler<unknown>;
    this.schedulePump(lane);
  }

  async has(queue: string, jobId: string): Promise<boolean> {
    return this.lane(queue).ids.has(jobId);
  }

  async drained(queue: string): Promise<boolean> {
    const lane = this.lane(queue);
    return lane.waiting.length === 0 && lane.active === 0 && lane.timers.size === 0;
  }

  /** Jobs that used all their attempts, oldest first (at most `failedLimit`). */
  failed(): readonly FailedJob[] {
    return [...this.failedJobs];
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  /** Runs after every onModuleDestroy and before TypeORM closes the database, so running jobs still have it. */
  beforeApplicationShutdown(): Promise<void> {
    return this.close();
  }

  private async shutdown(): Promise<void> {
    let dropped = 0;
    for (const lane of this.lanes.values()) {
      for (const [timer, job] of lane.timers) {
        clearTimeout(timer);
        lane.ids.delete(job.jobId);
      }
      for (const job of lane.waiting) lane.ids.delete(job.jobId);
      dropped += lane.timers.size + lane.waiting.length;
      lane.timers.clear();
      lane.waiting.length = 0;
    }
    if (dropped > 0) {
      this.logger.warn(`closing with ${dropped} waiting or delayed job(s) dropped; the sweeper re-enqueues their work`);
    }
    // Let running handlers finish: cutting them off mid-transaction would only make the sweeper redo more.
    await Promise.allSettled([...this.running]);
  }

  private lane(queue: string): Lane {
    assertQueueName(queue);
    const lane = this.lanes.get(queue);
    if (!lane) throw new QueueError('queue.unknown_queue', `queue "${queue}" is not registered`, 'queue');
    return lane;
  }

  private assertOpen(): void {
    if (this.closing) throw new QueueError('queue.closed', 'the job queue is closed');
  }

  private enqueue(lane: Lane, job: PendingJob): void {
    lane.waiting.push(job);
    this.schedulePump(lane);
  }

  private delay(lane: Lane, job: PendingJob, ms: number): void {
    // The job's id stays in `ids` while the timer runs, so a duplicate `add` collapses into it.
    const timer = setTimeout(() => {
      lane.timers.delete(timer);
      this.enqueue(lane, job);
    }, ms);
    lane.timers.set(timer, job);
  }

  // Handlers start on a later turn of the event loop, never inside `add`: a caller that enqueues from within a
  // transaction must not find the job already running on its own stack (BullMQ behaves the same way).
  private schedulePump(lane: Lane): void {
    if (lane.pumpScheduled) return;
    lane.pumpScheduled = true;
    setImmediate(() => {
      lane.pumpScheduled = false;
      this.pump(lane);
    });
  }

  private pump(lane: Lane): void {
    while (!this.closing && lane.handler && lane.active < lane.concurrency && lane.waiting.length > 0) {
      const job = lane.waiting.shift() as PendingJob;
      lane.active += 1;
      const run = this.run(lane, lane.handler, job).finally(() => {
        lane.active -= 1;
        this.running.delete(run);
        this.schedulePump(lane);
      });
      this.running.add(run);
    }
  }

  private async run(lane: Lane, handler: JobHandler<unknown>, job: PendingJob): Promise<void> {
    const ctx: JobContext = { jobId: job.jobId, attempt: job.attempt, queue: lane.name, name: job.name };
    try {
      await handler(job.data, ctx);
      lane.ids.delete(job.jobId);
    } catch (err) {
      this.onFailure(lane, job, err);
    }
  }

  private onFailure(lane: Lane, job: PendingJob, err: unknown): void {
    const label = `job ${lane.name}/${job.name} (${job.jobId}) attempt ${job.attempt}/${job.attempts}`;
    const { message, stack } = errorSummary(err);
    if (job.attempt < job.attempts && !this.closing) {
      const waitMs = exponentialBackoffMs(job.attempt, job.backoffMs);
      this.logger.warn(`${label} failed, retrying in ${waitMs} ms: ${message}`);
      this.delay(lane, { ...job, attempt: job.attempt + 1 }, waitMs);
      return;
    }
    lane.ids.delete(job.jobId);
    if (job.attempt < job.attempts) {
      this.logger.warn(`${label} failed while closing, not retried (the sweeper re-enqueues it): ${message}`);
      return;
    }
    // Job data is never logged: it may carry provider payloads or credentials.
    this.logger.error(`${label} failed for good: ${message}`, stack);
    this.failedJobs.push({
      queue: lane.name,
      name: job.name,
      jobId: job.jobId,
      attempts: job.attempt,
      error: message,
      failedAt: new Date(),
    });
    if (this.failedJobs.length > this.failedLimit) this.failedJobs.shift();
  }
}
