import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseIdeaChecks } from '../../src/verify/checks';
import { parseProjectManifest } from '../../src/verify/manifest';
import { urlVariable } from '../../src/verify/projectProcesses';
import { verifyProject, type VerifyEvent, type VerifyReport } from '../../src/verify/runner';

/**
 * One script for the server and every process: `node proc.js <name>`. Each start spawns a child of its
 * own (`sleep`), as a real service's workers would, and appends "<name> <pid> <child pid>" to pids.txt,
 * so a test can prove nothing of any process group outlived the run. The environment steers it:
 * DELAY_<NAME> delays its listening, SICK=<name> makes its health answer 503, EXIT_AT_ONCE=<name> makes
 * it exit with code 3. The relay has no health path: it only keeps running.
 */
const PROC = `
const http = require('node:http');
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const name = process.argv[2];
const child = spawn('sleep', ['300'], { stdio: 'ignore' });
fs.appendFileSync('pids.txt', name + ' ' + process.pid + ' ' + child.pid + '\\n');
console.log(name + ' starting on ' + process.env.PORT);
if (process.env.EXIT_AT_ONCE === name) process.exit(3);
setTimeout(() => {
  if (name === 'relay') return setInterval(() => {}, 1000);
  http.createServer((req, res) => {
    if (req.url === '/health') return res.writeHead(process.env.SICK === name ? 503 : 200).end();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ name, port: process.env.PORT, stock: process.env.STOCK_URL, relay: process.env.RELAY_URL, server: process.env.SERVER_URL, pid: process.pid }));
  }).listen(Number(process.env.PORT), '127.0.0.1');
}, Number(process.env['DELAY_' + name.toUpperCase()] || 0));
`;

const MANIFEST = {
  idea: 'processes-fixture',
  start: 'node proc.js main',
  port: 3000,
  healthPath: '/health',
  processes: [
    { name: 'stock', start: 'node proc.js stock', healthPath: '/health' },
    { name: 'relay', start: 'node proc.js relay' },
  ],
};

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-processes-'));
  fs.writeFileSync(path.join(dir, 'proc.js'), PROC);
  fs.writeFileSync(path.join(dir, 'starter.json'), JSON.stringify(MANIFEST));
  return dir;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every start recorded in pids.txt: its name, its pid and its child's pid. */
function starts(dir: string): { name: string; pid: number; child: number }[] {
  const file = path.join(dir, 'pids.txt');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' '))
    .map(([name, pid, child]) => ({ name, pid: Number(pid), child: Number(child) }));
}

