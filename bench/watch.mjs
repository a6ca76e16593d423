// How fast watch mode answers a save, in plain Node: the URL shortener's fresh go starter (the
// fastest to build) is watched with `node dist/cli.js verify --watch --milestone validation` on its
// real services, and main.go is saved again and again (a comment added). Per save, from the write to
// the verdict written: the project's own time (its build, its server starting, its answers: what the
// report counts as waited) and the rest, the product's own time (the watcher, the debounce, the
// runner). Beside it, the raw time of the same HTTP requests (the report's `requests`) sent one after
// another with plain Node http to the same server started by hand.
//   verify.watchRecheckMs     the product's own time of a re-check after a save (target: under 2000 ms)
//   verify.watchRecheckRawMs  the same requests, sent by hand
//   verify.watchBuildMs       the project's build (go build), for scale
// Used by bench/run.mjs; alone: node bench/watch.mjs [--runs N]
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceStarter, sh } from '../scripts/kit.mjs';
import { scaffold } from '../scripts/reference.mjs';
import { freePort, median, replay } from './verify.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const IDEA = 'url-shortener';
const STACK = 'go';
const FOCUS = 'validation';

/** Waits for the watcher's next report file; the report and when it appeared. */
async function nextReport(file, child, output) {
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    if (existsSync(file)) {
      const at = performance.now();
      try {
        const report = JSON.parse(readFileSync(file, 'utf8'));
        rmSync(file);
        return { report, at };
      } catch {
        // Written as we read it: the next look has it whole.
      }
    }
    if (child.exitCode !== null) throw new Error(`verify --watch ended (${child.exitCode}): ${output().slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no verdict within 120 s: ${output().slice(-1500)}`);
}

export async function measureWatchRecheck({ runs = 5, log = console.log, services } = {}) {
  const own = !services;
  services ??= serviceStarter();
  const work = mkdtempSync(path.join(os.tmpdir(), 'roadmap-bench-watch-'));
  const dir = path.join(work, IDEA);
  const reportFile = path.join(work, 'report.json');
  let child;
  try {
    scaffold(IDEA, STACK, dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'starter.json'), 'utf8'));
    const install = sh(manifest.install.join(' && '), dir);
    if (!install.ok) throw new Error(`the fresh ${IDEA} ${STACK} starter does not install:\n${install.out.slice(-2000)}`);
    const env = { ...process.env, ...(await services.env(manifest.services)) };
    child = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), 'verify', '--dir', dir, '--watch', '--milestone', FOCUS, '--report', reportFile], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out = (out + c).slice(-20_000)));
    child.stderr.on('data', (c) => (out = (out + c).slice(-20_000)));
    await nextReport(reportFile, child, () => out);
    const product = [];
    const raws = [];
    const builds = [];
    const checks = JSON.parse(readFileSync(path.join(root, 'dist', 'verify.json'), 'utf8'));
    for (let i = 0; i < runs; i++) {
      const saved = performance.now();
      appendFileSync(path.join(dir, 'main.go'), `\n// saved again (${i + 1})\n`);
      const { report, at } = await nextReport(reportFile, child, () => out);
      const total = at - saved;
      const projectMs = report.ms - report.overheadMs;
      if (report.outcome === 'could-not-run' || report.milestones.map((m) => m.id).join() !== `${FOCUS},baseline`) throw new Error(`the re-check ran ${report.milestones.map((m) => m.id).join(', ')} (${report.outcome}): ${report.problem?.message ?? ''}`);
      const rawEnv = { ...manifest.env, ...process.env, ...(await services.env(manifest.services)), ...(checks[IDEA]?.env ?? {}), PORT: String(await freePort()) };
      const raw = await replay(dir, manifest, rawEnv, report.requests);
      product.push(total - projectMs);
      raws.push(raw);
      builds.push(report.buildMs ?? 0);
      log(`  save ${i + 1}: verdict after ${(total / 1000).toFixed(2)} s: the project ${(projectMs / 1000).toFixed(2)} s (build ${((report.buildMs ?? 0) / 1000).toFixed(2)} s), the product ${((total - projectMs) / 1000).toFixed(2)} s; the same ${report.requests.length} requests by hand ${(raw / 1000).toFixed(2)} s`);
    }
    return { 'verify.watchRecheckMs': median(product), 'verify.watchRecheckRawMs': median(raws), 'verify.watchBuildMs': median(builds) };
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    }
    if (own) services.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const runs = Number(argv.includes('--runs') ? argv[argv.indexOf('--runs') + 1] : 5);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('usage: node bench/watch.mjs [--runs N]');
    process.exit(2);
  }
  try {
    const f = await measureWatchRecheck({ runs });
    console.log(`verify.watchRecheckMs ${f['verify.watchRecheckMs'].toFixed(0)} ms (target < 2000 ms), verify.watchRecheckRawMs ${f['verify.watchRecheckRawMs'].toFixed(0)} ms, build ${f['verify.watchBuildMs'].toFixed(0)} ms`);
  } catch (err) {
    console.error(`[bench] ${err.message}`);
    process.exit(1);
  }
}
