import assert from 'node:assert/strict';
import { test } from 'node:test';
import { route, type Deps } from '../../src/app.js';
import { MemoryCache } from '../../src/cache.js';
import { MemoryEvents } from '../../src/events.js';
import { MemoryItemStore } from '../../src/items.js';

function deps(overrides: Partial<Deps> = {}): Deps {
  return { store: new MemoryItemStore(), cache: new MemoryCache(), events: new MemoryEvents(), ...overrides };
}

const down = async () => {
  throw new Error('connection refused');
};

test('GET /health answers 200 while PostgreSQL, Redis and Kafka answer', async () => {
  const reply = await route(deps(), 'GET', '/health', null);
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.body, { status: 'ok', checks: { postgresql: 'ok', redis: 'ok', kafka: 'ok' } });
});

test('GET /health answers 503 and names the service that does not answer', async () => {
  for (const [name, broken] of [
    ['postgresql', { store: Object.assign(new MemoryItemStore(), { ping: down }) }],
    ['redis', { cache: Object.assign(new MemoryCache(), { ping: down }) }],
    ['kafka', { events: Object.assign(new MemoryEvents(), { ping: down }) }],
  ] as const) {
    const reply = await route(deps(broken), 'GET', '/health', null);
    assert.equal(reply.status, 503, name);
    assert.deepEqual((reply.body as { failed: string[] }).failed, [name]);
  }
});

test('POST /items creates an item that GET /items/{id} returns', async () => {
  const d = deps();
  const created = await route(d, 'POST', '/items', { name: 'first' });
  assert.equal(created.status, 201);
  const item = created.body as { id: string; name: string };
  assert.equal(item.name, 'first');
  assert.match(item.id, /^[0-9a-f-]{36}$/);
  const read = await route(d, 'GET', `/items/${item.id}`, null);
  assert.equal(read.status, 200);
  assert.deepEqual(read.body, item);
});

test('a missing or empty name answers 400', async () => {
  for (const body of [null, {}, { name: '' }, { name: 42 }, { name: 'x'.repeat(201) }]) {
    assert.equal((await route(deps(), 'POST', '/items', body)).status, 400, JSON.stringify(body));
  }
});

test('an unknown item, a malformed id and an unknown route answer 404', async () => {
  assert.equal((await route(deps(), 'GET', '/items/00000000-0000-4000-8000-000000000000', null)).status, 404);
  assert.equal((await route(deps(), 'GET', '/items/not-an-id', null)).status, 404);
  assert.equal((await route(deps(), 'GET', '/nowhere', null)).status, 404);
});
