import { createApp } from './app.js';
import { PgPostStore } from './posts.js';

const port = Number(process.env.PORT ?? 3000);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error(JSON.stringify({ level: 'error', msg: 'DATABASE_URL is not set; copy .env.example to .env or export it' }));
  process.exit(1);
}
const store = await PgPostStore.connect(databaseUrl);
const server = createApp(store).listen(port, () => {
  console.log(JSON.stringify({ level: 'info', msg: 'listening', service: '{{name}}', port, time: new Date().toISOString() }));
});
process.on('SIGTERM', () => server.close(() => void store.close().then(() => process.exit(0))));
