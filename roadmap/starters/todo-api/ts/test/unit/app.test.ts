import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { createApp, route } from '../../src/app.js';
import type { Store } from '../../src/store.js';

// Only ping is needed here; the casts keep these tests compiling as Store grows.
const up = { ping: async () => {} } as Store;
const down = { ping: async (): Promise<void> => { throw new Error('connect ECONNREFUSED'); } } as Store;

test('GET /health answers 200 with status ok while the database answers', async () => {
  assert.deepEqual(await route(up, 'GET', '/health', undefined), { status: 200, body: { status: 'ok' } });
});

test('GET /health answers 503 with a JSON error when the database does not answer', async () => {
  const reply = await route(down, 'GET', '/health', undefined);
  assert.equal(reply.status, 503);
  assert.equal(typeof (reply.body as { error?: unknown }).error, 'string');
});

test('an unknown path answers 404 with a JSON error', async () => {
  const reply = await route(up, 'GET', '/nothing', undefined);
  assert.equal(reply.status, 404);
  assert.match((reply.body as { error: string }).error, /GET \/nothing/);
});

async function send(store: Store, method: string, path: string, body?: string): Promise<{ status: number; json: unknown }> {
  const server = createApp(store).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, { method, body, headers: { 'Content-Type': 'application/json' } });
    return { status: res.status, json: await res.json() };
  } finally {
    server.close();
  }
}

test('malformed JSON answers 400 with a JSON error', async () => {
  const res = await send(up, 'POST', '/items', '{"title": ');
  assert.equal(res.status, 400);
  assert.deepEqual(res.json, { error: 'the body is not valid JSON' });
});

test('a database error thrown by a route answers 503 with a JSON error, not a crash', async () => {
  const failing = async (): Promise<never> => { throw new Error('terminating connection due to administrator command'); };
  const server = createApp(up, failing).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/items`);
    assert.equal(res.status, 503);
    assert.equal(typeof ((await res.json()) as { error?: unknown }).error, 'string');
  } finally {
    server.close();
  }
});
