import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, test } from 'node:test';

// Uses the real PostgreSQL named by DATABASE_URL (docker compose up db, or your own).
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

async function startServer(): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], { env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl }, stdio: ['ignore', 'ignore', 'inherit'] });
  running.push(child);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) return base;
    } catch {}
    if (Date.now() > deadline) throw new Error('the server did not answer /health within 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the server creates its tables, answers /health from PostgreSQL, and 404 with JSON elsewhere', async () => {
  const base = await startServer();
  const health = await fetch(`${base}/health`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok' });
  const missing = await fetch(`${base}/nowhere`);
  assert.equal(missing.status, 404);
  assert.equal(typeof ((await missing.json()) as { error: unknown }).error, 'string');
});
