import { assertQueueName, resolveConcurrency, resolveJobOptions } from './job-options.js';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS } from './job-queue.js';
import { QueueError } from './queue-error.js';

function caught(fn: () => unknown): QueueError {
  try {
    fn();
  } catch (err) {
    if (err instanceof QueueError) return err;
    throw err;
  }
  throw new Error('expected a QueueError');
}

describe('resolveJobOptions', () => {
  it('applies the documented defaults', () => {
    expect(resolveJobOptions()).toEqual({ delayMs: 0, attempts: DEFAULT_ATTEMPTS, backoffMs: DEFAULT_BACKOFF_MS });
    expect(DEFAULT_ATTEMPTS).toBe(5);
    expect(DEFAULT_BACKOFF_MS).toBe(1000);
  });

  it('keeps what the caller gave', () => {
    expect(resolveJobOptions({ jobId: 'a', delayMs: 5, attempts: 2, backoffMs: 7 })).toEqual({
      jobId: 'a',
      delayMs: 5,
      attempts: 2,
      backoffMs: 7,
    });
  });

  it.each([
    [{ jobId: '' }, 'jobId'],
    [{ attempts: 0 }, 'attempts'],
    [{ attempts: 1.5 }, 'attempts'],
    [{ delayMs: -1 }, 'delayMs'],
    [{ backoffMs: Number.NaN }, 'backoffMs'],
  ])('rejects %p naming the field', (opts, field) => {
    const err = caught(() => resolveJobOptions(opts));
    expect(err.code).toBe('queue.invalid_option');
    expect(err.field).toBe(field);
  });
});

describe('resolveConcurrency', () => {
  it('defaults to 1 and rejects anything below', () => {
    expect(resolveConcurrency()).toBe(1);
    expect(resolveConcurrency({ concurrency: 4 })).toBe(4);
    const err = caught(() => resolveConcurrency({ concurrency: 0 }));
    expect([err.code, err.field]).toEqual(['queue.invalid_option', 'concurrency']);
  });
});

describe('assertQueueName', () => {
  it.each(['', 'a:b'])('rejects %p', (name) => {
    const err = caught(() => assertQueueName(name));
    expect([err.code, err.field]).toEqual(['queue.invalid_queue_name', 'queue']);
  });
});
