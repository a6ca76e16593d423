import assert from 'node:assert/strict';
import { test } from 'node:test';
import { route, failure, type Deps } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { DatabaseError, MemoryStore, PgStore } from '../../src/store.js';

const ENV = { DATABASE_URL: 'postgres://x', OIDC_ISSUER: 'http://localhost:4000', OIDC_CLIENT_ID: 'saas-app', OIDC_CLIENT_SECRET: 'saas-app-secret' };
const deps = (store = new MemoryStore()): Deps => ({ store, config: loadConfig(ENV) });

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
  const config = loadConfig({ ...ENV, PORT: '8080', TENANT_RATE_LIMIT: '3', TENANT_RATE_WINDOW_SECONDS: '2', TENANT_MAX_NOTES: '4' });
  assert.deepEqual(config, { port: 8080, databaseUrl: 'postgres://x', oidcIssuer: 'http://localhost:4000', oidcClientId: 'saas-app', oidcClientSecret: 'saas-app-secret', tenantRateLimit: 3, tenantRateWindowSeconds: 2, tenantMaxNotes: 4 });
  assert.equal(loadConfig(ENV).tenantRateLimit, 100);
  assert.throws(() => loadConfig({ TENANT_MAX_NOTES: '0' }), /DATABASE_URL is not set; OIDC_ISSUER is not set; OIDC_CLIENT_ID is not set; OIDC_CLIENT_SECRET is not set; TENANT_MAX_NOTES must be a whole number above 0/);
});
