import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { bullConnections } from './bullmq-connection.js';
import { toBullJobId } from './bullmq-job-id.js';
import { BullMqJobQueue } from './bullmq-job-queue.js';
import type { JobContext } from './job-queue.js';
import { QueueError } from './queue-error.js';
import { deferred, eventually } from './testing/eventually.js';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from './testing/redis-test-support.js';

// Real Redis (REDIS_URL or the local server); every test gets its own key prefix and removes its keys.
describe('BullMqJobQueue (Redis)', () => {
  const connections = bullConnections(TEST_REDIS_URL);
  let prefix: string;
  let queues: Queue[];
  let sut: BullMqJobQueue;

  beforeEach(() => {
    prefix = uniquePrefix('bullmq');
    queues = ['sync', 'inbox'].map((name) => new Queue(name, { connection: connections.queue, prefix }));
    sut = new BullMqJobQueue(queues, { workerConnection: connections.worker, prefix });
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    await sut.close();
    await deleteKeys(prefix);
    jest.restoreAllMocks();
  });

  it('is the bullmq kind', () => {
    expect(sut.kind).toBe('bullmq');
  });

  it('runs an added job with its data and context, giving back an id that contains ":"', async () => {
    const seen = deferred<[unknown, JobContext]>();
    sut.process('sync', async (data, ctx) => seen.resolve([data, ctx]));
    await sut.add('sync', 'poll', { connection: 'default' }, { jobId: 'poll:trailflow:default' });

    expect(await seen.promise).toEqual([
      { connection: 'default' },
      { jobId: 'poll:trailflow:default', attempt: 1, queue: 'sync', name: 'poll' },
    ]);
  });

  it('retries a failing job with attempt numbers until it succeeds', async () => {
    const attempts: number[] = [];
    const done = deferred();
    sut.process('sync', async (_data, ctx) => {
      attempts.push(ctx.attempt);
      if (ctx.attempt < 3) throw new Error('provider down');
      done.resolve();
    });
    await sut.add('sync', 'poll', {}, { jobId: 'retry-me', backoffMs: 10 });

    await done.promise;
    await eventually(() => sut.drained('sync'));
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('stores attempts, exponential backoff and the removal policy on the job', async () => {
    await sut.add('inbox', 'process', { row: 1 }, { jobId: 'row:1', attempts: 4, backoffMs: 250, delayMs: 60_000 });
    const job = await queues[1]!.getJob(toBullJobId('row:1'));
    expect(job?.opts).toMatchObject({
      attempts: 4,
      delay: 60_000,
      backoff: { type: 'exponential', delay: 250, jitter: expect.any(Number) },
      removeOnComplete: true,
      removeOnFail: { count: 1000 },
    });
  });

  it('uses 5 attempts and a 1000 ms backoff by default', async () => {
    await sut.add('inbox', 'process', {}, { jobId: 'defaults' });
    const job = await queues[1]!.getJob('defaults');
    expect(job?.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 1000 } });
  });

  it('collapses two adds with one id while the job is waiting into one run', async () => {
    await sut.add('sync', 'poll', 'first', { jobId: 'poll:a' });
    await sut.add('sync', 'poll', 'second', { jobId: 'poll:a' });
    const runs: unknown[] = [];
    sut.process('sync', async (data) => void runs.push(data));

    await eventually(() => runs.length === 1);
    await eventually(() => sut.drained('sync'));
    expect(runs).toEqual(['first']);
  });

  it('answers has() for waiting and delayed jobs, not for unknown or finished ones', async () => {
    await sut.add('sync', 'poll', {}, { jobId: 'poll:waiting' });
    await sut.add('sync', 'poll', {}, { jobId: 'poll:delayed', delayMs: 60_000 });
    expect(await sut.has('sync', 'poll:waiting')).toBe(true);
    expect(await sut.has('sync', 'poll:delayed')).toBe(true);
    expect(await sut.has('sync', 'poll:other')).toBe(false);
    expect(await sut.has('inbox', 'poll:waiting')).toBe(false);
    expect(await sut.drained('sync')).toBe(false);

    const done = deferred();
    sut.process('sync', async () => done.resolve());
    await done.promise;
    await eventually(async () => !(await sut.has('sync', 'poll:waiting')));
    expect(await sut.has('sync', 'poll:delayed')).toBe(true);
  });

  it('answers has() while the job is active', async () => {
    const started = deferred();
    const release = deferred();
    sut.process('sync', async () => {
      started.resolve();
      await release.promise;
    });
    await sut.add('sync', 'poll', {}, { jobId: 'poll:active' });
    await started.promise;
    expect(await sut.has('sync', 'poll:active')).toBe(true);
    expect(await sut.drained('sync')).toBe(false);
    release.resolve();
    await eventually(() => sut.drained('sync'));
    expect(await sut.has('sync', 'poll:active')).toBe(false);
  });

  it('accepts the id of a job that failed for good again (the sweeper re-enqueues it)', async () => {
    const runs: string[] = [];
    sut.process('inbox', async (data) => {
      runs.push(data as string);
      if (runs.length === 1) throw new Error('bad payload');
    });
    await sut.add('inbox', 'process', 'first', { jobId: 'row:9', attempts: 1 });
    await eventually(async () => (await queues[1]!.getJobState(toBullJobId('row:9'))) === 'failed');
    expect(await sut.has('inbox', 'row:9')).toBe(false);

    await sut.add('inbox', 'process', 'again', { jobId: 'row:9', attempts: 1 });
    await eventually(() => runs.length === 2);
    expect(runs).toEqual(['first', 'again']);
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
      { concurrency: 3 },
    );
    for (let i = 0; i < 8; i++) await sut.add('sync', 'poll', i);

    await eventually(() => inFlight >= 3);
    // Give a worker that ignored the limit the chance to take more before anything is released.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(inFlight).toBe(3);

    while (!(await sut.drained('sync'))) {
      gates.splice(0).forEach((open) => open());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(maxInFlight).toBe(3);
  });

  it('logs a job that failed for good without its data', async () => {
    const errorLog = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    sut.process('inbox', async () => {
      throw new Error('unmappable');
    });
    await sut.add('inbox', 'process', { apiKey: 'secret-value' }, { jobId: 'row:3', attempts: 2, backoffMs: 1 });
    await eventually(() => errorLog.mock.calls.length > 0);
    expect(String(errorLog.mock.calls[0]?.[0])).toContain('row:3');
    expect(String(errorLog.mock.calls[0]?.[0])).toContain('unmappable');
    expect(JSON.stringify(errorLog.mock.calls)).not.toContain('secret-value');
  });

  it('refuses unknown queues, a second handler and work after close, with stable codes', async () => {
    await expect(sut.add('nope', 'x', {})).rejects.toMatchObject({ code: 'queue.unknown_queue', field: 'queue' });
    sut.process('sync', async () => undefined);
    expect(() => sut.process('sync', async () => undefined)).toThrow(QueueError);
    await sut.close();
    await expect(sut.add('sync', 'x', {})).rejects.toMatchObject({ code: 'queue.closed' });
  });
});
