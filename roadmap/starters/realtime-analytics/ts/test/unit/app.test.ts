import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { createApp, route, type Deps } from '../../src/app.js';
import { MemoryCounts } from '../../src/counts.js';
import { MemoryLog } from '../../src/stream.js';

function deps(overrides: Partial<Deps> = {}): Deps {
  return { counts: new MemoryCounts(), log: new MemoryLog(), ...overrides };
}

const down = async () => {
  throw new Error('connection refused');
};

test('GET /health answers 200 while PostgreSQL and Redis answer', async () => {
  const reply = await route(deps(), 'GET', '/health', null);
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.body, { status: 'ok', checks: { postgresql: 'ok', redis: 'ok' } });
});

test('GET /health answers 503 with a JSON error naming the service that does not answer', async () => {
  for (const [name, broken] of [
    ['postgresql', { counts: Object.assign(new MemoryCounts(), { ping: down }) }],
    ['redis', { log: Object.assign(new MemoryLog(), { ping: down }) }],
  ] as const) {
    const reply = await route(deps(broken), 'GET', '/health', null);
    assert.equal(reply.status, 503, name);
    const body = reply.body as { failed: string[]; error: string };
    assert.deepEqual(body.failed, [name]);
    assert.match(body.error, new RegExp(name));
  }
});

test('over HTTP: a service that fails answers 503 with a JSON error, a body that is not JSON 400, an unknown route 404', async () => {
  const server = createApp(deps({ counts: Object.assign(new MemoryCounts(), { ping: down }) })).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const health = await fetch(`${base}/health`);
    assert.equal(health.status, 503);
    assert.match(health.headers.get('content-type') ?? '', /json/);
    assert.equal(typeof ((await health.json()) as { error: unknown }).error, 'string');
    assert.equal((await fetch(`${base}/nowhere`, { method: 'POST', body: '{not json' })).status, 400);
    assert.equal((await fetch(`${base}/nowhere`)).status, 404);
  } finally {
    server.close();
  }
});

test('counts add up per type and minute', async () => {
  const counts = new MemoryCounts();
  await counts.add([{ type: 'click', minute: 60_000, count: 2 }]);
  await counts.add([{ type: 'click', minute: 60_000, count: 3 }, { type: 'view', minute: 60_000, count: 1 }]);
  assert.equal(counts.rows.get('click\n60000')?.count, 5);
  assert.equal(counts.rows.get('view\n60000')?.count, 1);
});
