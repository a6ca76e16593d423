import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { after, test } from 'node:test';

// Uses the real services named by DATABASE_URL and KAFKA_BROKERS (docker compose up -d db kafka).
for (const name of ['DATABASE_URL', 'KAFKA_BROKERS']) {
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
after(() => running.forEach((c) => c.kill('SIGKILL')));

/** Starts one of the services and waits for its /health (the stock service's waits for its consumer group). */
async function start(entry: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [entry], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  running.push(child);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {}
    if (child.exitCode !== null) throw new Error(`${entry} exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${entry} did not answer /health within 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM')))) };
}

test('the order service stores an order in PostgreSQL; the stock service answers for a sku', async () => {
  const orders = await start('dist/src/orders/main.js');
  const stock = await start('dist/src/stock/main.js');
  try {
    const health = (await (await fetch(`${orders.base}/health`)).json()) as { checks: Record<string, string> };
    assert.deepEqual(health.checks, { postgresql: 'ok', kafka: 'ok' });
    const sku = `it-${randomUUID().slice(0, 8)}`;
    const res = await fetch(`${orders.base}/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sku, quantity: 3 }) });
    assert.equal(res.status, 201);
    const order = (await res.json()) as { id: string };
    const again = await fetch(`${orders.base}/orders/${order.id}`);
    assert.deepEqual(await again.json(), { id: order.id, sku, quantity: 3 });
    const level = await fetch(`${stock.base}/stock/${sku}`);
    assert.equal(level.status, 200);
    assert.equal(((await level.json()) as { sku: string }).sku, sku);
  } finally {
    await orders.stop();
    await stock.stop();
  }
});
