import { bullConnections } from './bullmq-connection.js';
import { QueueError } from './queue-error.js';

describe('bullConnections', () => {
  it('gives workers retry-forever connections and producers fail-fast ones', () => {
    const { queue, worker } = bullConnections('redis://:pw@redis.internal:6380/2');
    expect(worker).toEqual({ url: 'redis://:pw@redis.internal:6380/2', maxRetriesPerRequest: null });
    expect(queue).toEqual({ url: 'redis://:pw@redis.internal:6380/2', enableOfflineQueue: false });
  });

  it('accepts rediss:// (TLS)', () => {
    expect(bullConnections('rediss://cache.example:6379').worker.url).toBe('rediss://cache.example:6379');
  });

  it.each(['not a url', 'http://:s3cret@redis.internal:6379'])(
    'rejects %p with a stable code, naming redisUrl and never echoing it',
    (url) => {
      let thrown: unknown;
      try {
        bullConnections(url);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(QueueError);
      const err = thrown as QueueError;
      expect([err.code, err.field]).toEqual(['queue.invalid_config', 'redisUrl']);
      expect(err.message).not.toContain('s3cret');
      expect(err.message).not.toContain(url);
    },
  );
});
