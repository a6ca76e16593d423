import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { after, test } from 'node:test';

// Uses the real PostgreSQL named by DATABASE_URL (docker compose up db, or your own).
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL must point at a PostgreSQL database for the integration tests');
const jwtSecret = process.env.JWT_SECRET || 'integration-test-secret-of-32-characters';

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
  const env = { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret };
  const child = spawn(process.execPath, ['dist/src/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
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

const post = (url: string, body: unknown, token?: string) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

test('a user registers, logs in and keeps their tasks across a restart', async () => {
  const first = await startServer();
  const credentials = { email: `it-${randomUUID()}@example.com`, password: 'integration-password' };
  assert.equal((await post(`${first.base}/auth/register`, credentials)).status, 201);
  assert.equal((await post(`${first.base}/auth/register`, credentials)).status, 409);
  const login = await post(`${first.base}/auth/login`, credentials);
  assert.equal(login.status, 200);
  const { token } = (await login.json()) as { token: string };
  const created = await post(`${first.base}/tasks`, { title: 'Survive a restart' }, token);
  assert.equal(created.status, 201);
  const task = (await created.json()) as { id: number };
  assert.equal((await fetch(`${first.base}/tasks`)).status, 401);
  await first.stop();

  const second = await startServer();
  const list = await fetch(`${second.base}/tasks`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(list.status, 200);
  assert.deepEqual(await list.json(), [{ id: task.id, title: 'Survive a restart', done: false }]);
});
