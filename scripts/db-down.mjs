// A database that goes away under a running server: the starter must answer 503 with a JSON error,
// never a 400 that blames the request, a 500, a crash or a hang. Each starter with PostgreSQL runs
// against a PostgreSQL of its own, which this script stops while the server keeps running.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { freePort } from './code-server.mjs';
import { startPostgres } from './services.mjs';

/**
 * One request per idea that reads or writes PostgreSQL in the fresh starter and in its reference, with
 * the statuses it may get while the database is up (the body makes no user and no conflict).
 * `fresh: false` where the fresh starter has no such route yet (the learner adds it): the fresh
 * starter is then held to its health path alone. `null` where no HTTP route reads the database (a
 * chat's messages go over WebSockets): the server must then stay up and its health path say 503.
 */
export const DB_PROBES = {
  'task-manager-api': { method: 'POST', path: '/auth/login', json: { email: 'nobody@example.com', password: 'not-the-password-1' }, up: [401] },
  'url-shortener': { method: 'POST', path: '/links', json: { url: 'https://example.com/while-the-database-is-up' }, up: [201] },
  'cache-queue-worker': { method: 'POST', path: '/items', json: { name: 'while the database is up' }, up: [201] },
  'todo-api': { method: 'POST', path: '/items', json: { title: 'While the database is up' }, up: [201], fresh: false },
  'ecommerce-backend': { method: 'POST', path: '/products', json: { name: 'While the database is up', priceCents: 100, stock: 1 }, up: [201] },
  'realtime-chat': null,
  'job-queue-system': { method: 'GET', path: '/accounts/while-the-database-is-up', up: [200] },
  'blog-api': { method: 'POST', path: '/posts', json: { title: 'While the database is up', body: 'A post written before PostgreSQL stops.' }, up: [201] },
  // The fresh starter reads PostgreSQL only in its health check; the reference there too (and in every route).
  'graphql-subscriptions-api': { method: 'POST', path: '/graphql', json: { query: 'mutation { createAuthor(name: "While the database is up") { id } }' }, up: [200] },
  // The fresh starter reads PostgreSQL only in its health check; the reference's per-minute counts too.
  'realtime-analytics': { method: 'GET', path: '/aggregates?type=while-the-database-is-up&from=0&to=60000', up: [200], fresh: false },
  'simple-auth': { method: 'POST', path: '/register', json: { email: 'while-the-database-is-up@example.com', password: 'long-enough-password' }, up: [201], fresh: false },
  // Every route that reads PostgreSQL but the health check needs a session signed in at the provider.
  'multi-tenant-saas': null,
  // GET /posts is served from Redis once cached (that is the milestone): a login reads PostgreSQL every time.
  'blog-platform-capstone': { method: 'POST', path: '/login', json: { username: 'nobody_while_up', password: 'not-the-password' }, up: [401], fresh: false },
  'event-driven-microservices': { method: 'POST', path: '/orders', json: { sku: 'while-the-database-is-up', quantity: 1 }, up: [201] },
};

/** KEY=VALUE lines of a .env file (comments and blank lines left out). */
export function readEnvFile(file) {
  if (!existsSync(file)) return {};
  const env = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && !line.trimStart().startsWith('#')) env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

/** One request with a time limit; { status, type, body } or { error }. */
function send(port, probe, timeoutMs = 10_000) {
  return new Promise((resolve) => {
    const body = probe.json === undefined ? undefined : JSON.stringify(probe.json);
    // A connection of its own each time: a server may close a kept-alive one after answering (websockets does).
    const req = http.request({ host: '127.0.0.1', port, method: probe.method ?? 'GET', path: probe.path, headers: body ? { 'content-type': 'application/json' } : {}, timeout: timeoutMs, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: text }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', (err) => resolve({ error: err.message }));
    req.end(body);
  });
}

const said = (r) => (r.error ? r.error : `${r.status} ${r.body.slice(0, 200)}`);

/** Whether an answer is the promised one: 503 with a JSON body whose "error" is a sentence. */
function isServiceUnavailable(r) {
  if (r.error || r.status !== 503 || !/json/i.test(r.type)) return false;
  try {
    const parsed = JSON.parse(r.body);
    return typeof parsed?.error === 'string' && parsed.error.trim() !== '';
  } catch {
    return false;
  }
}

/**
 * Starts the project in `dir` (installed, built) with its own PostgreSQL and `env` for its other
 * services, stops PostgreSQL under it, and records what the probe gets: `record(name, ok, detail)`.
 */
export async function checkDatabaseDown({ idea, dir, manifest, env, record, label = '', fresh = false }) {
  const probe = DB_PROBES[idea];
  if (!manifest.services.includes('postgresql')) return;
  if (probe === undefined) {
    record(`${label}a database that stops answers 503`, false, `scripts/db-down.mjs has no probe request for ${idea}: add one to DB_PROBES`);
    return;
  }
  const pg = await startPostgres();
  const port = await freePort();
  const serverEnv = { ...process.env, ...readEnvFile(path.join(dir, '.env.example')), ...env, DATABASE_URL: pg.url, PORT: String(port) };
  const server = spawn('sh', ['-c', `exec ${manifest.start}`], { cwd: dir, env: serverEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout.on('data', (c) => (output += c));
  server.stderr.on('data', (c) => (output += c));
  let exited = false;
  server.on('exit', () => (exited = true));
  let pgStopped = false;
  try {
    const deadline = Date.now() + 60_000;
    let health;
    do {
      await new Promise((r) => setTimeout(r, 250));
      health = await send(port, { path: manifest.healthPath }, 2000);
    } while (health.status !== 200 && !exited && Date.now() < deadline);
    if (health.status !== 200) {
      record(`${label}starts against a PostgreSQL of its own`, false, `${exited ? 'the server exited' : 'no healthy answer in 60 s'}: ${output.slice(-800)}`);
      return;
    }
    const probing = probe !== null && !(fresh && probe.fresh === false);
    if (probing) {
      const up = await send(port, probe);
      record(`${label}${probe.method} ${probe.path} works while the database is up`, probe.up.includes(up.status), said(up));
    }
    pg.stop();
    pgStopped = true;
    // Twice: once when the pool's idle connections have just been cut, once when it has to open a new one.
    for (const attempt of probing ? ['first', 'second'] : []) {
      const down = await send(port, probe);
      record(`${label}${probe.method} ${probe.path} answers 503 with a JSON error once PostgreSQL has stopped (${attempt} request)`, isServiceUnavailable(down), said(down));
    }
    const healthDown = await send(port, { path: manifest.healthPath });
    record(`${label}${manifest.healthPath} answers 503 while PostgreSQL is down, and the server still runs`, !exited && healthDown.status === 503, exited ? `the server exited: ${output.slice(-800)}` : said(healthDown));
  } finally {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {}
    if (!pgStopped) pg.stop();
  }
}
