import { Redis } from 'ioredis';

/** The cache in front of the home page. For now it is only pinged by GET /health. */
export interface Cache {
  ping(): Promise<void>;
  // Milestone "performance": get(key), set(key, value) and drop(key), so that GET /posts is read
  // from Redis and every write of a post drops the cached list.
}

/** For unit tests. */
export class MemoryCache implements Cache {
  async ping(): Promise<void> {}
}

/** Redis through ioredis. */
export class RedisCache implements Cache {
  constructor(readonly client: Redis) {}

  static async connect(url: string): Promise<RedisCache> {
    // No offline queue: while Redis is down, commands fail at once instead of waiting.
    const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 5000 });
    client.on('error', () => {}); // reconnects by itself; /health reports it meanwhile
    await client.connect();
    return new RedisCache(client);
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
