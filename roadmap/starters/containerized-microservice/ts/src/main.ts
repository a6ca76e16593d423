import { createApp } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const server = createApp();
server.listen(config.port, () => {
  // One JSON object per line: log collectors parse it without rules.
  console.log(JSON.stringify({ level: 'info', msg: 'listening', service: config.serviceName, port: config.port, time: new Date().toISOString() }));
});
