import { createApp } from './app.js';
import { PgCounts } from './counts.js';
import { RedisLog } from './stream.js';

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
const delayMs = Number(process.env.AGGREGATE_DELAY_MS || 0);
if (!Number.isFinite(delayMs) || delayMs < 0) {
  log({ level: 'error', msg: `AGGREGATE_DELAY_MS must be a number of milliseconds, not ${process.env.AGGREGATE_DELAY_MS}` });
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

const counts = await connect('PostgreSQL at DATABASE_URL', () => PgCounts.connect(databaseUrl, delayMs));
const events = await connect('Redis at REDIS_URL', () => RedisLog.connect(redisUrl));

// Milestone "ingest": start the counter here, a loop that reads the stream in the consumer group and
// writes counts with counts.add, then acknowledges what it wrote.

const server = createApp({ counts, log: events }, log).listen(port, () => log({ level: 'info', msg: 'listening', port }));

// On SIGTERM or Ctrl-C: stop taking requests, close the connections.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log({ level: 'info', msg: 'shutting down', signal });
  // In-flight requests finish (for at most 3 s); idle keep-alive connections (and open streams) close now.
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(resolve, 3000).unref();
  });
  await events.close();
  await counts.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
