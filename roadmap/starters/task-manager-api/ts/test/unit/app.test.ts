import assert from 'node:assert/strict';
import { test } from 'node:test';
import { route, type Deps } from '../../src/app.js';
import { MemoryStore, type Store } from '../../src/store.js';

const deps = (): Deps => ({ store: new MemoryStore(), jwtSecret: 'unit-test-secret-that-is-32-chars-long' });

/** Registers and logs in; returns the Authorization header for that user. */
async function login(d: Deps, email: string): Promise<string> {
  assert.equal((await route(d, { method: 'POST', url: '/auth/register', body: { email, password: 'secret-password' } })).status, 201);
  const reply = await route(d, { method: 'POST', url: '/auth/login', body: { email, password: 'secret-password' } });
  assert.equal(reply.status, 200);
  return `Bearer ${(reply.body as { token: string }).token}`;
}

test('GET /health answers 200 while the store answers, 503 when it does not', async () => {
  assert.equal((await route(deps(), { method: 'GET', url: '/health', body: null })).status, 200);
  const down = new MemoryStore();
  down.ping = async () => {
    throw new Error('down');
  };
  assert.equal((await route({ ...deps(), store: down as Store }, { method: 'GET', url: '/health', body: null })).status, 503);
});

test('register stores a hash, refuses a taken email, and login refuses a wrong password', async () => {
  const d = deps();
  await login(d, 'ada@example.com');
  assert.notEqual((d.store as MemoryStore).users[0].passwordHash, 'secret-password');
  assert.equal((await route(d, { method: 'POST', url: '/auth/register', body: { email: 'ADA@example.com', password: 'another-password' } })).status, 409);
  assert.equal((await route(d, { method: 'POST', url: '/auth/register', body: { email: 'not-an-email', password: 'secret-password' } })).status, 400);
  assert.equal((await route(d, { method: 'POST', url: '/auth/login', body: { email: 'ada@example.com', password: 'wrong-password' } })).status, 401);
  assert.equal((await route(d, { method: 'POST', url: '/auth/login', body: { email: 'nobody@example.com', password: 'secret-password' } })).status, 401);
});

test('a logged-in user creates tasks and lists only their own', async () => {
  const d = deps();
  const ada = await login(d, 'ada@example.com');
  const bob = await login(d, 'bob@example.com');
  const created = await route(d, { method: 'POST', url: '/tasks', authorization: ada, body: { title: 'Write the README' } });
  assert.equal(created.status, 201);
  assert.deepEqual(created.body, { id: 1, title: 'Write the README', done: false });
  assert.deepEqual((await route(d, { method: 'GET', url: '/tasks', authorization: ada, body: null })).body, [{ id: 1, title: 'Write the README', done: false }]);
  assert.deepEqual((await route(d, { method: 'GET', url: '/tasks', authorization: bob, body: null })).body, []);
  assert.equal((await route(d, { method: 'POST', url: '/tasks', authorization: ada, body: {} })).status, 400);
});

test('task routes answer 401 without a valid token', async () => {
  const d = deps();
  assert.equal((await route(d, { method: 'GET', url: '/tasks', body: null })).status, 401);
  assert.equal((await route(d, { method: 'POST', url: '/tasks', body: { title: 'x' } })).status, 401);
  assert.equal((await route(d, { method: 'GET', url: '/tasks', authorization: 'Bearer nonsense', body: null })).status, 401);
});
