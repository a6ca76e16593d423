/**
 * The wait step: a fixed pause between two steps of a check, so a rule that ends after a while (a
 * lockout) can be seen to end. Against a real HTTP server in this process that locks for 300 ms.
 */
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { send } from '../../src/verify/http';
import { parseIdeaChecks } from '../../src/verify/checks';
import { Parser } from '../../src/verify/parser';
import { describeStep, parseStep, runStep, type Step } from '../../src/verify/steps';
import type { StepSession } from '../../src/verify/steps/kind';
import type { ServerProcess } from '../../src/verify/server';

function sessionFor(port: number, cancelled = { now: false }): StepSession & { waited: number } {
  const agent = new http.Agent({ keepAlive: true });
  const session: StepSession & { waited: number } = {
    port,
    host: '127.0.0.1',
    healthPath: '/health',
    requestTimeoutMs: 2000,
    agent,
    server: undefined as unknown as ServerProcess,
    waited: 0,
    send: (spec) => send(port, spec, 2000, agent),
    exchange: (spec) => session.send(spec),
    timed: (p) => p,
    addWaited: (ms) => (session.waited += ms),
    ensureRunning: async () => undefined,
    throwIfCancelled: () => {
      if (cancelled.now) throw new Error('cancelled');
    },
    pause: (ms) => new Promise((r) => setTimeout(r, cancelled.now ? 0 : ms)),
  };
  return session;
}

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
    const s = sessionFor(port);
    const door = (status: number) => step({ request: { path: '/door' }, expect: { status } });
    assert.strictEqual((await runStep(step({ request: { method: 'POST', path: '/lock' }, expect: { status: 200 } }), {}, s)).ok, true);
    assert.strictEqual((await runStep(door(429), {}, s)).ok, true, 'locked at first');
    const started = performance.now();
    const outcome = await runStep(step({ wait: { ms: 350 } }), {}, s);
    const took = performance.now() - started;
    assert.strictEqual(outcome.ok, true);
    assert.ok(took >= 349 && took < 1000, `waited ${took} ms`);
    assert.strictEqual(outcome.got, 'waited 0.35 s');
    assert.strictEqual((await runStep(door(200), {}, s)).ok, true, 'open after the wait');
  });

  it('ends early when the run is cancelled', async () => {
    const cancelled = { now: true };
    const started = performance.now();
    await assert.rejects(runStep(step({ wait: { ms: 20_000 } }), {}, sessionFor(port, cancelled)), /cancelled/);
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
