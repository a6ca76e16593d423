import { createApp } from './app.js';
import { RedisBuckets } from './buckets.js';
import { ConfigError, loadConfig, type Config } from './config.js';

const log = (entry: Record<string, unknown>) => console.log(JSON.stringify({ time: new Date().toISOString(), service: '{{name}}', ...entry }));

let config: Config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  log({ level: 'error', msg: err.message });
  process.exit(1);
}

let buckets: RedisBuckets;
try {
  buckets = await RedisBuckets.connect(config.redisUrl);
} catch (err) {
  log({ level: 'error', msg: `cannot reach Redis at REDIS_URL: ${(err as Error).message}` });
  process.exit(1);
}

const server = createApp({ config, buckets }, log).listen(config.port, () =>
  log({ level: 'info', msg: 'listening', port: config.port, upstreams: [...config.upstreams.keys()] }),
);

// On SIGTERM or Ctrl-C: stop taking requests, let those in flight finish (3 s at most), close Redis.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log({ level: 'info', msg: 'shutting down', signal });
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(resolve, 3000).unref();
  });
  await buckets.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
