import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { serve, type Route } from '../../src/http.js';
import { orderRoutes } from '../../src/orders/app.js';
import { MemoryOrderStore } from '../../src/orders/store.js';
import { stockRoutes } from '../../src/stock/app.js';
import { MemoryStockStore } from '../../src/stock/store.js';

function orders(store = new MemoryOrderStore(), testHooks = false) {
  const published: { key: string; value: unknown }[] = [];
  const route = orderRoutes({ store, publish: async (key, value) => void published.push({ key, value }), pingKafka: async () => {}, testHooks });
  return { route, published, store };
}

/** Serves `route` on a free port for one request. */
async function over(route: Route, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const server = serve(route, () => {}).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, json: await res.json() };
  } finally {
    server.close();
  }
}

test('POST /orders stores an order and GET /orders/{id} reads it back', async () => {
  const { route } = orders();
  const created = await route('POST', '/orders', { sku: 'ABC-1', quantity: 2 });
  assert.equal(created.status, 201);
  const order = created.body as { id: string; sku: string; quantity: number };
  assert.deepEqual([order.sku, order.quantity], ['ABC-1', 2]);
  assert.deepEqual(await route('GET', `/orders/${order.id}`, null), { status: 200, body: order });
  assert.equal((await route('GET', '/orders/00000000-0000-4000-8000-000000000000', null)).status, 404);
  assert.equal((await route('GET', '/orders/not-an-id', null)).status, 404);
});

test('a quantity from 1 to 100 and a sku of 1 to 64 letters, digits or hyphens are accepted; anything else answers 400', async () => {
  const { route } = orders();
  for (const body of [{ sku: 'a', quantity: 1 }, { sku: 'x'.repeat(64), quantity: 100 }]) assert.equal((await route('POST', '/orders', body)).status, 201, JSON.stringify(body));
  const bad = [{ sku: 'a', quantity: 0 }, { sku: 'a', quantity: 101 }, { sku: 'a', quantity: 1.5 }, { sku: 'a', quantity: '2' }, { sku: '', quantity: 1 }, { sku: 'x'.repeat(65), quantity: 1 }, { sku: 'a b', quantity: 1 }, null];
  for (const body of bad) assert.equal((await route('POST', '/orders', body)).status, 400, JSON.stringify(body));
});

test('POST /test/events publishes the body as it is, keyed by its sku, only with TEST_HOOKS', async () => {
  const off = orders();
  assert.equal((await off.route('POST', '/test/events', { sku: 'A' })).status, 404);
  const on = orders(new MemoryOrderStore(), true);
  const event = { eventId: 'e1', orderId: 'o1', sku: 'A', quantity: 'three' };
  assert.equal((await on.route('POST', '/test/events', event)).status, 202);
  assert.deepEqual(on.published, [{ key: 'A', value: event }]);
});

test('a database that fails answers 503 with a JSON error; a body that is not JSON 400', async () => {
  const failing = new MemoryOrderStore();
  failing.create = async () => {
    throw new Error('connection refused');
  };
  const { route } = orders(failing);
  assert.deepEqual(await over(route, 'POST', '/orders', { sku: 'A', quantity: 1 }), { status: 503, json: { error: 'a service the request needs is unavailable; try again' } });
  assert.equal((await over(route, 'POST', '/orders', '{not json')).status, 400);
});

test('the stock service answers 0 for a sku nothing reserved, and is healthy only once its consumer joined', async () => {
  let joined = false;
  const store = new MemoryStockStore();
  const route = stockRoutes({ store, pingKafka: async () => {}, joined: () => joined });
  assert.deepEqual(await route('GET', '/stock/ABC-1', null), { status: 200, body: { sku: 'ABC-1', reserved: 0 } });
  assert.equal((await route('GET', '/health', null)).status, 503);
  joined = true;
  assert.equal((await route('GET', '/health', null)).status, 200);
  store.reserved = async () => {
    throw new Error('connection refused');
  };
  assert.equal((await over(route, 'GET', '/stock/ABC-1')).status, 503);
});
