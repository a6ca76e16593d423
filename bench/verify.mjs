// How long a learner waits for the verdict on a project just scaffolded, in plain Node (no VS Code):
// for every idea with checks, the fresh starter of one stack (go by default: the fastest to build; the
// checks only talk HTTP, so the stack changes how fast the server answers, not what is asked) is
// scaffolded, installed, given its services (kit.mjs's serviceStarter: PostgreSQL with a fresh database
// per run, Redis, Kafka) and verified with `node dist/cli.js verify --dir` (install excluded), timed
// around the whole command as a learner sees it. Beside it, the raw time of the same HTTP requests
// (the report's `requests`, in order) sent one after another with plain Node http to the same server
// started by hand on fresh databases, timing only the requests: what no runner could go below.
//   verify.freshMaxMs   the slowest idea's median verify time (target: under 15 s)
//   verify.freshRawMs   that idea's median raw time of the same requests
// Used by bench/run.mjs; alone: node bench/verify.mjs [--runs N] [--stack go|ts|python]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceStarter, sh, verifyReport } from '../scripts/kit.mjs';
import { scaffold } from '../scripts/reference.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** The ideas with checks and a starter of `stack`, in name order. */
function ideasWith(stack) {
  const startersDir = path.join(root, 'roadmap', 'starters');
  return readdirSync(startersDir)
    .filter((idea) => existsSync(path.join(root, 'roadmap', 'verify', `${idea}.yaml`)) && existsSync(path.join(startersDir, idea, stack, 'starter.json')))
    .sort();
}

/** One request with plain Node http; resolves with its time in ms, whatever the answer. */
function timedRequest(agent, host, port, req) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const headers = { ...req.headers };
    // A multipart upload is kept in the report as base64 (bodyEncoding): it is sent as its bytes.
    const body = req.body !== undefined && req.bodyEncoding === 'base64' ? Buffer.from(req.body, 'base64') : req.body;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const r = http.request({ host, port, method: req.method, path: req.path, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
      res.on('error', reject);
    });
    r.setTimeout(30_000, () => r.destroy(new Error(`no answer to ${req.method} ${req.path} within 30 s`)));
    r.on('error', reject);
    r.end(body);
  });
}

/** Starts the project's server by hand (its own process group) and waits for its health path; stop() ends the group. */
async function startByHand(dir, manifest, env) {
  const child = spawn('sh', ['-c', manifest.start], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (c) => (output = (output + c).slice(-4000)));
  child.stderr.on('data', (c) => (output = (output + c).slice(-4000)));
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    try {
      if (!exited) process.kill(-child.pid, 'SIGKILL');
    } catch {}
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !exited) {
    for (const host of ['127.0.0.1', '::1']) {
      const status = await new Promise((resolve) => {
        const r = http.get({ host, port: env.PORT, path: manifest.healthPath, agent: false }, (res) => (res.resume(), resolve(res.statusCode)));
        r.setTimeout(2000, () => r.destroy());
        r.on('error', () => resolve(0));
      });
      if (status >= 200 && status < 300) return { host, stop };
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`the server started by hand in ${dir} did not answer ${manifest.healthPath}: ${output.trim().slice(-1000)}`);
}

