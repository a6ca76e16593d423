/**
 * Cookies in the request step: `expect.cookies` judges each Set-Cookie by name (value, HttpOnly,
 * Secure, SameSite, Path), and `save: { x: cookies.<name> }` keeps a value that a later step sends
 * back in a Cookie header. Against a real HTTP server in this process that keeps sessions.
 */
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { parseIdeaChecks } from '../../src/verify/checks';
import { Parser } from '../../src/verify/parser';
import { describeStep, parseStep, runStep, type Step } from '../../src/verify/steps';
import { setCookies } from '../../src/verify/steps/cookies';
import { realSession } from './helpers/stepSession';

/** A login server: POST /login?attrs=... sets `session` with those attributes; GET /me needs a live one; POST /logout ends it. */
async function serve(): Promise<{ port: number; stop: () => Promise<void> }> {
  const live = new Set<string>();
  let n = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const sid = /(?:^|;\s*)session=([^;]*)/.exec(req.headers.cookie ?? '')?.[1];
    if (url.pathname === '/login') {
      const id = `s${++n}`;
      live.add(id);
      res.writeHead(200, { 'set-cookie': [`theme=dark; Path=/`, `session=${id}${url.searchParams.get('attrs') ?? ''}`] });
      return res.end();
    }
    if (url.pathname === '/logout') live.delete(sid ?? '');
    res.writeHead(url.pathname === '/me' && !live.has(sid ?? '') ? 401 : 200);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, stop: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

function step(value: unknown): Step {
  const p = new Parser();
  const parsed = parseStep(p, value, ['step']);
  assert.deepStrictEqual(p.problems, []);
  return parsed!;
}

const strict = { httpOnly: true, secure: true, sameSite: ['Lax', 'Strict'], path: '/' };
const login = (attrs: string, cookies: unknown) => step({ request: { method: 'POST', path: `/login?attrs=${encodeURIComponent(attrs)}` }, expect: { status: 200, cookies }, save: { sid: 'cookies.session' } });

describe('verify: cookies in the request step', () => {
  let server: { port: number; stop: () => Promise<void> };
  before(async () => (server = await serve()));
  after(() => server.stop());

  it('accepts a session cookie with every attribute asked for, in any case and order, and saves its value', async () => {
    const vars: Record<string, string> = {};
    const outcome = await runStep(login('; path=/; SECURE; SameSite=strict; HttpOnly', { session: strict }), vars, realSession(server.port, { timeoutMs: 2000, agent: { keepAlive: true } }));
    assert.strictEqual(outcome.ok, true, outcome.got);
    assert.match(vars.sid, /^s\d+$/);
  });

  it('names the attribute that is missing or wrong', async () => {
    const cases: [string, string][] = [
      ['; Secure; SameSite=Lax; Path=/', 'cookie session lacks HttpOnly: scripts in the page could read it'],
      ['; HttpOnly; SameSite=Lax; Path=/', 'cookie session lacks Secure: it would travel over plain HTTP too'],
      ['; HttpOnly; Secure; Path=/', 'cookie session has no SameSite, expected SameSite=Lax or Strict'],
      ['; HttpOnly; Secure; SameSite=None; Path=/', 'cookie session has SameSite=None, expected SameSite=Lax or Strict'],
      ['; HttpOnly; Secure; SameSite=Lax; Path=/api', 'cookie session has Path=/api, expected Path=/'],
      ['; HttpOnly; Secure; SameSite=Lax', 'cookie session has no Path, expected Path=/'],
    ];
    for (const [attrs, why] of cases) {
      const outcome = await runStep(login(attrs, { session: strict }), {}, realSession(server.port, { timeoutMs: 2000, agent: { keepAlive: true } }));
      assert.strictEqual(outcome.ok, false, attrs);
      assert.ok(outcome.got.includes(`(${why})`), `${attrs}: ${outcome.got}`);
    }
  });

  it('tells a missing cookie from an absent one, and matches a value with markers and variables', async () => {
    const absent = await runStep(step({ request: { path: '/me' }, expect: { cookies: { session: '<absent>' } } }), {}, realSession(server.port, { timeoutMs: 2000, agent: { keepAlive: true } }));
    assert.strictEqual(absent.ok, true, absent.got);
    const missing = await runStep(step({ request: { path: '/me' }, expect: { cookies: { session: '<present>' } } }), {}, realSession(server.port, { timeoutMs: 2000, agent: { keepAlive: true } }));
    assert.match(missing.got, /\(no Set-Cookie for a cookie named session\)/);
    const unwanted = await runStep(step({ request: { method: 'POST', path: '/login' }, expect: { cookies: { session: '<absent>' } } }), {}, realSession(server.port, { timeoutMs: 2000, agent: { keepAlive: true } }));
    assert.match(unwanted.got, /\(cookie session should not be set, got Set-Cookie 'session=s\d+'\)/);
    const other = await runStep(step({ request: { method: 'POST', path: '/login' }, expect: { cookies: { session: { value: 'x-{{unique}}' } } } }), { unique: 'u1' }, realSession(server.port, { timeoutMs: 2000, agent: { keepAlive: true } }));
    assert.match(other.got, /\(cookie session is 's\d+', expected 'x-u1'\)/);
  });

  it('sends a saved cookie back: GET /me answers with it and, after logout, the same cookie is refused', async () => {
    const vars: Record<string, string> = {};
    const s = realSession(server.port, { timeoutMs: 2000, agent: { keepAlive: true } });
    assert.strictEqual((await runStep(login('; HttpOnly', { session: { value: '<string>', httpOnly: true } }), vars, s)).ok, true);
    const me = step({ request: { path: '/me', headers: { cookie: 'session={{sid}}' } }, expect: { status: 200 } });
    assert.strictEqual((await runStep(me, vars, s)).ok, true);
    assert.strictEqual((await runStep(step({ request: { method: 'POST', path: '/logout', headers: { cookie: 'session={{sid}}' } }, expect: { status: 200 } }), vars, s)).ok, true);
    const after = await runStep(me, vars, s);
    assert.strictEqual(after.ok, false);
    assert.match(after.got, /^401/);
  });

  it('parses Set-Cookie lines as a browser reads them: the last one of a name wins', () => {
    const cookies = setCookies({ headers: { 'set-cookie': ['a=1; HttpOnly', 'b=x=y; Path=/p; SameSite=Lax; Secure', 'a=2'] } });
    assert.deepStrictEqual(cookies.map((c) => [c.name, c.value, c.httpOnly, c.secure, c.sameSite, c.path]), [
      ['a', '1', true, false, undefined, undefined],
      ['b', 'x=y', false, true, 'Lax', '/p'],
      ['a', '2', false, false, undefined, undefined],
    ]);
  });

  it('describes the cookies it expects in words', () => {
    const words = describeStep(login('', { session: strict }), {}, { healthPath: '/health' });
    assert.strictEqual(words.expected, 'status 200, a cookie session (HttpOnly, Secure, SameSite=Lax or Strict, Path=/)');
  });

  it('reports a wrong cookie expectation or save at its path', () => {
    const r = parseIdeaChecks({ idea: 'x', milestones: { a: [{ name: 'one', steps: [{ request: { path: '/' }, expect: { cookies: { session: { httpOnly: 'yes', sameSite: [], maxAge: 1 }, other: 'set' } }, save: { sid: 'cookies.' } }] }] } }, ['a']);
    const got = r.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    for (const e of [
      "milestones.a.0.steps.0.expect.cookies.session.maxAge: unknown key 'maxAge' in cookie 'session' of 'expect' of the request step: allowed keys are value, httpOnly, secure, sameSite, path",
      "milestones.a.0.steps.0.expect.cookies.session.httpOnly: httpOnly of cookie 'session' of 'expect' of the request step must be true or false",
      "milestones.a.0.steps.0.expect.cookies.session.sameSite: sameSite of cookie 'session' of 'expect' of the request step must be a value (Lax) or a list of the values accepted ([Lax, Strict])",
      "milestones.a.0.steps.0.expect.cookies.other: cookie 'other' of 'expect' of the request step must be '<absent>', '<present>' or a map of value, httpOnly, secure, sameSite, path",
      "milestones.a.0.steps.0.save.sid: 'cookies.' must be json, json.<path>, headers.<name> or cookies.<name>",
    ]) assert.ok(got.includes(e), `expected problem: ${e}\ngot:\n${got.join('\n')}`);
  });
});
