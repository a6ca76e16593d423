import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseBuildOutput } from '../../src/verify/buildProblems';
import { parseIdeaChecks } from '../../src/verify/checks';
import { cleanRuns, mergeRuns, passedMilestones } from '../../src/verify/lastRuns';
import { formatReport } from '../../src/verify/report';
import type { VerifyReport } from '../../src/verify/results';
import { planChecks, VerifyError } from '../../src/verify/runner';
import { isWatchedFile, nextFocus, WatchLoop, type WatchTimers } from '../../src/verify/watch';

const root = path.resolve(__dirname, '../../..');

/** Timers a test moves by hand. */
function manualTimers(): WatchTimers & { fire(): void; pending: number } {
  const queue = new Map<number, () => void>();
  let next = 0;
  return {
    setTimeout: (fn) => (queue.set(++next, fn), next),
    clearTimeout: (h) => void queue.delete(h as number),
    fire() {
      const fns = [...queue.values()];
      queue.clear();
      fns.forEach((f) => f());
    },
    get pending() {
      return queue.size;
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('watch mode: the loop', () => {
  it('makes one run of changes that come close together', async () => {
    const timers = manualTimers();
    let runs = 0;
    const loop = new WatchLoop(async () => void runs++, 300, timers);
    loop.changed();
    loop.changed();
    loop.changed();
    assert.strictEqual(timers.pending, 1, 'one debounce timer');
    timers.fire();
    await tick();
    assert.strictEqual(runs, 1);
    await loop.dispose();
  });

  it('cancels a run under way on a change and starts the next only once it has ended: one server at a time', async () => {
    const timers = manualTimers();
    const events: string[] = [];
    let active = 0;
    let maxActive = 0;
    const loop = new WatchLoop(
      (signal) =>
        new Promise<void>((resolve) => {
          const n = events.filter((e) => e.startsWith('start')).length + 1;
          events.push(`start ${n}`);
          maxActive = Math.max(maxActive, ++active);
          const end = () => {
            active--;
            events.push(`end ${n}${signal.aborted ? ' (cancelled)' : ''}`);
            resolve();
          };
          signal.addEventListener('abort', () => setTimeout(end, 5), { once: true });
          if (n > 1) setTimeout(end, 5);
        }),
      300,
      timers,
    );
    loop.now();
    loop.changed();
    timers.fire();
    await new Promise((r) => setTimeout(r, 40));
    assert.deepStrictEqual(events, ['start 1', 'end 1 (cancelled)', 'start 2', 'end 2']);
    assert.strictEqual(maxActive, 1);
    await loop.dispose();
  });

  it('stops: the run under way is cancelled and awaited, and later changes start nothing', async () => {
    const timers = manualTimers();
    let aborted = false;
    let runs = 0;
    const loop = new WatchLoop((signal) => new Promise<void>((resolve) => {
      runs++;
      signal.addEventListener('abort', () => ((aborted = true), resolve()), { once: true });
    }), 300, timers);
    loop.now();
    await loop.dispose();
    assert.ok(aborted);
    loop.changed();
    timers.fire();
    await tick();
    assert.strictEqual(runs, 1);
  });

  it('watches the learner\'s sources, not dependencies, build output or editor litter', () => {
    for (const f of ['src/app.ts', 'app/main.py', 'main.go', 'starter.json', '.env', 'internal/store/store.go']) assert.ok(isWatchedFile(f), f);
    for (const f of ['node_modules/pg/index.js', 'dist/src/main.js', '.venv/lib/x.py', 'bin/server', 'app/__pycache__/m.pyc', '.git/index', 'src/.app.ts.swp', 'src/app.ts~', '../other/x.ts', 'target/classes/A.class', 'server.log']) assert.ok(!isWatchedFile(f), f);
  });

  it('focuses on the first milestone that has not passed, in the roadmap\'s order', () => {
    const ids = ['baseline', 'validation', 'stats'];
    assert.strictEqual(nextFocus(ids, new Map()), 'baseline');
    assert.strictEqual(nextFocus(ids, new Map([['baseline', true]])), 'validation');
    assert.strictEqual(nextFocus(ids, new Map([['baseline', true], ['validation', false], ['stats', true]])), 'validation');
    assert.strictEqual(nextFocus(ids, new Map(ids.map((id) => [id, true]))), undefined);
  });
});

describe('watch mode: what a run checks and keeps', () => {
  const step = { request: { path: '/health' }, expect: { status: 200 } };
  const checks = parseIdeaChecks({ idea: 'x', env: {}, milestones: { a: [{ name: 'a1', steps: [step] }], b: [{ name: 'b1', steps: [step] }, { name: 'b2', steps: [step] }], c: [{ name: 'c1', steps: [step] }] } }, ['a', 'b', 'c']).checks!;
  const milestones = ['a', 'b', 'c'].map((id) => ({ id, title: id.toUpperCase(), description: '', nodes: [] }));

  it('runs the milestone in focus first, then the ones before it, and leaves out the ones after', () => {
    assert.deepStrictEqual(planChecks({ checks, milestones }).map((p) => p.milestone.id), ['a', 'b', 'c']);
    assert.deepStrictEqual(planChecks({ checks, milestones, focus: 'b' }).map((p) => p.milestone.id), ['b', 'a']);
    assert.deepStrictEqual(planChecks({ checks, milestones, focus: 'a' }).map((p) => p.milestone.id), ['a']);
    assert.throws(() => planChecks({ checks, milestones, focus: 'z' }), (e: Error) => e instanceof VerifyError && /'z' is not a milestone of this idea: a, b, c/.test(e.message));
  });

  const report = (results: Record<string, ('passed' | 'failed' | 'could-not-run')[]>, cancelled = false): VerifyReport => ({
    ok: false,
    idea: 'x',
    stack: 'ts',
    outcome: 'failed',
    ...(cancelled ? { problem: { kind: 'cancelled' as const, message: 'cancelled' } } : {}),
    milestones: Object.entries(results).map(([id, outcomes]) => ({
      id,
      title: id,
      nodes: [],
      ok: outcomes.every((o) => o === 'passed'),
      outcome: 'failed' as const,
      complete: true,
      checks: outcomes.map((outcome, index) => ({ milestone: id, index, name: `${id}${index}`, ok: outcome === 'passed', outcome, steps: [], ms: 1, ...(outcome === 'passed' ? {} : { message: `${id}${index} went wrong` }) })),
    })),
    ms: 1,
    overheadMs: 0,
    requests: [],
  });

  it('keeps the last result of each check across runs that check only some milestones', () => {
    const first = mergeRuns(undefined, report({ a: ['passed'], b: ['failed', 'passed'], c: ['failed'] }), 't1');
    const second = mergeRuns(first, report({ b: ['passed', 'passed'], a: ['passed'] }), 't2');
    assert.deepStrictEqual(second.b['0'], { outcome: 'passed', at: 't2' });
    assert.deepStrictEqual(second.c['0'], { outcome: 'failed', message: 'c0 went wrong', at: 't1' }, 'a milestone the run left out keeps its result');
    assert.deepStrictEqual(mergeRuns(second, report({ a: ['failed'] }, true), 't3'), second, 'a cancelled run changes nothing');
    assert.deepStrictEqual([...passedMilestones(second, checks)], [['a', true], ['b', true], ['c', false]]);
  });

  it('counts a milestone as passed only when every check of it passed in its last run', () => {
    const runs = mergeRuns(undefined, report({ b: ['passed'] }), 't1');
    assert.strictEqual(passedMilestones(runs, checks).has('b'), false, 'b2 never ran');
    const machine = mergeRuns(undefined, report({ a: ['could-not-run'] }), 't1');
    assert.strictEqual(passedMilestones(machine, checks).has('a'), false, 'could not run says nothing about the code');
  });

  it('reads stored results back, dropping what is not of their shape', () => {
    assert.deepStrictEqual(cleanRuns({ a: { 0: { outcome: 'passed', at: 't' }, 1: { outcome: 'maybe', at: 't' }, 2: null }, b: 'x' }), { a: { 0: { outcome: 'passed', at: 't' } } });
    assert.deepStrictEqual(cleanRuns('nonsense'), {});
  });
});

describe('watch mode: build errors at their file and line, from the tools\' own output', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-build-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads tsc\'s errors', () => {
    fs.writeFileSync(path.join(dir, 'a.ts'), 'const n: number = "five";\nexport { n };\n');
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', 'a.ts'], { cwd: dir, encoding: 'utf8' });
    const problems = parseBuildOutput(r.stdout + r.stderr, dir);
    assert.deepStrictEqual(problems.map((p) => [path.basename(p.file), p.line, p.column, p.source]), [['a.ts', 1, 7, 'tsc']]);
    assert.match(problems[0].message, /Type 'string' is not assignable to type 'number'\. \(TS2322\)/);
  });

  it('reads go build\'s errors', () => {
    const g = path.join(dir, 'g');
    fs.mkdirSync(g);
    fs.writeFileSync(path.join(g, 'go.mod'), 'module example.com/g\n\ngo 1.21\n');
    fs.writeFileSync(path.join(g, 'main.go'), 'package main\n\nfunc main() {\n\tx := 1\n}\n');
    const r = spawnSync('go', ['build', '-o', 'bin/server', '.'], { cwd: g, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
    const problems = parseBuildOutput(r.stdout + r.stderr, g);
    assert.deepStrictEqual(problems.map((p) => [p.file, p.line, p.column, p.message, p.source]), [[path.join(g, 'main.go'), 4, 2, 'declared and not used: x', 'go']]);
  });

  it('reads a Python syntax error (compileall) and a traceback at start, at the learner\'s own frame', () => {
    const app = path.join(dir, 'app');
    fs.mkdirSync(app, { recursive: true });
    fs.writeFileSync(path.join(app, 'main.py'), 'def broken(:\n    pass\n');
    const r = spawnSync('python3', ['-m', 'compileall', '-q', 'app'], { cwd: dir, encoding: 'utf8' });
    assert.notStrictEqual(r.status, 0);
    const syntax = parseBuildOutput(r.stdout + r.stderr, dir);
    assert.deepStrictEqual(syntax.map((p) => [p.file, p.line, p.source]), [[path.join(app, 'main.py'), 1, 'python']]);
    assert.match(syntax[0].message, /^SyntaxError: /);
    fs.writeFileSync(path.join(app, 'main.py'), 'import json\n\ndef load():\n    return json.loads("{")\n\nload()\n');
    const t = spawnSync('python3', ['-m', 'app.main'], { cwd: dir, encoding: 'utf8' });
    // As the runner quotes a crashed start's last output.
    const quoted = (t.stdout + t.stderr).split('\n').map((l) => `    | ${l}`).join('\n');
    const crash = parseBuildOutput(quoted, dir);
    assert.deepStrictEqual(crash.map((p) => [p.file, p.line]), [[path.join(app, 'main.py'), 4]], 'the last frame in the project, not json\'s own');
    assert.match(crash[0].message, /^json\.decoder\.JSONDecodeError: /);
  });

  it('leaves other output alone and prints what it found under the report', () => {
    assert.deepStrictEqual(parseBuildOutput('npm ERR! code 1\nsomething: failed\nError: nope', dir), []);
    const text = formatReport({ ok: false, idea: 'x', stack: 'ts', outcome: 'could-not-run', problem: { kind: 'build', message: "the build failed: 'npm run build' exited with code 2" }, milestones: [], buildProblems: [{ file: '/p/src/a.ts', line: 3, column: 7, message: 'nope (TS2322)', source: 'tsc' }], ms: 1, overheadMs: 0, requests: [] });
    assert.match(text, /could not run: the build failed, so nothing was checked/);
    assert.match(text, /\/p\/src\/a\.ts:3:7: nope \(TS2322\)/);
  });
});

describe('verify --watch on the command line', () => {
  it('runs every milestone first, then the one in focus with the ones before it on each save, until stopped', async function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-watch-'));
    const project = path.join(dir, 'p');
    fs.cpSync(path.join(root, 'test', 'fixtures', 'verify', 'url-shortener-lite'), project, { recursive: true });
    const reportFile = path.join(dir, 'report.json');
    const { spawn } = await import('child_process');
    const child = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), 'verify', '--dir', project, '--watch', '--report', reportFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const nextReport = async (): Promise<VerifyReport> => {
      for (let i = 0; i < 400; i++) {
        await new Promise((r) => setTimeout(r, 100));
        if (fs.existsSync(reportFile)) {
          const r = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as VerifyReport;
          fs.rmSync(reportFile);
          return r;
        }
      }
      throw new Error(`no report; output:\n${out}`);
    };
    try {
      const first = await nextReport();
      assert.deepStrictEqual(first.milestones.map((m) => [m.id, m.ok]), [['baseline', true], ['validation', false], ['stats', false], ['cache', false], ['aliases', false]]);
      // A data file the learner edits (not code) counts once the run is over.
      await new Promise((r) => setTimeout(r, 300));
      fs.writeFileSync(path.join(project, 'features.json'), JSON.stringify({ validation: true }));
      const second = await nextReport();
      assert.deepStrictEqual(second.milestones.map((m) => [m.id, m.ok]), [['validation', true], ['baseline', true]], 'validation in focus, then the baseline as a regression');
      assert.match(out, /next up: stats/);
      // Output a learner's server writes (links.json) starts no run of its own.
      await new Promise((r) => setTimeout(r, 1500));
      assert.ok(!fs.existsSync(reportFile), 'no run without a change of the learner\'s files');
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.on('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.match(out, /Save a file to run again; Ctrl\+C stops/);
  });
});

