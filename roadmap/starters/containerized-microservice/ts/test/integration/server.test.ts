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
  // The real entry point, as `npm start` runs it, on a free port.
  child = spawn(process.execPath, ['dist/src/main.js'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
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

test('the running server answers /health', async () => {
  const res = await fetch(`${base}/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
});

test('an item goes in over HTTP and comes back out', async () => {
  const res = await fetch(`${base}/items`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'widget' }) });
  assert.equal(res.status, 201);
  const item = (await res.json()) as { id: number };
  const back = await fetch(`${base}/items/${item.id}`);
  assert.deepEqual(await back.json(), { id: item.id, name: 'widget' });
});
