// The exercises layer: every topic's exercise proven honest with its own toolchains against real
// services. For each stack, the starting files must fail, the reference pass, and each wrong solution
// of test/fixtures/exercises/<topic>.yaml fail exactly the check it names (`exercise honesty`).
// Services the exercises name start here once and are shared (each sql step makes its own database);
// the tools they name are installed from Debian's packages. Two halves run at a time.
// Usage: node scripts/run-exercises.mjs [--runs N] [--results file.json] [<topic>...]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { SERVICES } from './services.mjs';
import { ensureDebianPackages } from './system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'roadmap', 'backend', 'exercises');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  return value;
};
const runs = option('--runs') ?? '1';
const resultsFile = option('--results');
const jobs = Number(process.env.ROADMAP_EXERCISE_JOBS ?? 2);

/** The Debian package that gives each tool an exercise may name. */
const PACKAGES = { nginx: 'nginx', apache2: 'apache2', apache2ctl: 'apache2', caddy: 'caddy', php: 'php-cli', ruby: 'ruby', openssl: 'openssl', git: 'git', 'redis-cli': 'redis-tools', psql: 'postgresql-client', mariadb: 'mariadb-client', dig: 'dnsutils', curl: 'curl', sqlite3: 'sqlite3', jq: 'jq' };

const all = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => path.basename(f, '.yaml')).sort() : [];
const topics = args.length ? args : all;
const unknown = topics.filter((t) => !all.includes(t));
if (unknown.length) {
  console.error(`no exercise for: ${unknown.join(', ')} (in ${path.relative(root, dir)})`);
  process.exit(2);
}
const specs = Object.fromEntries(topics.map((t) => [t, parse(readFileSync(path.join(dir, `${t}.yaml`), 'utf8')) ?? {}]));
const tools = [...new Set(topics.flatMap((t) => specs[t].tools ?? []))];
const packages = [...new Set(tools.map((t) => PACKAGES[t]).filter(Boolean))];
if (packages.length) ensureDebianPackages(packages);
const services = [...new Set(topics.flatMap((t) => specs[t].services ?? []))];

const started = performance.now();
const running = [];
const env = { ...process.env };
try {
  for (const name of services) {
    const service = SERVICES[name];
    if (!service) throw new Error(`exercise service '${name}' is unknown to scripts/services.mjs`);
    const s = await service.start();
    running.push(s);
    env[service.env] = s.url;
    console.log(`[exercises] ${name} at ${s.url}`);
  }
  // Two halves of the topics at a time, each a CLI process of its own, longest-looking (most stacks) spread across.
  const groups = Array.from({ length: Math.min(jobs, topics.length) }, () => []);
  [...topics].sort((a, b) => Object.keys(specs[b].stacks ?? {}).length - Object.keys(specs[a].stacks ?? {}).length).forEach((t, i) => groups[i % groups.length].push(t));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'exercise-results-'));
  const outcomes = await Promise.all(groups.map((group, i) => new Promise((resolve) => {
    const report = path.join(tmp, `${i}.json`);
    const child = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), 'exercise', 'honesty', '--topics', group.join(','), '--runs', runs, '--report', report], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => process.stdout.write(d));
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => {
      let result = { verdicts: [], problems: [`exercise honesty for ${group.join(', ')} wrote no report (exit ${code})`] };
      try {
        result = JSON.parse(readFileSync(report, 'utf8'));
      } catch {
        // counted below as a failure
      }
      resolve(result);
    });
  })));
  rmSync(tmp, { recursive: true, force: true });
  const verdicts = outcomes.flatMap((o) => o.verdicts);
  const problems = outcomes.flatMap((o) => o.problems);
  const failures = [...verdicts.filter((v) => !v.ok).map((v) => ({ name: `${v.topic} [${v.stack}] ${v.variant}`, detail: v.detail })), ...problems.map((p) => ({ name: 'exercise files', detail: p }))];
  const passed = verdicts.filter((v) => v.ok).length;
  const seconds = (performance.now() - started) / 1000;
  // Per topic: its time, so a slow exercise shows.
  const byTopic = new Map();
  for (const v of verdicts) byTopic.set(v.topic, (byTopic.get(v.topic) ?? 0) + v.ms);
  for (const [t, ms] of [...byTopic].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${t.padEnd(30)} ${(ms / 1000).toFixed(1).padStart(6)} s`);
  console.log(`[exercises] ${topics.length} exercises, ${passed} passed, ${failures.length} failed in ${seconds.toFixed(0)} s`);
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify({ layer: 'exercises', passed, failed: failures.length, failures }));
  process.exitCode = failures.length ? 1 : 0;
} finally {
  for (const s of running.reverse()) await s.stop();
}
