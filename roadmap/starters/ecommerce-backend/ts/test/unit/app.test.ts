import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answer, type Reply } from '../../src/app.js';
import { MemoryStore, type Store } from '../../src/store.js';

/** Sends one request to the routes, as the HTTP server would. */
function send(store: Store, method: string, path: string, body: unknown = null, headers: Record<string, string> = {}): Promise<Reply> {
  return answer(store, method, path, headers, async () => body);
}

/** A store whose database is down: every call fails as a lost connection does. */
const down: Store = new Proxy({} as Store, { get: () => async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:5432'); } });

test('GET /health answers 200 while the store answers', async () => {
  assert.equal((await send(new MemoryStore(), 'GET', '/health')).status, 200);
});

test('a database error answers 503 with a JSON error, on every route', async () => {
  for (const [method, path, body] of [['GET', '/health', null], ['GET', '/products', null], ['GET', '/products/x', null], ['POST', '/products', { name: 'Mug', priceCents: 1250, stock: 3 }]] as const) {
    const reply = await send(down, method, path, body);
    assert.equal(reply.status, 503, `${method} ${path}`);
    assert.equal(typeof (reply.body as { error?: unknown }).error, 'string');
  }
});

test('POST /products answers 201 with the product, which GET returns', async () => {
  const store = new MemoryStore();
  const created = await send(store, 'POST', '/products', { name: 'Mug', priceCents: 1250, stock: 3 });
  assert.equal(created.status, 201);
  const product = created.body as { id: string };
  assert.deepEqual(created.body, { id: product.id, name: 'Mug', priceCents: 1250, stock: 3 });
  assert.deepEqual(await send(store, 'GET', `/products/${product.id}`), { status: 200, body: created.body });
  assert.deepEqual((await send(store, 'GET', '/products')).body, [created.body]);
});

test('a price and a stock of 0 are accepted; a fraction, a negative number or text answers 400', async () => {
  const store = new MemoryStore();
  assert.equal((await send(store, 'POST', '/products', { name: 'Sticker', priceCents: 0, stock: 0 })).status, 201);
  for (const bad of [{ priceCents: 100, stock: 1 }, { name: '', priceCents: 100, stock: 1 }, { name: 'Mug', priceCents: 12.5, stock: 1 }, { name: 'Mug', priceCents: -1, stock: 1 }, { name: 'Mug', priceCents: '100', stock: 1 }, { name: 'Mug', priceCents: 100, stock: -1 }, { name: 'Mug', priceCents: 100, stock: 1.5 }]) {
    const reply = await send(store, 'POST', '/products', bad);
    assert.equal(reply.status, 400, JSON.stringify(bad));
    assert.equal(typeof (reply.body as { error?: unknown }).error, 'string');
  }
  assert.equal(store.products.size, 1);
});

test('an unknown product or route answers 404, a body that is not JSON 400', async () => {
  const store = new MemoryStore();
  assert.equal((await send(store, 'GET', '/products/nope')).status, 404);
  assert.equal((await send(store, 'GET', '/nowhere')).status, 404);
  const reply = await answer(store, 'POST', '/products', {}, async () => JSON.parse('{not json'));
  assert.equal(reply.status, 400);
});
