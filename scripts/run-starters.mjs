// The starters layer: every starter project is scaffolded through the CLI into a temporary folder,
// installed with its own tools, and both of its test layers run with its own runner. Services a
// starter names (postgresql, redis, kafka) are started here before its integration tests.
// Usage: node scripts/run-starters.mjs <results.json>
// ROADMAP_STARTERS=idea[/stack][,...] limits the run to those starters.
// ROADMAP_STARTERS_JOBS=N (default 2) runs N starters at a time, each in a process of its own with its
// own services; each starter's output is printed whole when it ends, with its time.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [resultsFile] = process.argv.slice(2);
const startersDir = path.join(root, 'roadmap', 'starters');
const checksDir = path.join(root, 'roadmap', 'verify');
import { SERVICES } from './services.mjs';
import { applyReference, referencePatch } from './reference.mjs';
import { runEntries, serviceStarter, sh, verifyReport } from './kit.mjs';
import { checkDatabaseDown } from './db-down.mjs';

const only = (process.env.ROADMAP_STARTERS ?? '').split(',').filter(Boolean);
const selected = (idea, stack) => !only.length || only.some((o) => o === idea || o === `${idea}/${stack}`);

const jobs = Number(process.env.ROADMAP_STARTERS_JOBS ?? 2);
if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`ROADMAP_STARTERS_JOBS must be a whole number of at least 1, not '${process.env.ROADMAP_STARTERS_JOBS}'`);
if (jobs > 1) process.exit(await runPool(jobs));

/** Runs every selected starter in a child process of this script, `n` at a time; the exit code. */
async function runPool(n) {
  const items = [];
  for (const idea of readdirSync(startersDir).sort()) {
    for (const stack of readdirSync(path.join(startersDir, idea)).sort()) {
      const file = path.join(startersDir, idea, stack, 'starter.json');
      if (existsSync(file) && selected(idea, stack)) items.push({ id: `${idea}/${stack}`, services: JSON.parse(readFileSync(file, 'utf8')).services });
    }
  }
  // The slowest (most services) first, so the last ones to start are short.
  items.sort((a, b) => b.services.length - a.services.length);
  // Kafka's jars are fetched once here, not by two children at the same time.
  if (items.some((i) => i.services.includes('kafka'))) (await import('./kafka/fetch.mjs')).kafkaLibs();
  const work = mkdtempSync(path.join(os.tmpdir(), 'roadmap-starters-pool-'));
  const totals = { passed: 0, failed: 0 };
  const failures = [];
  const times = [];
  const started = Date.now();
  const runOne = (item) =>
    new Promise((resolve) => {
      const file = path.join(work, `${item.id.replace('/', '-')}.json`);
      const t = Date.now();
      const child = spawn(process.execPath, [fileURLToPath(import.meta.url), file], { env: { ...process.env, ROADMAP_STARTERS: item.id, ROADMAP_STARTERS_JOBS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      child.on('close', (code) => {
        let counts = { passed: 0, failed: 1 };
        try {
          counts = JSON.parse(readFileSync(file, 'utf8'));
        } catch {
          out += `\n[starters] ${item.id} wrote no results (exit ${code}): counted as one failure\n`;
          counts.failures = [{ name: item.id, detail: `wrote no results (exit ${code}); its last output:\n${out.slice(-1500)}` }];
        }
        failures.push(...(counts.failures ?? []));
        totals.passed += counts.passed;
        totals.failed += counts.failed;
        const seconds = (Date.now() - t) / 1000;
        times.push({ id: item.id, seconds, passed: counts.passed, failed: counts.failed });
        process.stdout.write(`${out.trimEnd()}\n[starters] ${item.id}: ${counts.passed} passed, ${counts.failed} failed in ${seconds.toFixed(0)} s\n`);
        resolve();
      });
    });
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(n, queue.length) }, async () => {
    while (queue.length) await runOne(queue.shift());
  }));
  rmSync(work, { recursive: true, force: true });
  console.log(`\n[starters] times (${n} at a time, ${((Date.now() - started) / 1000).toFixed(0)} s in all):`);
  for (const t of times.sort((a, b) => b.seconds - a.seconds)) console.log(`  ${t.id.padEnd(36)} ${t.seconds.toFixed(0).padStart(5)} s  ${t.passed} passed, ${t.failed} failed`);
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, JSON.stringify({ layer: 'starters', ...totals, failures }));
  console.log(`[starters] ${totals.passed} passed, ${totals.failed} failed`);
  return totals.failed > 0 ? 1 : 0;
}
const KNOWN_SERVICES = new Set(Object.keys(SERVICES));
/** Services are started once, on first need, and stopped at the end. */
const services = serviceStarter();
const serviceEnv = (names) => services.env(names);
let passed = 0;
let failed = 0;
/** Each failed test with its reason, for the recap at the very end of the run (scripts/test.mjs). */
const failures = [];
let current = '';

function check(name, ok, detail, more) {
  if (ok) passed++;
  else {
    failed++;
    failures.push({ name: `${current}: ${name}`, detail: [detail, more].filter(Boolean).join('\n') });
  }
  console.log(`  ${ok ? '✔' : '✘'} ${name}${detail ? ` (${detail})` : ''}`);
}

/** Runs the CLI's verify on a project and returns its JSON report (undefined, counted as a failure, if it has none). */
function verify(dir, env) {
  let report;
  try {
    report = verifyReport(dir, env);
  } catch (err) {
    check('verify writes a report', false, err.message);
    return undefined;
  }
  console.log(`    verify: ${report.milestones.filter((m) => m.ok).length}/${report.milestones.length} milestones in ${report.seconds.toFixed(1)} s${report.startProblem ? ` (${report.startProblem.split('\n')[0]})` : ''}`);
  return report;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'roadmap-starters-'));
