import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseIdeaChecks } from '../../src/verify/checks';
import { verifyProject, type VerifyReport } from '../../src/verify/runner';

/**
 * A real server for the kill step: POST /work starts a job that writes its effect to a file at once
 * and finishes 1.5 s later. Every start appends its pid to pids.txt; SIGTERM writes graceful-<pid>.txt,
 * so a test can tell a kill from a polite stop. A job left running by a crash is not resumed: the
 * state file keeps saying "running" across the restart.
 */
const SERVER = `
const http = require('node:http');
const fs = require('node:fs');
fs.appendFileSync('pids.txt', process.pid + '\\n');
process.on('SIGTERM', () => { fs.writeFileSync('graceful-' + process.pid + '.txt', 'yes'); process.exit(0); });
const read = () => (fs.existsSync('state.json') ? JSON.parse(fs.readFileSync('state.json', 'utf8')) : { status: 'idle', effects: 0 });
const write = (s) => fs.writeFileSync('state.json', JSON.stringify(s));
http.createServer((req, res) => {
  const json = (status, body) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
  if (req.url === '/health') return json(200, { status: 'ok' });
  if (req.url === '/state') return json(200, { ...read(), pid: process.pid });
  if (req.method === 'POST' && req.url === '/work') {
    setTimeout(() => write({ status: 'running', effects: read().effects + 1 }), 200);
    setTimeout(() => write({ ...read(), status: 'done' }), 1700);
    return json(202, { accepted: true });
  }
  json(404, { error: 'no route' });
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-kill-step-'));
  fs.writeFileSync(path.join(dir, 'server.js'), SERVER);
  fs.writeFileSync(path.join(dir, 'starter.json'), JSON.stringify({ idea: 'kill-fixture', start: 'node server.js', port: 3000, healthPath: '/health' }));
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

async function run(dir: string, steps: unknown[]): Promise<VerifyReport> {
  const parsed = parseIdeaChecks({ idea: 'kill-fixture', milestones: { crash: [{ name: 'a crash mid-job', steps }] } }, ['crash']);
  assert.deepStrictEqual(parsed.problems, []);
  return verifyProject({
    projectDir: dir,
    checks: parsed.checks!,
    milestones: [{ id: 'crash', title: 'Crash', description: '', nodes: [] }],
    baseEnv: { PATH: process.env.PATH },
    healthTimeoutMs: 10_000,
    requestTimeoutMs: 2000,
  });
}

const pids = (dir: string) => fs.readFileSync(path.join(dir, 'pids.txt'), 'utf8').split('\n').filter(Boolean).map(Number);

describe('verify: the kill step', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => (dir = project()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('waits until the condition holds, kills the server with SIGKILL mid-job and starts it again with its data', async () => {
    const report = await run(dir, [
      { request: { method: 'POST', path: '/work' }, expect: { status: 202 } },
      { kill: { when: { request: { path: '/state' }, expect: { status: 200, json: { status: 'running' } }, withinMs: 5000 } } },
      { request: { path: '/state' }, expect: { status: 200, json: { status: 'running', effects: 1 } }, save: { pid: 'json.pid' } },
    ]);
    const check = report.milestones[0].checks[0];
    assert.strictEqual(check.ok, true, check.message);
    assert.match(check.steps[1].got, /^200 .*"status":"running".*, then the server was killed by SIGKILL and started again$/);
    const started = pids(dir);
    assert.strictEqual(fs.existsSync(path.join(dir, `graceful-${started[0]}.txt`)), false, 'SIGKILL, not SIGTERM: the server had no chance to finish');
    assert.strictEqual(fs.existsSync(path.join(dir, `graceful-${started[1]}.txt`)), true, 'the run ends the restarted server politely');
    assert.strictEqual(started.length, 2, 'started twice: before and after the kill');
    assert.strictEqual(alive(started[0]), false);
    assert.strictEqual(alive(started[1]), false, 'the run stops the restarted server too');
    // The killed job never finished: the 1.5 s timer died with the first process.
    assert.strictEqual(JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')).status, 'running');
  });

  it('kills at once without a condition', async () => {
    const report = await run(dir, [{ kill: true }, { request: { path: '/health' }, expect: { status: 200 } }]);
    assert.strictEqual(report.milestones[0].checks[0].ok, true, report.milestones[0].checks[0].message);
    assert.strictEqual(pids(dir).length, 2);
    assert.strictEqual(fs.existsSync(path.join(dir, `graceful-${pids(dir)[0]}.txt`)), false);
  });

  it('fails without killing when the condition never holds, and says what the server answered last', async () => {
    const report = await run(dir, [
      { kill: { when: { request: { path: '/state' }, expect: { json: { status: 'running' } }, withinMs: 600 } } },
      { request: { path: '/health' }, expect: { status: 200 } },
    ]);
    const check = report.milestones[0].checks[0];
    assert.strictEqual(check.ok, false);
    assert.match(check.message!, /not killed: still not after 0\.6 s \(\d+ tries\); the last: 200 .*"status":"idle"/);
    assert.strictEqual(pids(dir).length, 1, 'the server was never killed');
  });

  it('refuses a condition on time and a kill that is neither true nor a mapping', () => {
    const parsed = parseIdeaChecks(
      {
        idea: 'x',
        milestones: {
          a: [
            { name: 'one', steps: [{ kill: { when: { request: { path: '/state' }, expect: { ms: { atMost: 5 } } } } }] },
            { name: 'two', steps: [{ kill: 'now' }] },
          ],
        },
      },
      ['a'],
    );
    const got = parsed.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    assert.strictEqual(got.length, 2, got.join('\n'));
    assert.match(got[0], /^milestones\.a\.0\.steps\.0\.kill\.when\.expect: 'when' of the kill step waits for what an answer says, not how long it takes/);
    assert.match(got[1], /^milestones\.a\.1\.steps\.0\.kill: /);
  });
});
