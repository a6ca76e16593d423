import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, test } from 'node:test';
import WebSocket from 'ws';

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

async function startServer(env: Record<string, string> = {}): Promise<{ port: number; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], { env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
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
  return { port, base };
}

/** Opens a WebSocket and resolves with it and a function that waits for its next frame, parsed. */
async function connect(port: number, room: string): Promise<{ ws: WebSocket; next: () => Promise<unknown> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?room=${room}`);
  const frames: unknown[] = [];
  const waiting: ((v: unknown) => void)[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    const w = waiting.shift();
    if (w) w(frame);
    else frames.push(frame);
  });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  const next = () => (frames.length ? Promise.resolve(frames.shift()) : new Promise((resolve) => waiting.push(resolve)));
  return { ws, next };
}

test('health answers 200 and a WebSocket in a room answers a frame that is not JSON with an error', async () => {
  const { port, base } = await startServer();
  const health = await fetch(`${base}/health`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok' });
  const { ws, next } = await connect(port, 'lobby');
  ws.send('not JSON');
  assert.equal(((await next()) as { type: string }).type, 'error');
  ws.send('{still not');
  assert.equal(((await next()) as { type: string }).type, 'error');
  ws.close();
});
