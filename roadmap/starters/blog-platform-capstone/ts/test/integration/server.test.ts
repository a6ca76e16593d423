import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, test } from 'node:test';
import { RedisCache } from '../../src/cache.js';
import { PgStore } from '../../src/store.js';

// Uses the real services named by DATABASE_URL and REDIS_URL (docker compose up -d db redis).
for (const name of ['DATABASE_URL', 'REDIS_URL']) {
  if (!process.env[name]) throw new Error(`${name} must be set for the integration tests (see .env.example)`);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const running: ChildProcess[] = [];
after(() => running.forEach((c) => c.kill('SIGKILL')));

async function startServer(env: Record<string, string> = {}): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const jwt = process.env.JWT_SECRET || 'integration-test-secret-of-32-characters';
  const child = spawn(process.execPath, ['dist/src/main.js'], { env: { ...process.env, JWT_SECRET: jwt, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  running.push(child);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {}
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the server did not answer /health within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, stop: () => new Promise((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }) };
}

test('health reports both services and GET /posts answers a list', async () => {
  const server = await startServer();
  try {
    assert.deepEqual(await (await fetch(`${server.base}/health`)).json(), { status: 'ok', checks: { postgresql: 'ok', redis: 'ok' } });
    const posts = await fetch(`${server.base}/posts`);
    assert.equal(posts.status, 200);
    assert.ok(Array.isArray(await posts.json()));
  } finally {
    await server.stop();
  }
});

test('the home page query waits SLOW_QUERY_MS in PostgreSQL, and Redis answers', async () => {
  const store = await PgStore.connect(process.env.DATABASE_URL!, 150);
  const cache = await RedisCache.connect(process.env.REDIS_URL!);
  try {
    const started = performance.now();
    assert.ok(Array.isArray(await store.listPosts()));
    assert.ok(performance.now() - started >= 145, 'the list query sleeps SLOW_QUERY_MS');
    await cache.ping();
  } finally {
    await cache.close();
    await store.close();
  }
});