/** Sends `requests` one after another to a server started by hand; the sum of their times. */
export async function replay(dir, manifest, env, requests) {
  const { host, stop } = await startByHand(dir, manifest, env);
  const agent = new http.Agent({ keepAlive: true });
  try {
    let total = 0;
    for (const req of requests) total += await timedRequest(agent, host, Number(env.PORT), req);
    return total;
  } finally {
    agent.destroy();
    await stop();
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = http.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Measures every idea's fresh starter `runs` times; returns the figures (verify.*) and a line per idea.
 * `services` is a kit.mjs serviceStarter (started here and stopped at the end when not given).
 */
export async function measureFreshVerify({ stack = 'go', runs = 3, log = console.log, services } = {}) {
  if (!existsSync(path.join(root, 'dist', 'cli.js')) || !existsSync(path.join(root, 'dist', 'verify.json'))) {
    const built = sh(`"${process.execPath}" esbuild.mjs`, root);
    if (!built.ok) throw new Error(`the CLI could not be built:\n${built.out.slice(-2000)}`);
  }
  const checks = JSON.parse(readFileSync(path.join(root, 'dist', 'verify.json'), 'utf8'));
  const own = !services;
  services ??= serviceStarter();
  const work = mkdtempSync(path.join(os.tmpdir(), 'roadmap-bench-verify-'));
  const perIdea = {};
  try {
    for (const idea of ideasWith(stack)) {
      const dir = path.join(work, idea);
      scaffold(idea, stack, dir);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'starter.json'), 'utf8'));
      const install = sh(manifest.install.join(' && '), dir);
      if (!install.ok) throw new Error(`the fresh ${idea} ${stack} starter does not install:\n${install.out.slice(-2000)}`);
      const times = [];
      const raws = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const report = verifyReport(dir, await services.env(manifest.services));
        const ms = performance.now() - started;
        const wrong = report.startProblem ?? report.milestones.filter((m) => m.ok !== (m.id === 'baseline')).map((m) => `${m.id} ${m.ok ? 'passed' : 'failed'}`).join(', ');
        if (wrong) throw new Error(`the fresh ${idea} ${stack} starter must pass its baseline and fail the rest: ${wrong}`);
        if (!Array.isArray(report.requests) || !report.requests.length) throw new Error(`the ${idea} report lists no requests: is dist/cli.js built from this tree?`);
        const env = { ...manifest.env, ...process.env, ...(await services.env(manifest.services)), ...(checks[idea]?.env ?? {}), PORT: String(await freePort()) };
        const raw = await replay(dir, manifest, env, report.requests);
        times.push(ms);
        raws.push(raw);
        const slowest = report.milestones.flatMap((m) => m.checks).sort((a, b) => b.ms - a.ms)[0];
        log(`  ${idea} (${stack}) run ${i + 1}: verify ${(ms / 1000).toFixed(2)} s, the same ${report.requests.length} requests by hand ${(raw / 1000).toFixed(2)} s; slowest check ${slowest ? `${(slowest.ms / 1000).toFixed(2)} s (${slowest.milestone}: ${slowest.name})` : 'none'}`);
      }
      perIdea[idea] = { ms: median(times), rawMs: median(raws) };
    }
  } finally {
    if (own) services.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const [slowest, figures] = Object.entries(perIdea).sort((a, b) => b[1].ms - a[1].ms)[0] ?? [];
  if (!slowest) throw new Error(`no idea has checks and a ${stack} starter`);
  const out = { 'verify.freshMaxMs': figures.ms, 'verify.freshRawMs': figures.rawMs, 'verify.freshSlowest': `${slowest} (${stack})` };
  for (const [idea, f] of Object.entries(perIdea)) {
    out[`verify.fresh.${idea}.ms`] = f.ms;
    out[`verify.fresh.${idea}.rawMs`] = f.rawMs;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const at = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const runs = Number(at('--runs') ?? 3);
  const stack = at('--stack') ?? 'go';
  if (!Number.isInteger(runs) || runs < 1 || !['go', 'ts', 'python'].includes(stack)) {
    console.error('usage: node bench/verify.mjs [--runs N] [--stack go|ts|python]');
    process.exit(2);
  }
  try {
    const f = await measureFreshVerify({ stack, runs });
    console.log(`\nmedians of ${runs} run${runs === 1 ? '' : 's'} per idea (${stack} starters):`);
    for (const key of Object.keys(f).filter((k) => k.startsWith('verify.fresh.') && k.endsWith('.ms'))) {
      const idea = key.slice('verify.fresh.'.length, -'.ms'.length);
      console.log(`  ${idea.padEnd(28)} verify ${(f[key] / 1000).toFixed(2)} s, requests alone ${(f[`verify.fresh.${idea}.rawMs`] / 1000).toFixed(2)} s`);
    }
    console.log(`verify.freshMaxMs ${f['verify.freshMaxMs'].toFixed(0)} ms (${f['verify.freshSlowest']}; target < 15000 ms), verify.freshRawMs ${f['verify.freshRawMs'].toFixed(0)} ms`);
  } catch (err) {
    console.error(`[bench] ${err.message}`);
    process.exit(1);
  }
}
