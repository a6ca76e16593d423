import { Redis } from 'ioredis';

/**
 * Where the callers' rate-limit buckets live. For now it is only pinged by GET /health; milestone 4
 * (limits) adds a method that takes one token from a caller's bucket in Redis.
 */
export interface Buckets {
  ping(): Promise<void>;
}

/** For unit tests. */
export class MemoryBuckets implements Buckets {
  async ping(): Promise<void> {}
}

/** Every Redis key of this gateway starts with it, so several apps can share one Redis. */
export const KEY_PREFIX = '{{name}}:';

/** Redis through ioredis. */
export class RedisBuckets implements Buckets {
  constructor(readonly client: Redis) {}

  static async connect(url: string): Promise<RedisBuckets> {
    // No offline queue: while Redis is down, commands fail at once (a 503) instead of waiting.
    const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 5000 });
    client.on('error', () => {}); // reconnects by itself; requests answer 503 meanwhile
    await client.connect();
    return new RedisBuckets(client);
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
