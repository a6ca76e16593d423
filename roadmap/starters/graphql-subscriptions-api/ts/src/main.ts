import { createApp } from './app.js';
import { createSchema } from './schema.js';
import { PgStore } from './store.js';

const port = Number(process.env.PORT ?? 3000);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error(JSON.stringify({ level: 'error', msg: 'DATABASE_URL is not set; copy .env.example to .env or export it' }));
  process.exit(1);
}
const store = await PgStore.connect(databaseUrl);
const server = createApp(createSchema(), store).listen(port, () => {
  console.log(JSON.stringify({ level: 'info', msg: 'listening', service: '{{name}}', port, time: new Date().toISOString() }));
});
// Open subscriptions would keep close() waiting: stop taking requests, end the pool, exit.
process.on('SIGTERM', () => {
  server.close();
  void store.close().finally(() => process.exit(0));
});
