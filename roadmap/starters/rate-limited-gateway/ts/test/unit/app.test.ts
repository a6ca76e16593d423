import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { createApp, type Deps } from '../../src/app.js';
import { MemoryBuckets } from '../../src/buckets.js';
import { ConfigError, loadConfig, parseUpstreams } from '../../src/config.js';

const config = loadConfig({ REDIS_URL: 'redis://unused', UPSTREAMS: 'users=http://127.0.0.1:1', API_KEYS: 'a, b', RATE_LIMIT: '5', RATE_WINDOW_SECONDS: '10' });
const servers: ReturnType<typeof createApp>[] = [];
after(() => servers.forEach((s) => s.close()));

/** The app on a free loopback port, with buckets kept in memory: no Redis needed. */
async function start(deps: Partial<Deps> = {}): Promise<string> {
  const server = createApp({ config, buckets: new MemoryBuckets(), ...deps });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('GET /health answers 200 with status ok', async () => {
  const res = await fetch(`${await start()}/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
});

test('GET /health answers 503 with a JSON error while Redis does not answer', async () => {
  const down = Object.assign(new MemoryBuckets(), { ping: async () => Promise.reject(new Error('connection refused')) });
  const res = await fetch(`${await start({ buckets: down })}/health`);
  assert.equal(res.status, 503);
  assert.equal(typeof ((await res.json()) as { error: unknown }).error, 'string');
});

test('a path outside /api/ answers 404 with a JSON error', async () => {
  const res = await fetch(`${await start()}/nowhere`);
  assert.equal(res.status, 404);
  assert.equal(typeof ((await res.json()) as { error: unknown }).error, 'string');
});

test('the configuration reads UPSTREAMS, API_KEYS and the limits', () => {
  assert.deepEqual([...config.upstreams].map(([name, url]) => [name, url.origin]), [['users', 'http://127.0.0.1:1']]);
  assert.deepEqual(config.apiKeys, ['a', 'b']);
  assert.deepEqual([config.rateLimit, config.rateWindowSeconds], [5, 10]);
  assert.equal(parseUpstreams('').size, 0);
});

test('a wrong setting stops the start with its name', () => {
  assert.throws(() => loadConfig({}), /REDIS_URL/);
  assert.throws(() => loadConfig({ REDIS_URL: 'redis://x', RATE_LIMIT: '0' }), (e: Error) => e instanceof ConfigError && /RATE_LIMIT/.test(e.message));
  assert.throws(() => parseUpstreams('users'), /UPSTREAMS/);
});
