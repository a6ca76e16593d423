import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseIdeaChecks } from '../../src/verify/checks';
import { send, type Answer } from '../../src/verify/http';
import type { Vars } from '../../src/verify/match';
import { Parser } from '../../src/verify/parser';
import { verifyProject } from '../../src/verify/runner';
import { parseStep, runStep, type Step } from '../../src/verify/steps';
import type { StepSession } from '../../src/verify/steps/kind';
import { judge } from '../../src/verify/steps/request';
import { Upstreams } from '../../src/verify/upstreams';

function step(kind: string, body: Record<string, unknown>): Step {
  const p = new Parser();
  const parsed = parseStep(p, { [kind]: body }, ['step']);
  assert.deepStrictEqual(p.problems, []);
  return parsed!;
}

function problemsOf(kind: string, body: unknown): string[] {
  const p = new Parser();
  parseStep(p, { [kind]: body }, ['step']);
  return p.problems.map((x) => x.message);
}

function upstreamsProblems(upstreams: unknown): string[] {
  return parseIdeaChecks({ idea: 'x', env: {}, upstreams, milestones: { baseline: [{ name: 'n', steps: [{ restart: true }] }] } }, ['baseline']).problems.map((p) => p.message);
}

/** Sends a request straight to an upstream at `url` (http://127.0.0.1:port). */
function sendTo(url: string, spec: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return send(Number(new URL(url).port), { method: spec.method ?? 'GET', path: spec.path, headers: spec.headers ?? {}, body: spec.body }, 3000);
}

describe('verify: upstreams a check file declares', () => {
  it('reads upstreams: with env, running and down, and says what is wrong', () => {
    const { checks, problems } = parseIdeaChecks({ idea: 'x', env: {}, upstreams: { env: 'UPSTREAMS', running: ['users', 'orders'], down: ['billing'] }, milestones: { baseline: [{ name: 'n', steps: [{ restart: true }] }] } }, ['baseline']);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(checks!.upstreams, { env: 'UPSTREAMS', running: ['users', 'orders'], down: ['billing'] });
    assert.strictEqual(parseIdeaChecks({ idea: 'x', env: {}, milestones: { baseline: [{ name: 'n', steps: [{ restart: true }] }] } }, ['baseline']).checks!.upstreams, undefined);
    assert.match(upstreamsProblems({ running: ['users'] }).join('\n'), /add the environment variable/);
    assert.match(upstreamsProblems({ env: 'upstreams', running: ['users'] }).join('\n'), /not an environment variable name/);
    assert.match(upstreamsProblems({ env: 'PORT', running: ['users'] }).join('\n'), /PORT is chosen by the runner/);
    assert.match(upstreamsProblems({ env: 'UP', running: [] }).join('\n'), /at least one name under 'running'/);
    assert.match(upstreamsProblems({ env: 'UP', running: ['users'], down: ['users'] }).join('\n'), /'users' is listed twice/);
    assert.match(upstreamsProblems({ env: 'UP', running: ['Users'] }).join('\n'), /'Users' is not an upstream name/);
    assert.match(upstreamsProblems({ env: 'UP', running: ['a'], extra: 1 }).join('\n'), /extra/);
  });

  it('starts echoing servers that answer and record what they received; a down one refuses connections; stop closes them', async () => {
    const up = await Upstreams.start({ env: 'UPSTREAMS', running: ['users', 'orders'], down: ['billing'] });
    try {
      const value = up.env().UPSTREAMS;
      assert.match(value, /^users=http:\/\/127\.0\.0\.1:\d+,orders=http:\/\/127\.0\.0\.1:\d+,billing=http:\/\/127\.0\.0\.1:\d+$/);
      const users = up.addresses.get('users')!;
      const answer = await sendTo(users, { method: 'POST', path: '/items/7?page=2&q=a%20b', headers: { 'x-request-id': 'r1', 'content-type': 'text/plain' }, body: 'hello' });
      assert.strictEqual(answer.status, 200);
      assert.strictEqual(answer.headers['x-upstream'], 'users');
      const got = answer.json as Record<string, unknown>;
      assert.deepStrictEqual({ ...got, headers: undefined }, { upstream: 'users', method: 'POST', path: '/items/7', query: { page: '2', q: 'a b' }, headers: undefined, body: 'hello' });
      assert.strictEqual((got.headers as Record<string, string>)['x-request-id'], 'r1');
      assert.deepStrictEqual(up.received('users'), [got]);
      assert.deepStrictEqual(up.received('orders'), []);
      assert.strictEqual(up.received('billing'), undefined, 'a down upstream records nothing');
      await assert.rejects(sendTo(up.addresses.get('billing')!, { path: '/x' }), (err: Error & { kind?: string }) => err.kind === 'refused');
    } finally {
      await up.stop();
    }
    await assert.rejects(sendTo(up.addresses.get('users')!, { path: '/x' }), (err: Error & { kind?: string }) => err.kind === 'refused');
  });
});

