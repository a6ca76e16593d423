import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { after, test } from 'node:test';
import pg from 'pg';
import { respond } from '../../src/app.js';
import { PgStore } from '../../src/store.js';

// Uses the real PostgreSQL named by DATABASE_URL (docker compose up -d db, or your own).
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL must point at a PostgreSQL database for the integration tests');

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
after(() => running.forEach((c) => c.kill('SIGTERM')));

async function startServer(): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], { env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl }, stdio: ['ignore', 'ignore', 'inherit'] });
  running.push(child);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error('the server did not answer /health within 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, stop: () => new Promise((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }) };
}

test('the server answers health and keeps balances in PostgreSQL across a restart', async () => {
  const account = `it-${randomUUID()}`;
  const first = await startServer();
  assert.equal((await fetch(`${first.base}/health`)).status, 200);
  assert.deepEqual(await (await fetch(`${first.base}/accounts/${account}`)).json(), { id: account, balance: 0 });
  const store = await PgStore.connect(databaseUrl);
  await store.credit(account, 5);
  await store.close();
  await first.stop();

  const second = await startServer();
  assert.deepEqual(await (await fetch(`${second.base}/accounts/${account}`)).json(), { id: account, balance: 5 });
  await second.stop();
});

test('a database that does not answer gives 503 with a JSON error, within the connect timeout', async () => {
  // Port 1 on loopback refuses connections: the same failure as a stopped PostgreSQL.
  const store = new PgStore(new pg.Pool({ connectionString: 'postgres://nobody:nothing@127.0.0.1:1/none', connectionTimeoutMillis: 2000 }));
  const started = Date.now();
  const reply = await respond({ store }, { method: 'GET', url: '/accounts/ada', headers: {}, body: null });
  assert.equal(reply.status, 503);
  assert.equal(typeof (reply.body as { error: unknown }).error, 'string');
  assert.equal((await respond({ store }, { method: 'GET', url: '/health', headers: {}, body: null })).status, 503);
  assert.ok(Date.now() - started < 5000);
  await store.close();
});
