import assert from 'node:assert/strict';
import { test } from 'node:test';
import { route, failure, type Deps } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { DatabaseError, MemoryStore, PgStore } from '../../src/store.js';

const deps = (store = new MemoryStore()): Deps => ({ store, config: { loginMaxFailures: 5, lockoutSeconds: 900 } });

test('GET /health answers 200 while the store answers', async () => {
  assert.deepEqual(await route(deps(), { method: 'GET', url: '/health', headers: {}, body: null }), { status: 200, body: { status: 'ok' } });
});

test('a database that cannot be reached answers 503 with a JSON error, not a crash or a hang', async () => {
  // Port 1 on loopback refuses at once: the real PgStore, its real error, no database needed.
  const down = new PgStore(PgStore.pool('postgres://nobody@127.0.0.1:1/none'));
  const err = await route(deps(down as unknown as MemoryStore), { method: 'GET', url: '/health', headers: {}, body: null }).catch((e: unknown) => e);
  assert.ok(err instanceof DatabaseError, String(err));
  const reply = failure(err);
  assert.equal(reply.status, 503);
  assert.equal(typeof (reply.body as { error: unknown }).error, 'string');
  await down.close();
});

test('an unknown route answers 404 with a JSON error', async () => {
  const reply = await route(deps(), { method: 'GET', url: '/nowhere', headers: {}, body: null });
  assert.equal(reply.status, 404);
  assert.match((reply.body as { error: string }).error, /GET \/nowhere/);
});

test('the configuration comes from the environment and names what is missing', () => {
  assert.deepEqual(loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://x', LOGIN_MAX_FAILURES: '3', LOCKOUT_SECONDS: '2' }), { port: 8080, databaseUrl: 'postgres://x', loginMaxFailures: 3, lockoutSeconds: 2 });
  assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://x' }), { port: 3000, databaseUrl: 'postgres://x', loginMaxFailures: 5, lockoutSeconds: 900 });
  assert.throws(() => loadConfig({ LOCKOUT_SECONDS: '0' }), /DATABASE_URL is not set; LOCKOUT_SECONDS must be a whole number above 0/);
});
