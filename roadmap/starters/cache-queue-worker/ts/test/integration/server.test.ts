import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { after, test } from 'node:test';
import { KafkaEvents, type ItemEvent } from '../../src/events.js';

// Uses the real services named by DATABASE_URL, REDIS_URL and KAFKA_BROKERS (docker compose up -d db redis kafka).
for (const name of ['DATABASE_URL', 'REDIS_URL', 'KAFKA_BROKERS']) {
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

async function startServer(): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  running.push(child);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {}
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the server did not answer /health within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, stop: () => new Promise((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }) };
}

test('health reports all three services; an item is stored and still there after a restart', async () => {
  const first = await startServer();
  const health = await fetch(`${first.base}/health`);
  assert.deepEqual(await health.json(), { status: 'ok', checks: { postgresql: 'ok', redis: 'ok', kafka: 'ok' } });
  const res = await fetch(`${first.base}/items`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'integration' }) });
  assert.equal(res.status, 201);
  const item = (await res.json()) as { id: string; name: string };
  assert.equal(item.name, 'integration');
  await first.stop();
  const second = await startServer();
  const again = await fetch(`${second.base}/items/${item.id}`);
  assert.equal(again.status, 200);
  const read = (await again.json()) as { id: string; name: string };
  assert.deepEqual([read.id, read.name], [item.id, item.name]);
  await second.stop();
});

test('an event published to Kafka reaches a worker', async () => {
  const events = await KafkaEvents.connect(process.env.KAFKA_BROKERS!, 'integration-test');
  try {
    const sent: ItemEvent = { eventId: randomUUID(), type: 'test.ping', itemId: randomUUID() };
    const received = new Promise<ItemEvent>((resolve) => {
      // A group of its own, so that it reads the topic from the start and misses nothing.
      void events.startWorker(`integration-test-${randomUUID()}`, async (event) => {
        if (event.eventId === sent.eventId) resolve(event);
      }, () => {});
    });
    await events.publish(sent);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event within 30 s')), 30_000).unref());
    assert.deepEqual(await Promise.race([received, timeout]), sent);
  } finally {
    await events.close();
  }
});
