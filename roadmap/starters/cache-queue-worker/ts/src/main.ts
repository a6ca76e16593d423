import { createApp } from './app.js';
import { RedisCache } from './cache.js';
import { KafkaEvents } from './events.js';
import { PgItemStore } from './items.js';

const log = (entry: Record<string, unknown>) => console.log(JSON.stringify({ time: new Date().toISOString(), service: '{{name}}', ...entry }));

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    log({ level: 'error', msg: `${name} is not set; copy .env.example to .env or export it` });
    process.exit(1);
  }
  return value;
}

const port = Number(process.env.PORT ?? 3000);
const databaseUrl = required('DATABASE_URL');
const redisUrl = required('REDIS_URL');
const brokers = required('KAFKA_BROKERS');
const slowQueryMs = Number(process.env.SLOW_QUERY_MS || 0);
if (!Number.isFinite(slowQueryMs) || slowQueryMs < 0) {
  log({ level: 'error', msg: `SLOW_QUERY_MS must be a number of milliseconds, not ${process.env.SLOW_QUERY_MS}` });
  process.exit(1);
}

async function connect<T>(what: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (err) {
    log({ level: 'error', msg: `cannot reach ${what}: ${(err as Error).message}` });
    process.exit(1);
  }
}

const store = await connect('PostgreSQL at DATABASE_URL', () => PgItemStore.connect(databaseUrl, slowQueryMs));
const cache = await connect('Redis at REDIS_URL', () => RedisCache.connect(redisUrl));
const events = await connect('Kafka at KAFKA_BROKERS', () => KafkaEvents.connect(brokers, '{{name}}'));

// The worker: a consumer group in this process. Milestone 4 makes it record its result; for now it
// only logs what it receives (and nothing publishes yet).
events
  .startWorker(
    '{{name}}-worker',
    async (event) => log({ level: 'info', msg: 'event received', eventId: event.eventId, type: event.type, itemId: event.itemId }),
    (err) => log({ level: 'warn', msg: 'skipped a message', error: (err as Error).message }),
  )
  .catch((err) => log({ level: 'error', msg: 'the worker could not start', error: (err as Error).message }));

const server = createApp({ store, cache, events }, log).listen(port, () => log({ level: 'info', msg: 'listening', port }));

// On SIGTERM or Ctrl-C: stop taking requests, leave the consumer group, close the connections.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log({ level: 'info', msg: 'shutting down', signal });
  // In-flight requests finish (for at most 3 s); idle keep-alive connections close now.
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(resolve, 3000).unref();
  });
  // Leaving the consumer group waits for a join under way; a shutdown waits for it 2 s at most (the
  // group then drops this member once its session times out).
  await Promise.race([events.close(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  await cache.close();
  await store.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