try {
  for (const idea of readdirSync(startersDir).sort()) {
    for (const stack of readdirSync(path.join(startersDir, idea)).sort()) {
      const manifestFile = path.join(startersDir, idea, stack, 'starter.json');
      if (!existsSync(manifestFile) || !selected(idea, stack)) continue;
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
      console.log(`\n${idea} (${stack})`);
      current = `${idea}/${stack}`;
      const missing = manifest.services.filter((s) => !KNOWN_SERVICES.has(s));
      if (missing.length) {
        check(`services ${missing.join(', ')} can be started`, false, 'this runner cannot start them yet');
        continue;
      }
      const target = path.join(work, `${idea}-${stack}`);
      const scaffolded = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'scaffold', idea, '--stack', stack, '--dir', target], { encoding: 'utf8' });
      check('scaffolds through the CLI', scaffolded.status === 0, scaffolded.status === 0 ? undefined : scaffolded.stderr.trim());
      if (scaffolded.status !== 0) continue;
      const leftovers = sh(`grep -rlE '(^|[^$])[{][{] *[A-Za-z][A-Za-z0-9_]* *[}][}]' . --exclude-dir=node_modules || true`, target).out.trim();
      check('has no unexpanded {{placeholders}}', leftovers === '', leftovers);
      for (const f of ['README.md', '.env.example', 'docker-compose.yml', 'Dockerfile', '.github/workflows/ci.yml', 'starter.json']) {
        check(`ships ${f}`, existsSync(path.join(target, f)));
      }
      check('Dockerfile has a HEALTHCHECK', /^HEALTHCHECK /m.test(readFileSync(path.join(target, 'Dockerfile'), 'utf8')));
      const install = sh(manifest.install.join(' && '), target);
      check(`installs (${manifest.install.join(' && ')})`, install.ok, `${install.seconds.toFixed(1)} s`);
      if (!install.ok) {
        console.log(install.out.slice(-2000));
        continue;
      }
      let env = {};
      try {
        env = await serviceEnv(manifest.services);
        if (manifest.services.length) check(`starts ${manifest.services.join(', ')}`, true, Object.values(env).join(' '));
      } catch (err) {
        check(`starts ${manifest.services.join(', ')}`, false, err.message);
        continue;
      }
      const testsPass = (what) => {
        let ok = true;
        for (const layer of ['unit', 'integration']) {
          // Unit tests get no services: they must pass without them.
          const r = sh(manifest.test[layer], target, layer === 'integration' ? env : {});
          check(`${what}${layer} tests pass (${manifest.test[layer]})`, r.ok, `${r.seconds.toFixed(1)} s`, r.ok ? undefined : `its last output:\n${r.out.slice(-1500)}`);
          if (!r.ok) console.log(r.out.slice(-3000));
          ok &&= r.ok;
        }
        return ok;
      };
      testsPass('');
      await checkDatabaseDown({ idea, dir: target, manifest, env, record: check, fresh: true });
      if (!existsSync(path.join(checksDir, `${idea}.yaml`))) continue;
      // Honesty of the milestone checks: the fresh starter passes the baseline and fails the rest...
      const fresh = verify(target, env);
      if (fresh) {
        for (const m of fresh.milestones) {
          const expectOk = m.id === 'baseline';
          const first = m.checks.find((c) => c.ok !== expectOk);
          check(`fresh starter ${expectOk ? 'passes' : 'fails'} milestone ${m.id}`, m.ok === expectOk, m.ok === expectOk ? undefined : first?.message?.split('\n').join(' | '));
        }
      }
      // ...and the reference solution, applied to it, passes them all and keeps the starter's tests green.
      const patch = referencePatch(idea, stack);
      let applied;
      try {
        applyReference(patch, target);
        applied = true;
      } catch (err) {
        applied = false;
        console.log(String(err.stderr ?? err.message).slice(-2000));
      }
      check(`reference solution ${path.relative(root, patch)} applies to the starter`, applied);
      if (!applied) continue;
      const reinstall = sh(manifest.install.join(' && '), target);
      check('reference solution installs', reinstall.ok, `${reinstall.seconds.toFixed(1)} s`);
      if (!reinstall.ok) {
        console.log(reinstall.out.slice(-2000));
        continue;
      }
      // The reference's schema may differ from the starter's: it starts on fresh databases.
      const referenceEnv = await serviceEnv(manifest.services);
      env = referenceEnv;
      testsPass('reference: ');
      await checkDatabaseDown({ idea, dir: target, manifest, env: referenceEnv, record: check, label: 'reference: ' });
      const solved = verify(target, referenceEnv);
      if (solved) {
        for (const m of solved.milestones) {
          const failedCheck = m.checks.find((c) => !c.ok);
          check(`reference solution passes milestone ${m.id}`, m.ok, m.ok ? undefined : `${failedCheck?.name}: ${failedCheck?.message?.split('\n').join(' | ')}`);
        }
      }
      // The honesty kit: each named wrong solution of this stack fails exactly its milestone.
      await runEntries({ idea, stack, dir: target, manifest, freshEnv: () => serviceEnv(manifest.services), record: check });
    }
  }
} finally {
  services.stop();
  rmSync(work, { recursive: true, force: true });
}
mkdirSync(path.dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, JSON.stringify({ layer: 'starters', passed, failed, failures }));
console.log(`[starters] ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