/** Fails unless every process ever started, and every child of one, is gone (a moment allowed for the reaping). */
async function noneLeft(dir: string): Promise<void> {
  const pids = starts(dir).flatMap((s) => [s.pid, s.child]);
  assert.ok(pids.length > 0, 'something was started');
  for (let i = 0; i < 40 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepStrictEqual(pids.filter(alive), [], 'no process of any group outlives the run');
}

async function run(dir: string, steps: unknown[], options: { env?: Record<string, string>; signal?: AbortSignal; events?: VerifyEvent[] } = {}): Promise<VerifyReport> {
  const parsed = parseIdeaChecks({ idea: 'processes-fixture', milestones: { many: [{ name: 'several processes', steps }] } }, ['many']);
  assert.deepStrictEqual(parsed.problems, []);
  return verifyProject({
    projectDir: dir,
    checks: parsed.checks!,
    milestones: [{ id: 'many', title: 'Many', description: '', nodes: [] }],
    baseEnv: { PATH: process.env.PATH, ...options.env },
    healthTimeoutMs: 10_000,
    healthSteadyMs: 600,
    requestTimeoutMs: 2000,
    signal: options.signal,
    onEvent: (e) => options.events?.push(e),
  });
}

/** Aborts once `ready` holds for the project (polled), as a learner pressing Cancel would. */
function abortWhen(ready: () => boolean): AbortController {
  const controller = new AbortController();
  const timer = setInterval(() => {
    if (!ready()) return;
    clearInterval(timer);
    controller.abort();
  }, 20);
  controller.signal.addEventListener('abort', () => clearInterval(timer));
  setTimeout(() => clearInterval(timer), 15_000).unref();
  return controller;
}

describe('verify: the manifest processes run beside the server', function () {
  this.timeout(40_000);
  let dir: string;
  beforeEach(() => (dir = project()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts every process on its own PORT with the URLs of the others, reaches one with on:, keeps its output apart, and stops them all', async () => {
    const events: VerifyEvent[] = [];
    const report = await run(
      dir,
      [
        { request: { path: '/env' }, expect: { status: 200, json: { name: 'main', stock: '<string>', relay: '<string>' } }, save: { stockUrl: 'json.stock', serverUrl: 'json.server' } },
        { request: { path: '/env' }, on: 'stock', expect: { status: 200, json: { name: 'stock', stock: '{{stockUrl}}', server: '{{serverUrl}}' } }, save: { port: 'json.port' } },
      ],
      { events },
    );
    const check = report.milestones[0].checks[0];
    assert.strictEqual(check.ok, true, check.message);
    assert.match(check.steps[0].got, /"stock":"http:\/\/127\.0\.0\.1:\d+"/);
    assert.deepStrictEqual(
      starts(dir).map((s) => s.name),
      ['stock', 'relay', 'main'],
      'the processes start in the manifest order, before the server',
    );
    const outputOf = (name: string | undefined) => events.filter((e) => e.type === 'output' && e.process === name).map((e) => (e as { text: string }).text).join('');
    assert.match(outputOf('stock'), /^stock starting on \d+/);
    assert.match(outputOf('relay'), /^relay starting on \d+/);
    assert.match(outputOf(undefined), /^main starting on \d+/, "the server's own output carries no process name");
    await noneLeft(dir);
  });

  it('kill on: stops one process (left down with restart: false), restart on: brings it back, and the next check starts what a check left down', async () => {
    const steps = [
      { kill: { on: 'stock', restart: false } },
      { request: { path: '/env' }, on: 'stock', expect: { status: 200 } },
    ];
    const down = await run(dir, steps);
    const check = down.milestones[0].checks[0];
    assert.strictEqual(check.ok, false);
    assert.match(check.steps[0].got, /^the process 'stock' was killed by SIGKILL; it stays down$/);
    assert.match(check.steps[1].got, /the process 'stock' was killed by SIGKILL/);
    await noneLeft(dir);

    fs.rmSync(path.join(dir, 'pids.txt'));
    const back = await run(dir, [
      { kill: { on: 'relay', restart: false } },
      { restart: { on: 'relay' } },
      { kill: { on: 'stock' } },
      { request: { path: '/env' }, on: 'stock', expect: { status: 200, json: { name: 'stock' } } },
      { kill: { on: 'nobody' } },
    ]);
    const steps2 = back.milestones[0].checks[0].steps;
    assert.deepStrictEqual(
      steps2.map((s) => s.ok),
      [true, true, true, true, false],
    );
    assert.match(steps2[1].got, /^the process 'relay' started again and is up$/);
    assert.match(steps2[2].got, /^the process 'stock' was killed by SIGKILL and started again$/);
    assert.match(steps2[4].got, /no process named 'nobody' in starter\.json \(its processes: stock, relay\)/);
    assert.deepStrictEqual(
      starts(dir).map((s) => s.name),
      ['stock', 'relay', 'main', 'relay', 'stock'],
    );
    await noneLeft(dir);
  });

  it('cancelled while a process starts: nothing is left of the ones started', async () => {
    const controller = abortWhen(() => starts(dir).some((s) => s.name === 'stock'));
    const report = await run(dir, [{ request: { path: '/health' }, expect: { status: 200 } }], { env: { DELAY_STOCK: '4000' }, signal: controller.signal });
    assert.strictEqual(report.problem?.kind, 'cancelled', report.startProblem);
    assert.deepStrictEqual(
      starts(dir).map((s) => s.name),
      ['stock'],
      'nothing more starts after the cancel',
    );
    await noneLeft(dir);
  });

  it('a process whose health never turns 2xx fails the start with its name, and the processes already up are stopped', async () => {
    fs.writeFileSync(path.join(dir, 'starter.json'), JSON.stringify({ ...MANIFEST, processes: [...MANIFEST.processes].reverse() }));
    const report = await run(dir, [{ request: { path: '/health' }, expect: { status: 200 } }], { env: { SICK: 'stock' } });
    assert.match(report.startProblem ?? '', /^the process 'stock' \(node proc\.js stock\) did not come up: .*answered 503/);
    assert.deepStrictEqual(
      starts(dir).map((s) => s.name),
      ['relay', 'stock'],
    );
    await noneLeft(dir);
  });

  it('a process that exits at once fails the start with its exit and output', async () => {
    const report = await run(dir, [{ request: { path: '/health' }, expect: { status: 200 } }], { env: { EXIT_AT_ONCE: 'relay' } });
    assert.match(report.startProblem ?? '', /^the process 'relay' \(node proc\.js relay\) exited with code 3 at once\. Its last output:\n {4}\| relay starting on \d+/);
    await noneLeft(dir);
  });

  it('a server that does not come up stops the processes started before it', async () => {
    const report = await run(dir, [{ request: { path: '/health' }, expect: { status: 200 } }], { env: { SICK: 'main' } });
    assert.match(report.startProblem ?? '', /answered 503/);
    assert.deepStrictEqual(
      starts(dir).map((s) => s.name),
      ['stock', 'relay', 'main'],
    );
    await noneLeft(dir);
  });

  it('cancelled mid-check: every process group is stopped', async () => {
    const events: VerifyEvent[] = [];
    const controller = abortWhen(() => events.some((e) => e.type === 'info' && /^\$ node proc\.js main/.test(e.text)) && starts(dir).length === 3 && events.some((e) => e.type === 'checkStarted'));
    const steps = [{ request: { path: '/env' }, on: 'stock', expect: { status: 200, json: { name: 'never' } }, retryForMs: 20_000 }];
    const started = performance.now();
    const report = await run(dir, steps, { signal: controller.signal, events });
    assert.strictEqual(report.milestones.length, 0, 'no check finished');
    assert.strictEqual(report.problem?.kind, 'cancelled');
    assert.ok(performance.now() - started < 15_000, 'the cancel ends the retrying at once');
    await noneLeft(dir);
  });
});

describe('verify: kill and restart with on:', () => {
  const problems = (step: unknown) => {
    const parsed = parseIdeaChecks({ idea: 'x', milestones: { m: [{ name: 'c', steps: [step] }] } }, ['m']);
    return parsed.problems.map((p) => p.message);
  };

  it('reads kill on: with restart: false, and restart on:', () => {
    assert.deepStrictEqual(problems({ kill: { on: 'relay', restart: false } }), []);
    assert.deepStrictEqual(problems({ kill: { on: 'relay' } }), []);
    assert.deepStrictEqual(problems({ restart: { on: 'relay' } }), []);
    assert.deepStrictEqual(problems({ restart: true }), []);
  });

  it('refuses restart: false without on:, a restart that is not a boolean, and a restart without its process', () => {
    assert.match(problems({ kill: { restart: false } }).join('\n'), /'restart: false' leaves a process down: name it with 'on: <process>'/);
    assert.match(problems({ kill: { on: 'relay', restart: 'no' } }).join('\n'), /'restart' of the kill step must be true or false/);
    assert.match(problems({ restart: {} }).join('\n'), /on/);
    assert.match(problems({ restart: 'yes' }).join('\n'), /restart must be true, or \{ on: <process> \}/);
  });
});

describe('verify: the manifest processes field', () => {
  const base = { idea: 'x', start: 'node a.js', port: 3000, healthPath: '/health' };
  const problems = (processes: unknown) => parseProjectManifest(JSON.stringify({ ...base, processes }, null, 2)).problems.map((p) => `${p.line}:${p.field}: ${p.message}`);

  it('reads name, start and healthPath, and leaves processes out when there are none', () => {
    const { manifest } = parseProjectManifest(JSON.stringify({ ...base, processes: [{ name: 'stock-service', start: ' node s.js ', healthPath: '/health' }, { name: 'relay', start: 'node r.js' }] }));
    assert.deepStrictEqual(manifest?.processes, [
      { name: 'stock-service', start: 'node s.js', healthPath: '/health' },
      { name: 'relay', start: 'node r.js' },
    ]);
    assert.strictEqual('processes' in parseProjectManifest(JSON.stringify(base)).manifest!, false);
    assert.strictEqual(urlVariable('stock-service'), 'STOCK_SERVICE_URL');
  });

  it('names the entry, the field and the fix of every mistake', () => {
    assert.deepStrictEqual(problems({ name: 'a' }), [`6:processes: 'processes' must be a list, such as [{ "name": "stock", "start": "node dist/stock.js", "healthPath": "/health" }]`]);
    assert.deepStrictEqual(problems([{ name: 'stock', strat: 'node s.js' }]), [
      "6:processes: processes[0] has an unknown field 'strat': did you mean 'start'?",
      `6:processes: processes[0].start must be the command that starts it, such as "node dist/stock.js"`,
    ]);
    assert.deepStrictEqual(problems([{ name: 'Stock', start: 'a' }, { name: 'b', start: 'b', healthPath: 'health' }, { name: 'b', start: 'c' }]), [
      `6:processes: processes[0].name must be a lowercase name (a letter, then letters, digits and -), such as "stock", not "Stock"`,
      `6:processes: processes[1].healthPath must start with /, such as "/health"`,
      "6:processes: processes[2].name 'b' is used twice: every process needs its own name",
    ]);
  });
});
