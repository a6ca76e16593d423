import { createApp, createNode } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const server = createApp(createNode(config));
server.listen(config.port, () => {
  // One JSON object per line: log collectors parse it without rules.
  console.log(JSON.stringify({ level: 'info', msg: 'listening', node: config.nodeId, peers: config.nodes.length, port: config.port, time: new Date().toISOString() }));
});
