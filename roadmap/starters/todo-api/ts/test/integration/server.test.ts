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

/** Starts the built server and waits until it answers /health at all (200 or 503). */
async function startServer(dbUrl: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], { env: { ...process.env, PORT: String(port), DATABASE_URL: dbUrl }, stdio: ['ignore', 'ignore', 'inherit'] });
  running.push(child);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await fetch(`${base}/health`);
      return base;
    } catch {}
    if (Date.now() > deadline) throw new Error('the server did not answer /health within 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('GET /health answers 200 with status ok against the real database', async () => {
  const base = await startServer(databaseUrl);
  const res = await fetch(`${base}/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
  const missing = await fetch(`${base}/nothing`);
  assert.equal(missing.status, 404);
});

test('with the database down, GET /health answers 503 with a JSON error instead of hanging', async () => {
  // A port nothing listens on: the connection is refused at once.
  const base = await startServer(`postgres://todo:todo@127.0.0.1:${await freePort()}/todo`);
  const started = Date.now();
  const res = await fetch(`${base}/health`);
  assert.equal(res.status, 503);
  assert.equal(typeof ((await res.json()) as { error?: unknown }).error, 'string');
  assert.ok(Date.now() - started < 5000, 'the answer took over 5 s');
});
