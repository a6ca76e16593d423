/**
 * Steps that end as soon as their outcome is known: a retry that only waits on answers still in
 * progress (retryWhile), and a load schedule that stops once its p95 bound is lost. Each against a
 * real HTTP server in this process.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { percentile } from '../../src/verify/match';
import { Parser } from '../../src/verify/parser';
import { readCheckFiles } from '../../src/verify/files';
import { parseStep, runStep, type Step } from '../../src/verify/steps';
import { overAllowed } from '../../src/verify/steps/load';
import type { ProjectIdea } from '../../src/roadmap/model';
import { realSession } from './helpers/stepSession';

type Handler = (n: number, req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A local server whose n-th request (from 1) is answered by `handler`; closed by `stop`. */
async function serve(handler: Handler): Promise<{ port: number; count: () => number; stop: () => Promise<void> }> {
  let n = 0;
  const server = http.createServer((req, res) => handler(++n, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    count: () => n,
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown, delayMs = 0) =>
  setTimeout(() => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }, delayMs);

function step(value: unknown): Step {
  const p = new Parser();
  const parsed = parseStep(p, value, ['step']);
  assert.deepStrictEqual(p.problems, []);
  return parsed!;
}

async function timedRun(s: Step, port: number, vars: Record<string, string> = { unique: 'u1' }) {
  const session = realSession(port, { timeoutMs: 2000, agent: { keepAlive: true, maxSockets: 64 } });
  const started = performance.now();
  try {
    const outcome = await runStep(s, vars, session);
    return { ...outcome, ms: performance.now() - started, sent: session.sent.length };
  } finally {
    session.agent.destroy();
  }
}

describe('verify: retryWhile, a retry that waits only on answers still in progress', () => {
  const events = (retry: Record<string, unknown>) => step({ request: { path: '/items/1/events' }, expect: { status: 200, json: { '<contains>': { type: 'item.created' } } }, ...retry });

  it('fails at once on an answer it does not match, saying the answer is final', async () => {
    const server = await serve((_n, _req, res) => json(res, 404, { error: 'not found' }));
    try {
      const r = await timedRun(events({ retryForMs: 15_000, retryWhile: { status: 200, json: [] } }), server.port);
      assert.strictEqual(r.ok, false);
      assert.strictEqual(r.sent, 1, 'a 404 is not sent again');
      assert.ok(r.ms < 2000, `ended in ${r.ms.toFixed(0)} ms, not after the 15 s window`);
      assert.match(r.got, /^404 .* \(status 404, expected 200\); a final answer, not retried: only one with status 200, JSON \[\] is still in progress \(retryWhile\)$/);
    } finally {
      await server.stop();
    }
  });

  it('keeps retrying while the answer is in progress and passes once it holds', async () => {
    const server = await serve((n, _req, res) => json(res, 200, n < 4 ? [] : [{ type: 'item.created' }]));
    try {
      const r = await timedRun(events({ retryForMs: 15_000, retryWhile: { status: 200, json: [] } }), server.port);
      assert.strictEqual(r.ok, true, r.got);
      assert.match(r.got, /after 4 tries$/);
    } finally {
      await server.stop();
    }
  });

  it('stops at the first answer that leaves the in-progress state, and names the try', async () => {
    const server = await serve((n, _req, res) => (n < 3 ? json(res, 200, []) : json(res, 500, { error: 'boom' })));
    try {
      const r = await timedRun(events({ retryForMs: 15_000, retryWhile: { status: 200, json: [] } }), server.port);
      assert.strictEqual(r.ok, false);
      assert.strictEqual(server.count(), 3);
      assert.match(r.got, /^500 .*\(status 500, expected 200\); a final answer \(try 3\), not retried/);
    } finally {
      await server.stop();
    }
  });

  it('still waits out the window for an answer that stays in progress', async () => {
    const server = await serve((_n, _req, res) => json(res, 200, []));
    try {
      const r = await timedRun(events({ retryForMs: 1000, retryWhile: { status: 200, json: [] } }), server.port);
      assert.strictEqual(r.ok, false);
      assert.ok(r.ms >= 1000, `waited ${r.ms.toFixed(0)} ms`);
      assert.match(r.got, /^still not after 1 s \(\d+ tries\); the last: 200 /);
    } finally {
      await server.stop();
    }
  });

  it('fills saved values into what it matches, and works with repeatUntil', async () => {
    const server = await serve((n, _req, res) => json(res, 200, n < 3 ? [{ id: 'e7', deliveries: 1 }] : [{ id: 'e7', deliveries: 1 }, { id: 'e8', deliveries: 1 }]));
    try {
      const s = step({ request: { path: '/items/1/events' }, expect: { status: 200, json: [{ id: '{{eventId}}', deliveries: 2 }] }, repeatUntil: { max: 50 }, retryWhile: { json: [{ id: '{{eventId}}', deliveries: 1 }] } });
      const r = await timedRun(s, server.port, { unique: 'u1', eventId: 'e7' });
      assert.strictEqual(r.ok, false);
      assert.strictEqual(server.count(), 3, 'a second entry is final');
      assert.match(r.got, /expected 1 elements, got 2\); a final answer \(try 3\), not retried: only one with JSON \[\{"id":"e7","deliveries":1\}\] is still in progress/);
    } finally {
      await server.stop();
    }
  });

  it('is refused without a retry, with ms, or empty, at its line and column', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-retry-while-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'x.yaml'),
        [
          'idea: x',
          'milestones:',
          '  a:',
          '    - name: alone',
          '      steps:',
          '        - request: { path: /a }',
          '          expect: { status: 200 }',
          '          retryWhile: { status: 200 }',
          '    - name: timed',
          '      steps:',
          '        - request: { path: /a }',
          '          expect: { status: 200 }',
          '          retryForMs: 1000',
          '          retryWhile: { ms: { atMost: 5 } }',
          '    - name: empty',
          '      steps:',
          '        - request: { path: /a }',
          '          expect: { status: 200 }',
          '          repeatUntil: { max: 3 }',
          '          retryWhile: {}',
          '',
        ].join('\n'),
      );
      const idea = { id: 'x', title: 'X', level: 'beginner', summary: '', nodes: [], stacks: [], milestones: [{ id: 'a', title: 'A', description: '', nodes: [] }] } as ProjectIdea;
      const { problems } = readCheckFiles(dir, [idea], (f) => path.basename(f));
      assert.deepStrictEqual(
        problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`),
        [
          'x.yaml:8:23: retryWhile says which answers are worth sending again: give it with retryForMs or repeatUntil, or leave it out',
          "x.yaml:14:25: unknown key 'ms' in 'retryWhile' of the request step: allowed keys are status, headers, json, bodyContains",
          'x.yaml:20:23: retryWhile must say something: status, headers, json, bodyContains',
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('verify: a load step stops once its p95 bound is lost', () => {
  const load = (over: Record<string, unknown> = {}) => step({ load: { request: { path: '/items/1' }, rate: 100, seconds: 1, p95Ms: 100, ...over } });

  it('allows exactly as many slow answers as percentile() lets through', () => {
    for (let n = 1; n <= 400; n++) {
      const allowed = overAllowed(n);
      const times = (slow: number) => Array.from({ length: n }, (_, i) => (i < slow ? 200 : 1));
      assert.ok(percentile(times(allowed), 95) < 100, `${n} answers, ${allowed} slow: the p95 holds`);
      if (allowed < n) assert.ok(percentile(times(allowed + 1), 95) >= 100, `${n} answers, ${allowed + 1} slow: the p95 is lost`);
    }
    assert.strictEqual(overAllowed(250), 12);
    assert.strictEqual(overAllowed(100), 5);
  });

  it('sends the whole schedule while slow answers stay within what the p95 allows', async () => {
    const server = await serve((n, _req, res) => json(res, 200, { id: '1' }, n <= 5 ? 150 : 0));
    try {
      const r = await timedRun(load(), server.port);
      assert.strictEqual(r.ok, true, r.got);
      // The last schedule is whole (on a busy machine a stall may have cost the first one).
      assert.match(r.got, /(^|; measured again: )100 requests at 100\/s: p50 [\d.]+ ms, p95 [\d.]+ ms$/);
      assert.strictEqual(r.sent, r.got.includes('measured again') ? Number(/^stopped after (\d+)/.exec(r.got)?.[1]) + 100 : 100);
      assert.strictEqual(server.count(), r.sent);
    } finally {
      await server.stop();
    }
  });

  it('stops once one slow answer too many is in, counting what is still outstanding as fast, then measures once more', async () => {
    // Slow only at first, as a machine that stalls for a moment: the second schedule holds.
    const server = await serve((n, _req, res) => json(res, 200, { id: '1' }, n <= 6 ? 150 : 0));
    try {
      const r = await timedRun(load(), server.port);
      assert.strictEqual(r.ok, true, r.got);
      const [, sent, slow] = /^stopped after (\d+) of 100 requests at 100\/s, the verdict known: (\d+) answers took 100 ms or more, where a p95 under 100 ms allows 5 of 100; p50 [\d.]+ ms, p95 [\d.]+ ms of those; measured again: 100 requests at 100\/s: p50 [\d.]+ ms, p95 [\d.]+ ms$/.exec(r.got) ?? [];
      assert.ok(sent, r.got);
      assert.strictEqual(Number(sent) + 100, r.sent, 'the first schedule stopped early, the second was sent whole');
      assert.strictEqual(server.count(), r.sent, 'every request sent was answered before the step ended');
      assert.ok(Number(slow) >= 6);
      // The sixth slow answer comes about 200 ms in (sent at 50 ms, 150 ms late): not before it, not long after.
      assert.ok(Number(sent) >= 7 && Number(sent) < 60, `sent ${sent} at first`);
    } finally {
      await server.stop();
    }
  });

  it('stops at the first wrong status', async () => {
    const server = await serve((n, _req, res) => json(res, n === 3 ? 500 : 200, { id: '1' }));
    try {
      const r = await timedRun(load(), server.port);
      assert.strictEqual(r.ok, false);
      assert.match(r.got, /^stopped after \d+ of 100 requests at 100\/s, the verdict known: 1 wrong, the first: status 500; p50 [\d.]+ ms, p95 [\d.]+ ms of those$/);
      assert.ok(r.sent < 30, `sent ${r.sent}: a wrong status is not measured again`);
    } finally {
      await server.stop();
    }
  });

  it("fails a service whose every read is slow twice, each schedule ended in well under a second of the check's five", async () => {
    const server = await serve((_n, _req, res) => json(res, 200, { id: '1' }, 110));
    try {
      const r = await timedRun(load({ rate: 50, seconds: 5, p95Ms: 75 }), server.port);
      assert.strictEqual(r.ok, false);
      const stopped = 'stopped after \\d+ of 250 requests at 50\\/s, the verdict known: \\d+ answers took 75 ms or more, where a p95 under 75 ms allows 12 of 250; p50 [\\d.]+ ms, p95 [\\d.]+ ms of those';
      assert.match(r.got, new RegExp(`^${stopped}; measured again: ${stopped}$`));
      assert.ok(r.ms < 3000, `ended after ${r.ms.toFixed(0)} ms`);
    } finally {
      await server.stop();
    }
  });
});
