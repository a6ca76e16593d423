import pg from 'pg';
import { closeServer, logger, onIdleError, required, serve } from '../http.js';
import { kafkaClient, Subscriber } from '../kafka.js';
import { stockRoutes } from './app.js';
import { PgStockStore } from './store.js';

const log = logger('{{name}}-stock');
const port = Number(process.env.PORT ?? 3001);
const databaseUrl = required('DATABASE_URL', log);
const brokers = required('KAFKA_BROKERS', log);

const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
pool.on('error', onIdleError(log));
let store: PgStockStore;
try {
  store = await PgStockStore.connect(pool);
} catch (err) {
  log({ level: 'error', msg: `cannot reach PostgreSQL at DATABASE_URL: ${(err as Error).message}` });
  process.exit(1);
}

// The consumer: one member of the group '{{name}}-stock'. For now it only logs what arrives.
// Milestone "events": parse the OrderPlaced event and reserve its quantity for its sku.
// Milestone "contracts": validate it against contracts/order-placed.schema.json first (ajv is installed);
// one that breaks it goes to the dead letters and is not applied.
async function handle(text: string): Promise<void> {
  log({ level: 'info', msg: 'event received', event: text });
}

const subscriber = new Subscriber(kafkaClient(brokers, '{{name}}-stock'), '{{name}}-stock');
subscriber.start(handle).catch((err) => log({ level: 'error', msg: 'the consumer could not start', error: (err as Error).message }));

const routes = stockRoutes({ store, pingKafka: () => subscriber.ping(), joined: () => subscriber.joined });
const server = serve(routes, log).listen(port, () => log({ level: 'info', msg: 'listening', port }));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log({ level: 'info', msg: 'shutting down', signal });
  await closeServer(server);
  // Leaving the group waits for a join under way: 2 s at most (the group then drops this member once its session times out).
  await Promise.race([subscriber.close(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  await pool.end();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