describe('verify: the upstream step', () => {
  let up: Upstreams;
  const session = () => ({ upstreams: up }) as unknown as StepSession;
  before(async () => {
    up = await Upstreams.start({ env: 'UPSTREAMS', running: ['users'], down: [] });
    const users = up.addresses.get('users')!;
    await sendTo(users, { path: '/a/u1', headers: { authorization: 'Bearer t1' } });
    await sendTo(users, { path: '/a/u1?n=2', headers: { authorization: 'Bearer t2' } });
    await sendTo(users, { path: '/b/u1' });
  });
  after(() => up.stop());

  it('reads name, path, count and last, and refuses a step without count or last', () => {
    assert.deepStrictEqual(step('upstream', { name: 'users', path: '/a/{{unique}}', count: 0 }), { kind: 'upstream', name: 'users', path: '/a/{{unique}}', count: 0, last: undefined });
    assert.match(problemsOf('upstream', { name: 'users' }).join('\n'), /needs count, last or both/);
    assert.match(problemsOf('upstream', { count: 1 }).join('\n'), /add the name of an upstream/);
    assert.match(problemsOf('upstream', { name: 'users', count: -1 }).join('\n'), /count/);
    assert.match(problemsOf('upstream', { name: 'users', count: 1, other: 1 }).join('\n'), /other/);
  });

  it('counts the requests to one path, filled with variables, or all of them', async () => {
    const vars: Vars = { unique: 'u1' };
    assert.strictEqual((await runStep(step('upstream', { name: 'users', path: '/a/{{unique}}', count: 2 }), vars, session())).ok, true);
    assert.strictEqual((await runStep(step('upstream', { name: 'users', count: 3 }), vars, session())).ok, true);
    assert.strictEqual((await runStep(step('upstream', { name: 'users', path: '/c/{{unique}}', count: 0 }), vars, session())).ok, true);
    const wrong = await runStep(step('upstream', { name: 'users', path: '/b/{{unique}}', count: 0 }), vars, session());
    assert.strictEqual(wrong.ok, false);
    assert.match(wrong.got, /users received 1 requests to \/b\/u1; the last: .*"path":"\/b\/u1"/);
  });

  it('matches the shape of the last request counted', async () => {
    const vars: Vars = { unique: 'u1', token: 't2' };
    const ok = await runStep(step('upstream', { name: 'users', path: '/a/{{unique}}', last: { query: { n: '2' }, headers: { authorization: 'Bearer {{token}}' } } }), vars, session());
    assert.strictEqual(ok.ok, true, ok.got);
    const wrong = await runStep(step('upstream', { name: 'users', path: '/a/{{unique}}', last: { headers: { authorization: 'Bearer t1' } } }), vars, session());
    assert.strictEqual(wrong.ok, false);
    assert.match(wrong.got, /request\.headers\.authorization/);
    const none = await runStep(step('upstream', { name: 'users', path: '/none', last: { method: 'GET' } }), vars, session());
    assert.deepStrictEqual(none, { ok: false, got: 'users received no request to /none' });
  });

  it('fails with a pointer when the upstream is not running', async () => {
    const outcome = await runStep(step('upstream', { name: 'orders', count: 0 }), { unique: 'u' }, session());
    assert.strictEqual(outcome.ok, false);
    assert.match(outcome.got, /no upstream named orders is running/);
  });
});

