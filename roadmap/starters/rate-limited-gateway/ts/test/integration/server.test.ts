import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { createApp } from '../../src/app.js';
import { RedisBuckets } from '../../src/buckets.js';
import { loadConfig } from '../../src/config.js';

// Uses the real Redis named by REDIS_URL (docker compose up -d redis).
if (!process.env.REDIS_URL) throw new Error('REDIS_URL must be set for the integration tests (see .env.example)');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const running: ChildProcess[] = [];
after(() => running.forEach((c) => c.kill('SIGKILL')));

test('the gateway starts on Redis, answers /health, and stops on SIGTERM', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  running.push(child);
  const deadline = Date.now() + 30_000;
  let res: Response | undefined;
  while (!res?.ok) {
    res = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
    if (child.exitCode !== null) throw new Error(`the gateway exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the gateway did not answer /health within 30 s');
    if (!res?.ok) await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(await res.json(), { status: 'ok' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});

test('with its Redis connection gone, the gateway answers 503 with a JSON error', async () => {
  const buckets = await RedisBuckets.connect(process.env.REDIS_URL!);
  await buckets.ping();
  buckets.client.disconnect(); // as when Redis goes away
  const server = createApp({ config: loadConfig(process.env), buckets });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/health`);
    assert.equal(res.status, 503);
    assert.match(((await res.json()) as { error: string }).error, /Redis/);
  } finally {
    server.close();
  }
});
