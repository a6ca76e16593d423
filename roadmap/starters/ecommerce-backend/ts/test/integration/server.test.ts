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

test('a product is stored in PostgreSQL and still there after a restart', async () => {
  const first = await startServer();
  const res = await fetch(`${first.base}/products`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Mug', priceCents: 1250, stock: 3 }) });
  assert.equal(res.status, 201);
  const { id } = (await res.json()) as { id: string };
  await first.stop();
  const second = await startServer();
  const again = await fetch(`${second.base}/products/${id}`);
  assert.equal(again.status, 200);
  assert.deepEqual(await again.json(), { id, name: 'Mug', priceCents: 1250, stock: 3 });
  const list = (await (await fetch(`${second.base}/products`)).json()) as { id: string }[];
  assert.ok(list.some((p) => p.id === id));
  await second.stop();
});
