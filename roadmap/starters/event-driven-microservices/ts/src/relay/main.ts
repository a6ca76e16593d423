import pg from 'pg';
import { logger, onIdleError, required } from '../http.js';
import { kafkaClient, Publisher } from '../kafka.js';

/**
 * The outbox relay: a process of its own that publishes what the order service wrote to its outbox.
 * It has no HTTP server; verify starts it beside the two services and may stop it alone.
 */
const log = logger('{{name}}-relay');
const databaseUrl = required('DATABASE_URL', log);
const brokers = required('KAFKA_BROKERS', log);
const pollMs = Number(process.env.RELAY_POLL_MS || 200);

const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 5000 });
pool.on('error', onIdleError(log));
let publisher: Publisher;
try {
  publisher = await Publisher.connect(kafkaClient(brokers, '{{name}}-relay'));
} catch (err) {
  log({ level: 'error', msg: `cannot reach Kafka at KAFKA_BROKERS: ${(err as Error).message}` });
  process.exit(1);
}

/**
 * Milestone "outbox": read the unsent outbox rows in the order they were written, publish each (keyed
 * by its sku) and mark it sent only once Kafka has it. Returns how many it published.
 */
async function relayOnce(): Promise<number> {
  return 0;
}

let stopping = false;
async function shutdown(signal: string) {
  stopping = true;
  log({ level: 'info', msg: 'shutting down', signal });
  await publisher.close();
  await pool.end();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

log({ level: 'info', msg: 'relay running', pollMs });
while (!stopping) {
  try {
    await relayOnce();
  } catch (err) {
    // The outbox table may not exist yet, or PostgreSQL or Kafka may be down: try again on the next round.
    log({ level: 'warn', msg: 'relay round failed', error: (err as Error).message });
  }
  await new Promise((resolve) => setTimeout(resolve, pollMs));
}
