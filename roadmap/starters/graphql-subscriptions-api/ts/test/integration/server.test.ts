import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, test } from 'node:test';
import { WebSocket } from 'ws';

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

async function startServer(): Promise<{ base: string; port: number; stop: () => Promise<void> }> {
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
  return { base, port, stop: () => new Promise((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }) };
}

async function gql(base: string, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: await res.json() };
}

test('an author is stored in PostgreSQL and read back, also after a restart', async () => {
  const first = await startServer();
  const created = await gql(first.base, 'mutation ($n: String!) { createAuthor(name: $n) { id name } }', { n: 'Grace' });
  assert.equal(created.status, 200);
  const { id } = created.body.data.createAuthor;
  await first.stop();
  const second = await startServer();
  assert.deepEqual((await gql(second.base, 'query ($id: ID!) { author(id: $id) { name } }', { id })).body, { data: { author: { name: 'Grace' } } });
  await second.stop();
});

test('/graphql speaks graphql-ws: connection_init is acknowledged on the graphql-transport-ws subprotocol', async () => {
  const server = await startServer();
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/graphql`, 'graphql-transport-ws');
  const first = await new Promise<string>((resolve, reject) => {
    ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
    ws.once('message', (data) => resolve(data.toString()));
    ws.once('error', reject);
  });
  assert.deepEqual(JSON.parse(first), { type: 'connection_ack' });
  ws.close();
  await server.stop();
});
