/**
 * The wait step: a fixed pause between two steps of a check, so a rule that ends after a while (a
 * lockout) can be seen to end. Against a real HTTP server in this process that locks for 300 ms.
 */
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { parseIdeaChecks } from '../../src/verify/checks';
import { Parser } from '../../src/verify/parser';
import { describeStep, parseStep, runStep, type Step } from '../../src/verify/steps';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { verifyProject } from '../../src/verify/runner';
import { realSession } from './helpers/stepSession';

function step(value: unknown): Step {
  const p = new Parser();
  const parsed = parseStep(p, value, ['step']);
  assert.deepStrictEqual(p.problems, []);
  return parsed!;
}

describe('verify: the wait step', () => {
  let server: http.Server;
  let port: number;
  before(async () => {
    // POST /lock locks for 300 ms; GET /door answers 429 while locked, 200 after.
    let lockedUntil = 0;
    server = http.createServer((req, res) => {
      if (req.url === '/lock') lockedUntil = Date.now() + 300;
      res.writeHead(req.url === '/door' && Date.now() < lockedUntil ? 429 : 200);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));

  it('lets a lock end between two requests', async () => {
    const s = realSession(port);
    const door = (status: number) => step({ request: { path: '/door' }, expect: { status } });
    assert.strictEqual((await runStep(step({ request: { method: 'POST', path: '/lock' }, expect: { status: 200 } }), {}, s)).ok, true);
    assert.strictEqual((await runStep(door(429), {}, s)).ok, true, 'locked at first');
    const started = performance.now();
    const outcome = await runStep(step({ wait: { ms: 350 } }), {}, s);
    const took = performance.now() - started;
    assert.strictEqual(outcome.ok, true);
    assert.ok(took >= 349 && took < 1000, `waited ${took} ms`);
    assert.match(outcome.got, /^waited 3[5-9]\d ms$/);
    assert.strictEqual((await runStep(door(200), {}, s)).ok, true, 'open after the wait');
  });

  it('ends early when the run is cancelled', async () => {
    const cancelled = { now: true };
    const started = performance.now();
    await assert.rejects(runStep(step({ wait: { ms: 20_000 } }), {}, realSession(port, { cancelled })), /cancelled/);
    assert.ok(performance.now() - started < 1000);
  });

  it('says in words how long it waits', () => {
    assert.deepStrictEqual(describeStep(step({ wait: { ms: 2500 } }), {}, { healthPath: '/health' }), { sent: 'a wait of 2.5 s', expected: 'nothing (time passes)' });
  });

  it('refuses a wait without ms, of 0, or over 30 s, at its path', () => {
    const r = parseIdeaChecks({ idea: 'x', milestones: { a: [{ name: 'one', steps: [{ wait: {} }, { wait: { ms: 0 } }, { wait: { ms: 30_001, s: 1 } }] }] } }, ['a']);
    const got = r.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    assert.strictEqual(got.length, 4, got.join('\n'));
    assert.ok(got.some((g) => g.startsWith('milestones.a.0.steps.0.wait') && /has no 'ms'/.test(g)), got.join('\n'));
    assert.ok(got.some((g) => g.startsWith('milestones.a.0.steps.1.wait.ms') && /from 1 to 30000/.test(g)), got.join('\n'));
    assert.ok(got.some((g) => g.startsWith('milestones.a.0.steps.2.wait.ms')), got.join('\n'));
    assert.ok(got.some((g) => g.startsWith("milestones.a.0.steps.2.wait.s: unknown key 's'")), got.join('\n'));
  });
});

/** A real server whose count goes up 400 ms after POST /later: an answer before that must still see 0. */
const SERVER = `
const http = require('node:http');
let count = 0;
http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/later') setTimeout(() => count++, 400);
  res.writeHead(req.url === '/nope' ? 404 : 200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ count }));
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

describe('verify: the wait step in a whole run', function () {
  this.timeout(20_000);

  it('lets time pass between requests: the count is still 0 100 ms after a POST, and up 600 ms after one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-wait-step-'));
    try {
      fs.writeFileSync(path.join(dir, 'server.js'), SERVER);
      fs.writeFileSync(path.join(dir, 'starter.json'), JSON.stringify({ idea: 'wait-fixture', start: 'node server.js', port: 3000, healthPath: '/health' }));
      const checks = {
        early: [{ name: 'still 0 after 100 ms', steps: [{ request: { method: 'POST', path: '/later' }, expect: { status: 200 } }, { wait: { ms: 100 } }, { request: { path: '/c' }, expect: { json: { count: 0 } } }] }],
        late: [{ name: 'both counts are in after 600 ms', steps: [{ request: { method: 'POST', path: '/later' }, expect: { status: 200 } }, { wait: { ms: 600 } }, { request: { path: '/c' }, expect: { json: { count: 2 } } }] }],
      };
      const parsed = parseIdeaChecks({ idea: 'wait-fixture', milestones: checks }, ['early', 'late']);
      assert.deepStrictEqual(parsed.problems, []);
      const started = performance.now();
      const report = await verifyProject({
        projectDir: dir,
        checks: parsed.checks!,
        milestones: ['early', 'late'].map((id) => ({ id, title: id, description: '', nodes: [] })),
        baseEnv: { PATH: process.env.PATH },
        healthTimeoutMs: 10_000,
      });
      assert.deepStrictEqual(report.milestones.map((m) => m.checks[0].ok), [true, true], JSON.stringify(report.milestones.map((m) => m.checks[0].message)));
      assert.match(report.milestones[1].checks[0].steps[1].got, /^waited \d+ ms$/);
      assert.ok(Number(/\d+/.exec(report.milestones[1].checks[0].steps[1].got)![0]) >= 600);
      assert.ok(performance.now() - started >= 700);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a wait that is not a whole number of milliseconds from 1 to 30000', () => {
    const parsed = parseIdeaChecks({ idea: 'x', milestones: { a: [{ name: 'one', steps: [{ wait: { ms: 0 } }] }, { name: 'two', steps: [{ wait: { ms: '1s' } }] }, { name: 'three', steps: [{ wait: 500 }] }] } }, ['a']);
    assert.deepStrictEqual(
      parsed.problems.map((p) => p.path.join('.')),
      ['milestones.a.0.steps.0.wait.ms', 'milestones.a.1.steps.0.wait.ms', 'milestones.a.2.steps.0.wait'],
    );
  });
});
