import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApp, route, type Deps } from '../../src/app.js';
import { hashPassword, signToken, verifyPassword, verifyToken } from '../../src/auth.js';
import { MemoryCache } from '../../src/cache.js';
import { MemoryStore } from '../../src/store.js';

const secret = 'unit-test-secret-that-is-32-chars-long';

function deps(overrides: Partial<Deps> = {}): Deps {
  return { store: new MemoryStore(), cache: new MemoryCache(), jwtSecret: secret, ...overrides };
}

const down = async (): Promise<never> => {
  throw new Error('connection refused');
};

test('GET /health answers 200 while PostgreSQL and Redis answer', async () => {
  const reply = await route(deps(), 'GET', '/health', null);
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.body, { status: 'ok', checks: { postgresql: 'ok', redis: 'ok' } });
});

test('GET /health answers 503 and names the service that does not answer', async () => {
  for (const [name, broken] of [
    ['postgresql', { store: Object.assign(new MemoryStore(), { ping: down }) }],
    ['redis', { cache: Object.assign(new MemoryCache(), { ping: down }) }],
  ] as const) {
    const reply = await route(deps(broken), 'GET', '/health', null);
    assert.equal(reply.status, 503, name);
    assert.deepEqual((reply.body as { failed: string[] }).failed, [name]);
  }
});

test('GET /posts answers the newest posts first, at most 20', async () => {
  const store = new MemoryStore();
  for (let id = 1; id <= 21; id++) store.posts.push({ id, title: `t${id}`, body: 'b', author: 'ada', createdAt: new Date().toISOString() });
  const reply = await route(deps({ store }), 'GET', '/posts', null);
  const posts = reply.body as { id: number }[];
  assert.equal(posts.length, 20);
  assert.deepEqual([posts[0].id, posts[19].id], [21, 2]);
});

test('an unknown route answers 404', async () => {
  assert.equal((await route(deps(), 'GET', '/nowhere', null)).status, 404);
});

test('a database that fails under GET /posts answers 503 with a JSON error, and bad JSON 400', async () => {
  const server = createApp(deps({ store: Object.assign(new MemoryStore(), { listPosts: down }) })).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const res = await fetch(`${base}/posts`);
    assert.equal(res.status, 503);
    assert.equal(typeof ((await res.json()) as { error: unknown }).error, 'string');
    const bad = await fetch(`${base}/posts`, { method: 'POST', body: '{not json' });
    assert.equal(bad.status, 400);
  } finally {
    server.close();
  }
});

test('passwords are hashed, and tokens carry the user id', async () => {
  const hash = await hashPassword('long-enough');
  assert.ok(!hash.includes('long-enough'));
  assert.equal(await verifyPassword('long-enough', hash), true);
  assert.equal(await verifyPassword('wrong-password', hash), false);
  assert.equal(await verifyToken(await signToken(7, secret), secret), 7);
  assert.equal(await verifyToken(await signToken(7, secret), `${secret}-other`), undefined);
});
