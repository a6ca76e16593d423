import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { createNode, route } from '../../src/app.js';
import { loadConfig, parseNodes } from '../../src/config.js';
import { callPeer } from '../../src/peers.js';

const node = () => createNode(loadConfig({ NODE_ID: 'a' }));

test('GET /health answers 200 ok', async () => {
  assert.deepEqual(await route(node(), 'GET', '/health', null), { status: 200, body: { status: 'ok' } });
});

test('PUT /cache/{key} stores a value that GET returns', async () => {
  const n = node();
  assert.deepEqual(await route(n, 'PUT', '/cache/greeting', { value: 'hello' }), { status: 200, body: { key: 'greeting', value: 'hello' } });
  assert.deepEqual(await route(n, 'GET', '/cache/greeting', null), { status: 200, body: { key: 'greeting', value: 'hello' } });
});

test('a value that is not text answers 400 and an unknown key 404', async () => {
  const n = node();
  assert.equal((await route(n, 'PUT', '/cache/k', { value: 42 })).status, 400);
  assert.equal((await route(n, 'PUT', '/cache/k', null)).status, 400);
  assert.equal((await route(n, 'GET', '/cache/k', null)).status, 404);
});

test('NODE_ID, NODES and MAX_KEYS come from the environment and are checked', () => {
  const c = loadConfig({ PORT: '8081', NODE_ID: 'b', NODES: 'a=http://127.0.0.1:1,b=http://127.0.0.1:2/', MAX_KEYS: '5' });
  assert.deepEqual([c.port, c.nodeId, c.maxKeys], [8081, 'b', 5]);
  assert.deepEqual(c.nodes, [{ id: 'a', url: 'http://127.0.0.1:1' }, { id: 'b', url: 'http://127.0.0.1:2' }]);
  assert.deepEqual(parseNodes(''), []);
  assert.throws(() => parseNodes('nourl'), /id=url pairs/);
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT must be a TCP port/);
  assert.throws(() => loadConfig({ MAX_KEYS: '0' }), /MAX_KEYS/);
});

test('a peer that does not answer gives 503 with a JSON error, not a crash', async () => {
  // A port that was free a moment ago: nothing listens there.
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
  const reply = await callPeer(`http://127.0.0.1:${port}`, 'GET', '/cache/k');
  assert.equal(reply.status, 503);
  assert.match((reply.body as { error: string }).error, /did not answer/);
});
