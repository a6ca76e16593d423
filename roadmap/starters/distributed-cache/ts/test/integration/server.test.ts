import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';

let base = '';
let child: ReturnType<typeof spawn> | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // The real entry point, as `npm start` runs it, on a free port, as a node of a one-node cluster.
  child = spawn(process.execPath, ['dist/src/main.js'], { env: { ...process.env, PORT: String(port), NODE_ID: 'a', NODES: `a=${base}` }, stdio: ['ignore', 'pipe', 'inherit'] });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error('the server did not answer /health within 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
});

after(() => child?.kill('SIGTERM'));

test('the running node answers /health', async () => {
  const res = await fetch(`${base}/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
});

test('a value goes in over HTTP and comes back out', async () => {
  const res = await fetch(`${base}/cache/color`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ value: 'blue' }) });
  assert.equal(res.status, 200);
  const back = await fetch(`${base}/cache/color`);
  assert.deepEqual(await back.json(), { key: 'color', value: 'blue' });
});
