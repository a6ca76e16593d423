import pg from 'pg';
import { closeServer, logger, onIdleError, required, serve } from '../http.js';
import { kafkaClient, Publisher } from '../kafka.js';
import { orderRoutes } from './app.js';
import { PgOrderStore } from './store.js';

const log = logger('{{name}}-orders');
const port = Number(process.env.PORT ?? 3000);
const databaseUrl = required('DATABASE_URL', log);
const brokers = required('KAFKA_BROKERS', log);

async function connect<T>(what: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (err) {
    log({ level: 'error', msg: `cannot reach ${what}: ${(err as Error).message}` });
    process.exit(1);
  }
}

const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
pool.on('error', onIdleError(log));
const store = await connect('PostgreSQL at DATABASE_URL', () => PgOrderStore.connect(pool));
const publisher = await connect('Kafka at KAFKA_BROKERS', () => Publisher.connect(kafkaClient(brokers, '{{name}}-orders')));

const routes = orderRoutes({ store, publish: (key, value) => publisher.publish(key, value), pingKafka: () => publisher.ping(), testHooks: process.env.TEST_HOOKS === '1' });
const server = serve(routes, log).listen(port, () => log({ level: 'info', msg: 'listening', port }));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log({ level: 'info', msg: 'shutting down', signal });
  await closeServer(server);
  await publisher.close();
  await pool.end();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
