import { createApp } from './app.js';
import { PgLinkStore } from './links.js';

const port = Number(process.env.PORT ?? 3000);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error(JSON.stringify({ level: 'error', msg: 'DATABASE_URL is not set; copy .env.example to .env or export it' }));
  process.exit(1);
}
const slowQueryMs = Number(process.env.SLOW_QUERY_MS ?? 0);
if (!Number.isFinite(slowQueryMs) || slowQueryMs < 0) {
  console.error(JSON.stringify({ level: 'error', msg: `SLOW_QUERY_MS must be a number of milliseconds, not '${process.env.SLOW_QUERY_MS}'` }));
  process.exit(1);
}
const store = await PgLinkStore.connect(databaseUrl, slowQueryMs);
const baseUrl = process.env.BASE_URL ?? `http://localhost:${port}`;
createApp(store, baseUrl).listen(port, () => {
  console.log(JSON.stringify({ level: 'info', msg: 'listening', service: '{{name}}', port, time: new Date().toISOString() }));
});
