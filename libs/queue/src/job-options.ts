import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, DEFAULT_CONCURRENCY, type JobOptions } from './job-queue.js';
import { QueueError } from './queue-error.js';

/** JobOptions with defaults applied; both implementations read the same values. */
export interface ResolvedJobOptions {
  jobId?: string;
  delayMs: number;
  attempts: number;
  backoffMs: number;
}

// BullMQ refuses ':' in queue names (it separates the parts of Redis keys); the in-process queue applies the
// same rule so that code which works in one mode works in the other.
export function assertQueueName(queue: unknown, field = 'queue'): asserts queue is string {
  if (typeof queue !== 'string' || queue.length === 0 || queue.includes(':')) {
    throw new QueueError('queue.invalid_queue_name', `${field} must be a non-empty string without ':'`, field);
  }
}

export function resolveJobOptions(opts: JobOptions = {}): ResolvedJobOptions {
  const { jobId, delayMs = 0, attempts = DEFAULT_ATTEMPTS, backoffMs = DEFAULT_BACKOFF_MS } = opts;
  if (jobId !== undefined && (typeof jobId !== 'string' || jobId.length === 0)) {
    throw new QueueError('queue.invalid_option', 'jobId must be a non-empty string', 'jobId');
  }
  assertNonNegativeInteger(delayMs, 'delayMs');
  assertNonNegativeInteger(backoffMs, 'backoffMs');
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new QueueError('queue.invalid_option', 'attempts must be an integer >= 1', 'attempts');
  }
  return jobId === undefined ? { delayMs, attempts, backoffMs } : { jobId, delayMs, attempts, backoffMs };
}

export function resolveConcurrency(opts: { concurrency?: number } = {}): number {
  const { concurrency = DEFAULT_CONCURRENCY } = opts;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new QueueError('queue.invalid_option', 'concurrency must be an integer >= 1', 'concurrency');
  }
  return concurrency;
}

function assertNonNegativeInteger(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new QueueError('queue.invalid_option', `${field} must be an integer >= 0`, field);
  }
}
