import { createApp } from './app.js';
import { Chat } from './chat.js';
import { PgMessageStore } from './messages.js';

const port = Number(process.env.PORT ?? 3000);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error(JSON.stringify({ level: 'error', msg: 'DATABASE_URL is not set; copy .env.example to .env or export it' }));
  process.exit(1);
}
const store = await PgMessageStore.connect(databaseUrl);
// Two-instances milestone: connect to Redis (REDIS_URL) here and subscribe before listening.
const server = createApp(store, new Chat(store));
server.listen(port, () => {
  console.log(JSON.stringify({ level: 'info', msg: 'listening', service: '{{name}}', port, time: new Date().toISOString() }));
});
// Open WebSockets would hold a graceful close forever; the messages are in PostgreSQL already.
process.on('SIGTERM', () => process.exit(0));
