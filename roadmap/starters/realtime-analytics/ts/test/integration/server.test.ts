import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { after, test } from 'node:test';
import { PgCounts } from '../../src/counts.js';
import { RedisLog } from '../../src/stream.js';

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

async function startServer(): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
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

test('the server starts and its health reports PostgreSQL and Redis', async () => {
  const server = await startServer();
  const health = await fetch(`${server.base}/health`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok', checks: { postgresql: 'ok', redis: 'ok' } });
  await server.stop();
});

test('counts add up in PostgreSQL, each write pausing AGGREGATE_DELAY_MS', async () => {
  const counts = await PgCounts.connect(process.env.DATABASE_URL!, 200);
  try {
    const type = `it-${randomUUID()}`;
    const started = performance.now();
    await counts.add([{ type, minute: 60_000, count: 2 }]);
    assert.ok(performance.now() - started >= 190, 'the write did not pause');
    await counts.add([{ type, minute: 60_000, count: 3 }]);
    const { rows } = await counts.pool.query('SELECT count FROM minute_counts WHERE type = $1 AND minute = 60000', [type]);
    assert.equal(Number(rows[0].count), 5);
  } finally {
    await counts.close();
  }
});

test('Redis answers, and a stream entry is appended and read back', async () => {
  const log = await RedisLog.connect(process.env.REDIS_URL!);
  try {
    await log.ping();
    const stream = `it-${randomUUID()}`;
    await log.client.xadd(stream, '*', 'batch', '[]');
    const entries = await log.client.xrange(stream, '-', '+');
    assert.deepEqual(entries.map(([, fields]) => fields), [['batch', '[]']]);
    await log.client.del(stream);
  } finally {
    await log.close();
  }
});
