import { createApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { PgStore } from './store.js';
import { Worker } from './worker.js';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (err) {
  console.error(JSON.stringify({ level: 'error', msg: (err as Error).message }));
  process.exit(1);
}
const store = await PgStore.connect(config.databaseUrl);
// The worker runs inside this process: one server, one worker, one database.
const worker = new Worker(store, config);
const server = createApp({ store }).listen(config.port, () => {
  console.log(JSON.stringify({ level: 'info', msg: 'listening', service: '{{name}}', port: config.port, time: new Date().toISOString() }));
  worker.start();
});

process.on('SIGTERM', () => {
  server.close();
  void worker.stop().then(() => store.close()).then(() => process.exit(0));
});
