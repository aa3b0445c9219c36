import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { InProcessJobQueue } from './in-process-job-queue.js';
import type { JobContext } from './job-queue.js';
import { QueueError } from './queue-error.js';
import { deferred, eventually } from './testing/eventually.js';

/** Lets every pending setImmediate/timer-0 callback run a few times over. */
async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function rejection(promise: Promise<unknown>): Promise<QueueError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof QueueError) return err;
  throw new Error(`expected a QueueError, got ${String(err)}`);
}

function thrown(fn: () => unknown): QueueError {
  try {
    fn();
  } catch (err) {
    if (err instanceof QueueError) return err;
    throw err;
  }
  throw new Error('expected a QueueError');
}

describe('InProcessJobQueue', () => {
  let sut: InProcessJobQueue;
  let errorLog: jest.Spied<Logger['error']>;

  beforeEach(() => {
    sut = new InProcessJobQueue({ queues: ['sync', 'inbox'] });
    errorLog = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    await sut.close();
    jest.restoreAllMocks();
  });

  it('is the in-process kind', () => {
    expect(sut.kind).toBe('in-process');
  });

  it('runs an added job with its data and context', async () => {
    const seen = deferred<[unknown, JobContext]>();
    sut.process('sync', async (data, ctx) => seen.resolve([data, ctx]));
    await sut.add('sync', 'poll', { connection: 'default' }, { jobId: 'poll:trailflow:default' });

    expect(await seen.promise).toEqual([
      { connection: 'default' },
      { jobId: 'poll:trailflow:default', attempt: 1, queue: 'sync', name: 'poll' },
    ]);
  });

  it('keeps jobs added before a handler exists and runs them in FIFO order', async () => {
    const order: number[] = [];
    for (const n of [1, 2, 3]) await sut.add('sync', 'poll', n);
    await settle();
    expect(order).toEqual([]);
    expect(await sut.drained('sync')).toBe(false);

    sut.process<number>('sync', async (n) => void order.push(n));
    await eventually(() => sut.drained('sync'));
    expect(order).toEqual([1, 2, 3]);
  });

  it('does not start the handler inside add', async () => {
    let started = false;
    sut.process('sync', async () => void (started = true));
    await sut.add('sync', 'poll', {});
    expect(started).toBe(false);
    await eventually(() => started);
  });

  it('retries a failing job with attempt numbers until it succeeds', async () => {
    const attempts: number[] = [];
    const done = deferred();
    sut.process('sync', async (_data, ctx) => {
      attempts.push(ctx.attempt);
      if (ctx.attempt < 3) throw new Error('provider down');
      done.resolve();
    });
    await sut.add('sync', 'poll', {}, { jobId: 'p1', backoffMs: 1 });

    await done.promise;
    await eventually(() => sut.drained('sync'));
    expect(attempts).toEqual([1, 2, 3]);
    expect(sut.failed()).toEqual([]);
    expect(await sut.has('sync', 'p1')).toBe(false);
  });

  it('gives up after the last attempt: logs without the data, remembers the failure, stays alive', async () => {
    const attempts: number[] = [];
    sut.process('inbox', async (_data, ctx) => {
      attempts.push(ctx.attempt);
      throw new Error('bad payload');
    });
    await sut.add('inbox', 'process', { apiKey: 'secret-value' }, { jobId: 'row-7', attempts: 3, backoffMs: 1 });

    await eventually(() => sut.failed().length === 1);
    expect(attempts).toEqual([1, 2, 3]);
    expect(sut.failed()[0]).toEqual({
      queue: 'inbox',
      name: 'process',
      jobId: 'row-7',
      attempts: 3,
      error: 'bad payload',
      failedAt: expect.any(Date),
    });
    expect(errorLog).toHaveBeenCalledTimes(1);
    expect(String(errorLog.mock.calls[0]?.[0])).toContain('row-7');
    expect(JSON.stringify(errorLog.mock.calls)).not.toContain('secret-value');
    expect(await sut.has('inbox', 'row-7')).toBe(false);
    expect(await sut.drained('inbox')).toBe(true);
  });

  it('records what a handler throws even when it is not an Error', async () => {
    sut.process('inbox', async () => {
      throw 'plain string';
    });
    await sut.add('inbox', 'process', {}, { attempts: 1 });
    await eventually(() => sut.failed().length === 1);
    expect(sut.failed()[0]?.error).toBe('plain string');
  });

  it('keeps only the most recent failures', async () => {
    sut = new InProcessJobQueue({ queues: ['inbox'], failedLimit: 2 });
    sut.process('inbox', async (_data, ctx) => {
      throw new Error(ctx.jobId);
    });
    for (const id of ['a', 'b', 'c']) await sut.add('inbox', 'process', {}, { jobId: id, attempts: 1 });
    await eventually(() => sut.drained('inbox'));
    expect(sut.failed().map((f) => f.jobId)).toEqual(['b', 'c']);
  });

  it('collapses duplicate job ids while the job is waiting', async () => {
    const runs: unknown[] = [];
    await sut.add('sync', 'poll', 'first', { jobId: 'poll:a' });
    await sut.add('sync', 'poll', 'second', { jobId: 'poll:a' });
    sut.process('sync', async (data) => void runs.push(data));
    await eventually(() => sut.drained('sync'));
    expect(runs).toEqual(['first']);
  });

  it('collapses duplicate job ids while the job is active, and accepts the id again once it finished', async () => {
    const release = deferred();
    const runs: unknown[] = [];
    sut.process('sync', async (data) => {
      runs.push(data);
      if (data === 'first') await release.promise;
    });
    await sut.add('sync', 'poll', 'first', { jobId: 'poll:a' });
    await eventually(() => runs.length === 1);
    await sut.add('sync', 'poll', 'during', { jobId: 'poll:a' });
    release.resolve();
    await eventually(() => sut.drained('sync'));
    expect(runs).toEqual(['first']);

    await sut.add('sync', 'poll', 'after', { jobId: 'poll:a' });
    await eventually(() => sut.drained('sync'));
    expect(runs).toEqual(['first', 'after']);
  });

  it('accepts the id of a job that failed for good again (the sweeper re-enqueues it)', async () => {
    const runs: number[] = [];
    sut.process('inbox', async (_data, ctx) => {
      runs.push(ctx.attempt);
      if (runs.length === 1) throw new Error('once');
    });
    await sut.add('inbox', 'process', {}, { jobId: 'row-1', attempts: 1 });
    await eventually(() => sut.failed().length === 1);
    await sut.add('inbox', 'process', {}, { jobId: 'row-1', attempts: 1 });
    await eventually(() => sut.drained('inbox'));
    expect(runs).toEqual([1, 1]);
  });

  it('answers has() for waiting, delayed and active jobs only', async () => {
    const release = deferred();
    const started = deferred();
    await sut.add('sync', 'poll', {}, { jobId: 'waiting' });
    await sut.add('sync', 'poll', {}, { jobId: 'delayed', delayMs: 60_000 });
    expect(await sut.has('sync', 'waiting')).toBe(true);
    expect(await sut.has('sync', 'delayed')).toBe(true);
    expect(await sut.has('sync', 'other')).toBe(false);
    expect(await sut.has('inbox', 'waiting')).toBe(false);

    sut.process('sync', async () => {
      started.resolve();
      await release.promise;
    });
    await started.promise;
    expect(await sut.has('sync', 'waiting')).toBe(true);
    release.resolve();
    await eventually(async () => !(await sut.has('sync', 'waiting')));
    expect(await sut.has('sync', 'delayed')).toBe(true);
  });

  it('runs a delayed job later and reports it as not drained until then', async () => {
    const ran = deferred<JobContext>();
    sut.process('sync', async (_data, ctx) => ran.resolve(ctx));
    await sut.add('sync', 'poll', {}, { jobId: 'later', delayMs: 20 });
    expect(await sut.drained('sync')).toBe(false);
    expect((await ran.promise).jobId).toBe('later');
    await eventually(() => sut.drained('sync'));
  });

  it('never runs more handlers at once than the concurrency', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const gates: Array<() => void> = [];
    sut.process(
      'sync',
      async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise<void>((resolve) => gates.push(resolve));
        inFlight -= 1;
      },
      { concurrency: 2 },
    );
    for (let i = 0; i < 6; i++) await sut.add('sync', 'poll', i);

    await eventually(() => inFlight >= 2);
    await settle(); // a queue that ignored the limit would start more now
    expect(inFlight).toBe(2);

    while (!(await sut.drained('sync'))) {
      gates.splice(0).forEach((open) => open());
      await settle();
    }
    expect(maxInFlight).toBe(2);
  });

  it('refuses a second handler, unknown queues and bad options with stable codes', async () => {
    sut.process('sync', async () => undefined);
    expect(thrown(() => sut.process('sync', async () => undefined))).toMatchObject({
      code: 'queue.handler_exists',
      field: 'queue',
    });
    expect(await rejection(sut.add('nope', 'x', {}))).toMatchObject({ code: 'queue.unknown_queue', field: 'queue' });
    expect(await rejection(sut.add('sync', 'x', {}, { attempts: 0 }))).toMatchObject({
      code: 'queue.invalid_option',
      field: 'attempts',
    });
    expect(thrown(() => sut.process('inbox', async () => undefined, { concurrency: 0 }))).toMatchObject({
      code: 'queue.invalid_option',
      field: 'concurrency',
    });
    expect(() => new InProcessJobQueue({ queues: ['a:b'] })).toThrow(QueueError);
  });

  it('close() waits for running jobs, drops waiting and delayed ones and refuses new work', async () => {
    const release = deferred();
    const started = deferred();
    let finished = false;
    sut.process('sync', async () => {
      started.resolve();
      await release.promise;
      finished = true;
    });
    await sut.add('sync', 'poll', 'running');
    await sut.add('sync', 'poll', 'waiting', { jobId: 'w' });
    await sut.add('sync', 'poll', 'delayed', { jobId: 'd', delayMs: 60_000 });
    await started.promise;

    const closed = sut.close();
    await settle();
    expect(finished).toBe(false);
    release.resolve();
    await closed;
    expect(finished).toBe(true);
    expect(await sut.has('sync', 'w')).toBe(false);
    expect(await sut.has('sync', 'd')).toBe(false);
    expect(await sut.drained('sync')).toBe(true);
    expect(await rejection(sut.add('sync', 'poll', {}))).toMatchObject({ code: 'queue.closed' });
  });

  it('does not retry a job that fails while the queue is closing', async () => {
    const release = deferred();
    const started = deferred();
    const attempts: number[] = [];
    sut.process('sync', async (_data, ctx) => {
      attempts.push(ctx.attempt);
      started.resolve();
      await release.promise;
      throw new Error('interrupted');
    });
    await sut.add('sync', 'poll', {}, { backoffMs: 0 });
    await started.promise;
    const closed = sut.close();
    release.resolve();
    await closed;
    await settle();
    expect(attempts).toEqual([1]);
    expect(sut.failed()).toEqual([]);
  });
});

