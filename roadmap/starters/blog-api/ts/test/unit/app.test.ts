import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answer, route } from '../../src/app.js';
import { MemoryPostStore, type PostStore } from '../../src/posts.js';

const send = (store: PostStore, method: string, url: string, body: unknown = null) => answer(store, method, url, async () => body);

test('GET /health answers 200 while the store answers', async () => {
  assert.equal((await route(new MemoryPostStore(), 'GET', '/health', null)).status, 200);
});

test('POST /posts answers 201 with the post, and GET /posts/{id} returns it', async () => {
  const store = new MemoryPostStore();
  const created = await send(store, 'POST', '/posts', { title: 'Hello', body: 'First post' });
  assert.equal(created.status, 201);
  const post = created.body as { id: number; title: string; body: string; createdAt: string };
  assert.equal(post.title, 'Hello');
  assert.match(post.createdAt, /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual(await send(store, 'GET', `/posts/${post.id}`), { status: 200, body: post });
});

test('a missing, empty or non-text title or body answers 400 with an error', async () => {
  const store = new MemoryPostStore();
  for (const body of [null, {}, { title: 'x' }, { title: '', body: 'x' }, { title: 'x', body: 7 }]) {
    const reply = await send(store, 'POST', '/posts', body);
    assert.equal(reply.status, 400, JSON.stringify(body));
    assert.equal(typeof (reply.body as { error: unknown }).error, 'string');
  }
  assert.equal(store.posts.length, 0);
});

test('an unknown or malformed id answers 404', async () => {
  const store = new MemoryPostStore();
  assert.equal((await send(store, 'GET', '/posts/42')).status, 404);
  assert.equal((await send(store, 'GET', '/posts/abc')).status, 404);
  assert.equal((await send(store, 'GET', '/posts/99999999999999999999')).status, 404);
});

test('a database error answers 503 with a JSON error on every route, never a crash', async () => {
  // Every method of this store fails the way a query fails when PostgreSQL is down.
  const down = new Proxy({}, { get: () => async () => { throw new Error('connection refused'); } }) as PostStore;
  for (const [method, url, body] of [['GET', '/health', null], ['POST', '/posts', { title: 'a', body: 'b' }], ['GET', '/posts/1', null]] as const) {
    const reply = await send(down, method, url, body);
    assert.equal(reply.status, 503, `${method} ${url}`);
    assert.equal(typeof (reply.body as { error: unknown }).error, 'string');
  }
});
