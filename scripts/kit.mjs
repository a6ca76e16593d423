// The honesty kit: named wrong solutions per milestone (test/fixtures/wrong/<idea>/kit.yaml), each a
// patch on top of a stack's reference solution with one mistake a learner really makes. Each must fail
// exactly its milestone (plus any it declares in alsoFails), and the check named in `catches` must be
// among the failures: a check that lets a wrong solution pass, or fails it for another reason, shows here.
//
//   node scripts/kit.mjs open <idea> <stack> <dir> [<id>]  scaffold, apply the reference, then the wrong solution <id>
//   node scripts/kit.mjs save <idea> <id> <dir>            write <dir>'s changes against the reference as <id>.patch
//   node scripts/kit.mjs run <idea> [<id>...]              run the entries (services started here); exit 1 on a wrong verdict
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { applyReference, diffAgainst, referencePatch, scaffold } from './reference.mjs';
import { SERVICES } from './services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const kitDir = (idea) => path.join(root, 'test', 'fixtures', 'wrong', idea);
const patchOf = (idea, id) => path.join(kitDir(idea), `${id}.patch`);

/** The kit's entries of an idea (empty when it has none). */
export function kitEntries(idea) {
  const file = path.join(kitDir(idea), 'kit.yaml');
  if (!existsSync(file)) return [];
  const entries = parse(readFileSync(file, 'utf8')) ?? [];
  for (const e of entries) e.alsoFails ??= [];
  return entries;
}

