import { createApp } from './app.js';
import { RedisCache } from './cache.js';
import { PgStore } from './store.js';

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
const jwtSecret = required('JWT_SECRET');
if (jwtSecret.length < 32) {
  log({ level: 'error', msg: 'JWT_SECRET must be at least 32 characters' });
  process.exit(1);
}
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

const store = await connect('PostgreSQL at DATABASE_URL', () => PgStore.connect(databaseUrl, slowQueryMs));
const cache = await connect('Redis at REDIS_URL', () => RedisCache.connect(redisUrl));
const server = createApp({ store, cache, jwtSecret }, log).listen(port, () => log({ level: 'info', msg: 'listening', port }));

// On SIGTERM (a deploy replacing this container) or Ctrl-C: finish requests, close the connections.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log({ level: 'info', msg: 'shutting down', signal });
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(resolve, 3000).unref();
  });
  await cache.close();
  await store.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