describe('verify: tokens of claims alone, and a header that must be a whole number in bounds', () => {
  it('makes a new HS256 token of the claims given, with variables filled in', async () => {
    const vars: Vars = { unique: 'u9' };
    const outcome = await runStep(step('token', { claims: { sub: '{{unique}}', role: 'admin' }, fromNow: { exp: 60 }, secret: 's3', save: 'jwt' }), vars, {} as StepSession);
    assert.strictEqual(outcome.ok, true, outcome.got);
    const [h, c, s] = vars.jwt.split('.');
    assert.deepStrictEqual(JSON.parse(Buffer.from(h, 'base64url').toString()), { alg: 'HS256', typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(c, 'base64url').toString());
    assert.deepStrictEqual({ ...claims, exp: 0 }, { sub: 'u9', role: 'admin', exp: 0 });
    assert.ok(claims.exp > Date.now() / 1000 + 50);
    const { createHmac } = await import('crypto');
    assert.strictEqual(s, createHmac('sha256', 's3').update(`${h}.${c}`).digest('base64url'));
    assert.match(problemsOf('token', { secret: 's', save: 'x' }).join('\n'), /add the variable that holds the token/);
  });

  it('accepts a header within <integer low..high> and refuses one outside, a fraction or text', () => {
    const answer = (value: string): Answer => ({ status: 429, headers: { 'retry-after': value }, text: '', isJson: false, ms: 1 });
    const expect = { status: [429], headers: { 'retry-after': '<integer 1..10>' } };
    assert.strictEqual(judge(answer('1'), expect, {}), undefined);
    assert.strictEqual(judge(answer('10'), expect, {}), undefined);
    for (const bad of ['0', '11', '1.5', 'soon', '10000']) assert.match(judge(answer(bad), expect, {}) ?? '', /expected a whole number from 1 to 10/, bad);
  });
});

describe('verify: a run with upstreams', () => {
  it('starts them before the server, passes their addresses, and stops them after the run', async function () {
    this.timeout(20_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-upstreams-'));
    // A gateway in a few lines: /health, and /api/{service}/rest forwarded to the upstream UPSTREAMS names.
    fs.writeFileSync(
      path.join(dir, 'gateway.js'),
      `const http = require('http');
require('fs').writeFileSync('upstreams.txt', process.env.UPSTREAMS);
const ups = Object.fromEntries(process.env.UPSTREAMS.split(',').map((p) => p.split('=')));
http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  const m = /^\\/api\\/([^/]+)(\\/.*)$/.exec(req.url);
  const up = http.request(ups[m[1]] + m[2], { method: req.method, headers: req.headers }, (a) => { res.writeHead(a.statusCode, a.headers); a.pipe(res); });
  up.on('error', () => { res.writeHead(502); res.end(); });
  req.pipe(up);
}).listen(process.env.PORT, '127.0.0.1');
`,
    );
    fs.writeFileSync(path.join(dir, 'starter.json'), JSON.stringify({ idea: 'gw', start: 'node gateway.js', port: 3000, healthPath: '/health' }));
    const raw = {
      idea: 'gw',
      env: {},
      upstreams: { env: 'UPSTREAMS', running: ['users'], down: ['billing'] },
      milestones: {
        baseline: [
          {
            name: 'forwards and the upstream saw it',
            steps: [
              { request: { path: '/api/users/x/{{unique}}', headers: { 'x-request-id': '{{unique}}' } }, expect: { status: 200, json: { upstream: 'users', path: '/x/{{unique}}' } } },
              { upstream: { name: 'users', path: '/x/{{unique}}', count: 1, last: { headers: { 'x-request-id': '{{unique}}' } } } },
            ],
          },
          { name: 'down is down', steps: [{ request: { path: '/api/billing/x' }, expect: { status: 502 } }] },
        ],
      },
    };
    const { checks, problems } = parseIdeaChecks(raw, ['baseline']);
    assert.deepStrictEqual(problems, []);
    const report = await verifyProject({
      projectDir: dir,
      checks: checks!,
      milestones: [{ id: 'baseline', title: 'Runs', description: '', nodes: [] }],
      baseEnv: { PATH: process.env.PATH },
      healthTimeoutMs: 10_000,
    });
    assert.strictEqual(report.ok, true, JSON.stringify(report.milestones, null, 1));
    // Stopped with the run: nothing answers at the address the server was given any more.
    const given = fs.readFileSync(path.join(dir, 'upstreams.txt'), 'utf8');
    const users = /users=(http:\/\/127\.0\.0\.1:\d+)/.exec(given)![1];
    await assert.rejects(sendTo(users, { path: '/x' }), (err: Error & { kind?: string }) => err.kind === 'refused');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
