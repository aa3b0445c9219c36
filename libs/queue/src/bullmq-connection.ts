import type { RedisOptions } from 'bullmq';
import { QueueError } from './queue-error.js';

export interface BullConnections {
  /** For producers (`Queue`): fail fast when Redis is down instead of holding the caller. */
  queue: RedisOptions;
  /** For consumers (`Worker`): wait out Redis outages. */
  worker: RedisOptions;
}

/**
 * Connection options for REDIS_URL. BullMQ hands `url` to ioredis, which parses it (host, port, user, password,
 * db, rediss:// → TLS); https://docs.bullmq.io/guide/connections.
 * The URL may hold a password, so it never appears in an error message or a log line.
 */
export function bullConnections(redisUrl: string): BullConnections {
  let protocol: string;
  try {
    protocol = new URL(redisUrl).protocol;
  } catch {
    throw new QueueError('queue.invalid_config', 'redisUrl is not a valid URL', 'redisUrl');
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new QueueError('queue.invalid_config', 'redisUrl must start with redis:// or rediss://', 'redisUrl');
  }
  return {
    // An API request that enqueues after storing its row should get an error it can answer, not hang until Redis
    // returns; the sweeper enqueues the row later. https://docs.bullmq.io/patterns/failing-fast-when-redis-is-down
    queue: { url: redisUrl, enableOfflineQueue: false },
    // Workers block on Redis and must retry forever; BullMQ requires `maxRetriesPerRequest: null` for them.
    // https://docs.bullmq.io/guide/going-to-production (Automatic reconnections)
    worker: { url: redisUrl, maxRetriesPerRequest: null },
  };
}
