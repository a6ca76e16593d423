import { createApp } from './app.js';
import { readConfig, type Config } from './config.js';
import { S3FileStore } from './storage.js';

let config: Config;
try {
  config = readConfig(process.env);
} catch (err) {
  console.error(JSON.stringify({ level: 'error', msg: (err as Error).message }));
  process.exit(1);
}
const store = S3FileStore.fromConfig(config.s3);
// A store that is down now may be up later: the service starts anyway and /health answers 503 until then.
store.ensureBucket(config.s3.region).catch((err: Error) => console.error(JSON.stringify({ level: 'warn', msg: `could not make sure bucket ${config.s3.bucket} exists: ${err.message}` })));
const server = createApp(store, config).listen(config.port, () => {
  console.log(JSON.stringify({ level: 'info', msg: 'listening', service: '{{name}}', port: config.port, time: new Date().toISOString() }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
