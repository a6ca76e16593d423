import { createApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { PgStore } from './store.js';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (err) {
  console.error(JSON.stringify({ level: 'error', msg: (err as Error).message }));
  process.exit(1);
}
const store = await PgStore.connect(config.databaseUrl);
createApp({ store, config }).listen(config.port, () => {
  console.log(JSON.stringify({ level: 'info', msg: 'listening', service: '{{name}}', port: config.port, time: new Date().toISOString() }));
});
