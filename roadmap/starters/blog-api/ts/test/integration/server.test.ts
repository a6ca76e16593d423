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

test('a post is stored in PostgreSQL and read back, also after a restart', async () => {
  const first = await startServer();
  const res = await fetch(`${first.base}/posts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title: 'Hello', body: 'Kept in PostgreSQL' }) });
  assert.equal(res.status, 201);
  const { id } = (await res.json()) as { id: number };
  await first.stop();
  const second = await startServer();
  const again = await fetch(`${second.base}/posts/${id}`);
  assert.equal(again.status, 200);
  assert.deepEqual(((await again.json()) as { title: string }).title, 'Hello');
  const bad = await fetch(`${second.base}/posts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"title": ' });
  assert.equal(bad.status, 400);
  assert.equal(typeof ((await bad.json()) as { error: unknown }).error, 'string');
});