describe('InProcessJobQueue timers (fake clock)', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('close() clears the timers of delayed jobs and pending retries', async () => {
    const sut = new InProcessJobQueue({ queues: ['sync'] });
    sut.process('sync', async () => {
      throw new Error('retry me');
    });
    await sut.add('sync', 'poll', {}, { delayMs: 60_000 });
    await sut.add('sync', 'poll', {}, { backoffMs: 60_000 });
    await jest.advanceTimersByTimeAsync(10); // first run fails, a retry timer is set
    expect(jest.getTimerCount()).toBe(2);

    await sut.close();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('waits an exponential, jittered backoff between attempts', async () => {
    // Jitter at its midpoint: the retries come 0.9 × 1000 and 0.9 × 2000 ms after the failures (900, then 2700).
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const sut = new InProcessJobQueue({ queues: ['sync'] });
    const attempts: number[] = [];
    sut.process('sync', async (_data, ctx) => {
      attempts.push(ctx.attempt);
      throw new Error('down');
    });
    await sut.add('sync', 'poll', {}, { attempts: 3, backoffMs: 1000 });

    await jest.advanceTimersByTimeAsync(0);
    expect(attempts).toEqual([1]);
    // Margins of 50 ms around each due time keep the clock's own rounding out of the assertions.
    await jest.advanceTimersByTimeAsync(850);
    expect(attempts).toEqual([1]);
    await jest.advanceTimersByTimeAsync(100); // 950: the 900 ms retry ran, an unjittered 1000 ms one would not have
    expect(attempts).toEqual([1, 2]);
    await jest.advanceTimersByTimeAsync(1700); // 2650: a fixed backoff would have retried at 1800
    expect(attempts).toEqual([1, 2]);
    await jest.advanceTimersByTimeAsync(100); // 2750: the 1800 ms retry after the 900 ms one ran
    expect(attempts).toEqual([1, 2, 3]);
    expect(sut.failed()).toHaveLength(1);
    await sut.close();
  });
});
