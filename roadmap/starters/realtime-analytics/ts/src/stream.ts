import { Redis } from 'ioredis';

/** The Redis stream accepted events go to, and the consumer group that counts them. */
export const STREAM = '{{name}}-events';
export const GROUP = '{{name}}-counter';

/** The event log. For now it is only pinged by GET /health; the ingest milestone appends to it. */
export interface EventLog {
  ping(): Promise<void>;
}

/** For unit tests. */
export class MemoryLog implements EventLog {
  async ping(): Promise<void> {}
}

/**
 * A Redis stream through ioredis. The ingest milestone appends each accepted batch with XADD before
 * answering 202, and a consumer group (XGROUP CREATE ... MKSTREAM, XREADGROUP, XACK) counts the
 * entries: an entry read but not acknowledged when the process dies stays pending, and is read again
 * (XREADGROUP with id 0) after a restart.
 */
export class RedisLog implements EventLog {
  constructor(readonly client: Redis) {}

  static async connect(url: string): Promise<RedisLog> {
    // No offline queue: while Redis is down, commands fail at once instead of waiting.
    const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 5000 });
    client.on('error', () => {}); // reconnects by itself; /health reports it meanwhile
    await client.connect();
    return new RedisLog(client);
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
