// `npm test`: installs what the layers need, builds, runs the unit, integration and browser layers,
// and ends with one line "N passed, N failed" summing all of them. Non-zero exit on any failure.
// Usage: node scripts/test.mjs [unit] [integration] [browser] [exercises] [starters]   (default: all layers)
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, mkdirSync } from 'node:fs';
import { ensureNodeModules } from './npm-deps.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const LAYERS = ['unit', 'integration', 'browser', 'exercises', 'starters'];
const wanted = process.argv.slice(2).filter((a) => LAYERS.includes(a));
const layers = wanted.length ? wanted : LAYERS;
const resultsDir = path.join(root, 'out', 'results');

function run(cmd, args, opts = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return { ok: r.status === 0, status: r.status, seconds: (Date.now() - started) / 1000 };
}

function step(name, fn) {
  const started = Date.now();
  console.log(`\n=== ${name}`);
  const ok = fn();
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

const totals = { passed: 0, failed: 0 };
const timings = [];
const recap = [];
function finish() {
  // The failures again, last: a long run's log is often read from its end only.
  if (recap.length) {
    console.log(`\nFailed (${recap.length}):`);
    for (const f of recap) console.log(`  ✘ [${f.layer}] ${f.name}${f.detail ? `\n      ${f.detail.trim().split('\n').slice(-12).join('\n      ')}` : ''}`);
    console.log('');
  }
  for (const t of timings) console.log(`  ${t.layer.padEnd(12)} ${String(t.passed).padStart(4)} passed, ${String(t.failed).padStart(3)} failed  (${t.seconds.toFixed(1)} s)`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

if (!step('install npm packages', () => ensureNodeModules(root))) {
  totals.failed++;
  finish();
}
const built = step('build', () => run(process.execPath, ['esbuild.mjs', '--tests']).ok && run(process.execPath, [path.join('node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', '.']).ok);
if (!built) {
  totals.failed++;
  finish();
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
for (const layer of layers) {
  const file = path.join(resultsDir, `${layer}.json`);
  let r;
  if (layer === 'unit') r = run(process.execPath, ['scripts/run-mocha.mjs', 'unit', 'out/test/unit', file, '10000']);
  else if (layer === 'integration') r = run(process.execPath, ['scripts/run-integration.mjs', file]);
  else if (layer === 'browser') {
    // Only this run's screenshots, so a stale failure picture cannot mislead.
    rmSync(path.join(root, 'test-results', 'screenshots'), { recursive: true, force: true });
    r = run(process.execPath, ['scripts/run-mocha.mjs', 'browser', 'out/test/browser', file, '180000']);
  } else if (layer === 'exercises') r = run(process.execPath, ['scripts/run-exercises.mjs', '--results', file]);
  else r = run(process.execPath, ['scripts/run-starters.mjs', file]);
  let counts = { passed: 0, failed: 0 };
  try {
    counts = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    console.error(`[${layer}] wrote no results (exit ${r.status}): counted as one failure`);
    counts.failed = 1;
  }
  if (!r.ok && counts.failed === 0) {
    console.error(`[${layer}] exited with ${r.status} although no test failed: counted as one failure`);
    counts.failed = 1;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  for (const f of counts.failures ?? []) recap.push({ layer, ...f });
  timings.push({ layer, ...counts, seconds: r.seconds });
}
finish();
