import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, test } from 'node:test';

// Uses the real PostgreSQL named by DATABASE_URL (docker compose up -d db, or your own) and the
// OpenID Connect provider named by OIDC_ISSUER (docker compose up -d oidc, or cd oidc && npm start).
const databaseUrl = process.env.DATABASE_URL;
const issuer = process.env.OIDC_ISSUER;
if (!databaseUrl || !issuer) throw new Error('DATABASE_URL and OIDC_ISSUER must point at PostgreSQL and the OpenID Connect provider for the integration tests');

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

async function startServer(): Promise<string> {
  const port = await freePort();
  const env = { OIDC_CLIENT_ID: 'saas-app', OIDC_CLIENT_SECRET: 'saas-app-secret', ...process.env, PORT: String(port) };
  const child = spawn(process.execPath, ['dist/src/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  running.push(child);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) return base;
    } catch {}
    if (Date.now() > deadline) throw new Error('the server did not answer /health within 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the provider publishes its discovery document with PKCE S256', async () => {
  const res = await fetch(`${issuer!.replace(/\/$/, '')}/.well-known/openid-configuration`);
  assert.equal(res.status, 200);
  const doc = (await res.json()) as { issuer: string; code_challenge_methods_supported: string[] };
  assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
});

test('the server creates its tables, answers /health from PostgreSQL, and 404 with JSON elsewhere', async () => {
  const base = await startServer();
  const health = await fetch(`${base}/health`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok' });
  const missing = await fetch(`${base}/nowhere`);
  assert.equal(missing.status, 404);
  assert.equal(typeof ((await missing.json()) as { error: unknown }).error, 'string');
});
