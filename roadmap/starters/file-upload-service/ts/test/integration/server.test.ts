import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, test } from 'node:test';

// Uses the real S3-compatible store named by S3_ENDPOINT (docker compose up -d s3, or your own).
for (const name of ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_BUCKET']) {
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
after(() => running.forEach((c) => c.kill('SIGTERM')));

async function startServer(env: Record<string, string> = {}): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
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

test('GET /health answers 200 with the real store', async () => {
  const base = await startServer();
  const deadline = Date.now() + 10_000;
  let res = await fetch(`${base}/health`);
  while (res.status !== 200 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    res = await fetch(`${base}/health`);
  }
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
});

test('GET /health answers 503 with a JSON error when the store is down', async () => {
  const base = await startServer({ S3_ENDPOINT: `http://127.0.0.1:${await freePort()}` });
  const res = await fetch(`${base}/health`);
  assert.equal(res.status, 503);
  assert.match(((await res.json()) as { error: string }).error, /store/);
});