/** Runs a shell command line to its end: ok, its output and its time. */
export function sh(cmd, cwd, env = {}) {
  const started = Date.now();
  const r = spawnSync('sh', ['-c', cmd], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', ...env } });
  return { ok: r.status === 0, out: (r.stdout ?? '') + (r.stderr ?? ''), seconds: (Date.now() - started) / 1000 };
}

/** Runs the CLI's verify on a project; its JSON report, or an error with the CLI's output. */
export function verifyReport(dir, env) {
  const reportFile = path.join(dir, '..', `${path.basename(dir)}-verify.json`);
  rmSync(reportFile, { force: true });
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'verify', '--dir', dir, '--report', reportFile], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (!existsSync(reportFile)) throw new Error(`verify wrote no report: ${(r.stderr || r.stdout).trim().slice(-1500)}`);
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

/** Whether a report shows exactly the failure the entry promises; a sentence saying why not. */
export function judgeEntry(entry, report) {
  if (report.startProblem) return { ok: false, why: `could not run: ${report.startProblem.split('\n')[0]}` };
  const failing = report.milestones.filter((m) => !m.ok).map((m) => m.id);
  const expected = [entry.milestone, ...entry.alsoFails];
  const extra = failing.filter((id) => !expected.includes(id));
  const passing = expected.filter((id) => !failing.includes(id));
  const caught = report.milestones.find((m) => m.id === entry.milestone)?.checks.filter((c) => !c.ok) ?? [];
  if (passing.length) return { ok: false, why: `passes milestone ${passing.join(', ')} it must fail` };
  if (extra.length) {
    const first = report.milestones.find((m) => m.id === extra[0]).checks.find((c) => !c.ok);
    return { ok: false, why: `also fails milestone ${extra.join(', ')} (${first?.name}: ${first?.message?.split('\n').pop()})` };
  }
  if (!caught.some((c) => c.name === entry.catches)) return { ok: false, why: `'${entry.catches}' passes; caught instead by: ${caught.map((c) => c.name).join('; ')}` };
  return { ok: true, why: `fails ${failing.join(', ')}; caught by '${entry.catches}'${caught.length > 1 ? ` and ${caught.length - 1} more` : ''}` };
}

/**
 * Runs the entries of one stack against `dir`, a project with that stack's reference solution applied
 * and installed: each is applied, rebuilt, verified with `freshEnv()` (fresh databases) and taken back
 * off. `record(name, ok, detail)` gets one verdict per entry.
 */
export async function runEntries({ idea, stack, dir, manifest, freshEnv, record, only }) {
  for (const entry of kitEntries(idea).filter((e) => e.stack === stack && (!only?.length || only.includes(e.id)))) {
    const name = `wrong solution ${entry.id} (${entry.milestone}: ${entry.mistake})`;
    const patch = patchOf(idea, entry.id);
    try {
      applyReference(patch, dir);
    } catch (err) {
      record(name, false, `the patch does not apply: ${String(err.stderr ?? err.message).trim().slice(-500)}`);
      continue;
    }
    try {
      const build = sh(manifest.install.join(' && '), dir);
      if (!build.ok) {
        record(name, false, `does not build: ${build.out.slice(-800)}`);
        continue;
      }
      const report = verifyReport(dir, await freshEnv());
      const verdict = judgeEntry(entry, report);
      record(name, verdict.ok, `${verdict.why}; ${report.seconds.toFixed(1)} s`);
    } finally {
      execFileSync('git', ['apply', '-R', '--whitespace=nowarn', patch], { cwd: dir, stdio: 'pipe' });
    }
  }
}

/** Starts the services on first need, once, and gives their URLs (a service that can make a fresh database, PostgreSQL, makes one per call); stop() stops them all. */
export function serviceStarter() {
  const running = new Map();
  let databases = 0;
  return {
    async env(names) {
      const env = {};
      for (const name of names) {
        if (!running.has(name)) running.set(name, await SERVICES[name].start());
        const service = running.get(name);
        env[SERVICES[name].env] = service.fresh ? service.fresh(`project_${++databases}`) : service.url;
        Object.assign(env, service.env);
      }
      return env;
    },
    stop() {
      for (const [name, service] of running) {
        try {
          service.stop();
        } catch (err) {
          console.error(`could not stop ${name}: ${err.message}`);
        }
      }
    },
  };
}

async function runCommand(idea, ids) {
  const entries = kitEntries(idea).filter((e) => !ids.length || ids.includes(e.id));
  if (!entries.length) throw new Error(`no kit entries for ${idea}${ids.length ? ` named ${ids.join(', ')}` : ''} in ${path.relative(root, kitDir(idea))}/kit.yaml`);
  const services = serviceStarter();
  const work = mkdtempSync(path.join(os.tmpdir(), 'roadmap-kit-'));
  let failed = 0;
  try {
    for (const stack of [...new Set(entries.map((e) => e.stack))]) {
      const dir = path.join(work, `${idea}-${stack}`);
      scaffold(idea, stack, dir);
      applyReference(referencePatch(idea, stack), dir);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'starter.json'), 'utf8'));
      const install = sh(manifest.install.join(' && '), dir);
      if (!install.ok) throw new Error(`the ${stack} reference does not install:\n${install.out.slice(-2000)}`);
      console.log(`${idea} (${stack})`);
      await runEntries({
        idea,
        stack,
        dir,
        manifest,
        only: ids,
        freshEnv: () => services.env(manifest.services),
        record: (name, ok, detail) => {
          if (!ok) failed++;
          console.log(`  ${ok ? '✔' : '✘'} ${name}${detail ? ` (${detail})` : ''}`);
        },
      });
    }
  } finally {
    services.stop();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`${entries.length - failed} of ${entries.length} wrong solutions fail as they should`);
  return failed ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'open' && (args.length === 3 || args.length === 4)) {
    const [idea, stack, dir, id] = args;
    scaffold(idea, stack, path.resolve(dir));
    applyReference(referencePatch(idea, stack), path.resolve(dir));
    if (id) applyReference(patchOf(idea, id), path.resolve(dir));
    console.log(`${dir}: the ${idea} ${stack} reference${id ? ` with the wrong solution ${id}` : ''}`);
  } else if (command === 'save' && args.length === 3) {
    const [idea, id, dir] = args;
    const entry = kitEntries(idea).find((e) => e.id === id);
    if (!entry) throw new Error(`add '${id}' to ${path.relative(root, kitDir(idea))}/kit.yaml first (its stack says which reference to diff against)`);
    const diff = diffAgainst(idea, entry.stack, path.resolve(dir), true);
    if (!diff.trim()) throw new Error(`${dir} does not differ from the ${idea} ${entry.stack} reference`);
    writeFileSync(patchOf(idea, id), diff);
    console.log(`wrote ${path.relative(root, patchOf(idea, id))} (${diff.split('\n').length} lines)`);
  } else if (command === 'run' && args.length >= 1) {
    process.exitCode = await runCommand(args[0], args.slice(1));
  } else {
    console.error('usage: node scripts/kit.mjs open <idea> <stack> <dir> [<id>] | save <idea> <id> <dir> | run <idea> [<id>...]');
    process.exit(2);
  }
}
