import { afterEach, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { BullMqJobQueue } from './bullmq-job-queue.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { JOB_QUEUE, type JobContext, type JobQueue } from './job-queue.js';
import { QueueError } from './queue-error.js';
import { QueueModule } from './queue.module.js';
import { deferred } from './testing/eventually.js';
import { deleteKeys, redisKeys, TEST_REDIS_URL, uniquePrefix } from './testing/redis-test-support.js';

async function roundTrip(queue: JobQueue): Promise<[unknown, JobContext]> {
  const seen = deferred<[unknown, JobContext]>();
  queue.process('sync', async (data, ctx) => seen.resolve([data, ctx]));
  await queue.add('sync', 'poll', { n: 1 }, { jobId: 'poll:trailflow:default' });
  return seen.promise;
}

function configError(fn: () => unknown): QueueError {
  try {
    fn();
  } catch (err) {
    if (err instanceof QueueError) return err;
    throw err;
  }
  throw new Error('expected a QueueError');
}

describe('QueueModule', () => {
  let moduleRef: TestingModule | undefined;
  let prefix: string | undefined;

  afterEach(async () => {
    await moduleRef?.close();
    if (prefix) await deleteKeys(prefix);
    moduleRef = undefined;
    prefix = undefined;
  });

  it('provides the in-process queue when no redisUrl is given, and closes it with the app', async () => {
    moduleRef = await Test.createTestingModule({ imports: [QueueModule.forRoot({ queues: ['sync'] })] }).compile();
    const queue = moduleRef.get<JobQueue>(JOB_QUEUE);

    expect(queue).toBeInstanceOf(InProcessJobQueue);
    expect(queue.kind).toBe('in-process');
    expect(await roundTrip(queue)).toEqual([
      { n: 1 },
      { jobId: 'poll:trailflow:default', attempt: 1, queue: 'sync', name: 'poll' },
    ]);

    await moduleRef.close();
    await expect(queue.add('sync', 'poll', {})).rejects.toMatchObject({ code: 'queue.closed' });
  });

  it('treats an empty redisUrl (REDIS_URL="") as unset', async () => {
    moduleRef = await Test.createTestingModule({
      imports: [QueueModule.forRoot({ redisUrl: '', queues: ['sync'] })],
    }).compile();
    expect(moduleRef.get<JobQueue>(JOB_QUEUE).kind).toBe('in-process');
  });

  it('provides the BullMQ queue on Redis, under the given key prefix, and closes it with the app', async () => {
    prefix = uniquePrefix('module');
    moduleRef = await Test.createTestingModule({
      imports: [QueueModule.forRoot({ redisUrl: TEST_REDIS_URL, prefix, queues: ['sync', 'inbox'] })],
    }).compile();
    const queue = moduleRef.get<JobQueue>(JOB_QUEUE);

    expect(queue).toBeInstanceOf(BullMqJobQueue);
    expect(queue.kind).toBe('bullmq');
    expect(await roundTrip(queue)).toEqual([
      { n: 1 },
      { jobId: 'poll:trailflow:default', attempt: 1, queue: 'sync', name: 'poll' },
    ]);
    expect((await redisKeys(prefix)).some((key) => key.startsWith(`${prefix}:sync:`))).toBe(true);

    await moduleRef.close();
    await expect(queue.add('sync', 'poll', {})).rejects.toMatchObject({ code: 'queue.closed' });
  });

  it.each([
    [{ redisUrl: 'http://:s3cret@redis.internal:6379', queues: ['sync'] }, 'redisUrl'],
    [{ redisUrl: TEST_REDIS_URL, prefix: '', queues: ['sync'] }, 'prefix'],
    [{ queues: ['sync', 'sync'] }, 'queues'],
  ])('rejects bad configuration before connecting (%#)', (opts, field) => {
    const err = configError(() => QueueModule.forRoot(opts));
    expect([err.code, err.field]).toEqual(['queue.invalid_config', field]);
    expect(err.message).not.toContain('s3cret');
  });

  it('rejects a queue name BullMQ cannot use', () => {
    const err = configError(() => QueueModule.forRoot({ queues: ['sync:fast'] }));
    expect([err.code, err.field]).toEqual(['queue.invalid_queue_name', 'queues']);
  });
});
