/**
 * The queue port. Two implementations sit behind it: BullMQ on Redis (REDIS_URL set) and an in-process queue
 * (one-machine mode). The database stays the source of truth: a job that is lost is re-enqueued by a sweeper,
 * which is why `has` exists and why handlers must be idempotent.
 */
export interface JobOptions {
  /** Duplicates collapse while a job with this id is waiting, delayed or active. */
  jobId?: string;
  delayMs?: number;
  /** Total runs including the first. Default 5. */
  attempts?: number;
  /** Base of the exponential backoff between attempts (with jitter). Default 1000. */
  backoffMs?: number;
}

export interface JobContext {
  /** The jobId given to `add`, or one the queue generated. */
  jobId: string;
  /** 1-based. */
  attempt: number;
  queue: string;
  name: string;
}

export type JobHandler<T = unknown> = (data: T, ctx: JobContext) => Promise<void>;

export interface JobQueue {
  readonly kind: 'bullmq' | 'in-process';
  add<T>(queue: string, name: string, data: T, opts?: JobOptions): Promise<void>;
  /** Start consuming `queue` (only worker/all roles call this). One handler per queue; dispatch on ctx.name inside it. */
  process<T>(queue: string, handler: JobHandler<T>, opts?: { concurrency?: number }): void;
  /** True when a job with this id is waiting, delayed or active (the sweeper uses it to find lost work). */
  has(queue: string, jobId: string): Promise<boolean>;
  /**
   * True when nothing is waiting, active or delayed (retries included) in the given queue. A snapshot, not a wait:
   * callers that need to wait poll it. In-process the answer is exact; on BullMQ it comes from the queue's counts.
   */
  drained(queue: string): Promise<boolean>;
  /** Stops consuming, lets running jobs finish, releases timers/connections. `add` afterwards is an error. */
  close(): Promise<void>;
}

/** Nest injection token for the JobQueue. */
export const JOB_QUEUE: unique symbol = Symbol('JOB_QUEUE');

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;
/** Worker concurrency when `process` is given none (BullMQ's own default). */
export const DEFAULT_CONCURRENCY = 1;
