/**
 * A request step may follow a link the server handed out (`path: "{{next}}"`, saved from an earlier
 * answer) and may send OPTIONS (a CORS preflight). Against a real HTTP server in this process.
 */
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { TemplateError } from '../../src/verify/match';
import { Parser } from '../../src/verify/parser';
import { parseStep, runStep, type Step } from '../../src/verify/steps';
import { realSession } from './helpers/stepSession';

/** GET /start answers `{ next }` with the link given in ?next=; any other request answers its own method and path. */
async function serve(): Promise<{ port: number; stop: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/start') return res.end(JSON.stringify({ next: url.searchParams.get('next') }));
    if (req.method === 'OPTIONS') res.writeHead(204, { 'access-control-allow-methods': 'GET, DELETE' });
    res.end(req.method === 'OPTIONS' ? undefined : JSON.stringify({ method: req.method, path: req.url }));
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

describe('verify: links and OPTIONS in the request step', () => {
  let server: { port: number; stop: () => Promise<void> };
  before(async () => (server = await serve()));
  after(() => server.stop());
  const session = () => realSession(server.port, { timeoutMs: 2000, agent: { keepAlive: true } });

  /** Saves the link /start hands out for `next`, then follows it with a POST. */
  async function follow(next: string) {
    const vars: Record<string, string> = {};
    const saved = await runStep(step({ request: { path: `/start?next=${encodeURIComponent(next)}` }, expect: { status: 200 }, save: { next: 'json.next' } }), vars, session());
    assert.strictEqual(saved.ok, true, saved.got);
    // A TemplateError is what the session reports as the failed step's "got" (session.ts).
    return runStep(step({ request: { method: 'POST', path: '{{next}}' }, expect: { status: 200, json: { method: 'POST', path: '/orders/7/payment?x=1' } } }), vars, session())
      .catch((err: Error) => ({ ok: false, got: err instanceof TemplateError ? err.message : `not a failed step: ${err.message}` }));
  }

  it('follows a saved link that is a path, or a URL of this server, by its path and query', async () => {
    for (const next of ['/orders/7/payment?x=1', `http://localhost:${server.port}/orders/7/payment?x=1`, 'http://127.0.0.1:1/orders/7/payment?x=1']) {
      const outcome = await follow(next);
      assert.strictEqual(outcome.ok, true, `${next}: ${outcome.got}`);
    }
  });

  it('fails the step, saying why, when the saved link is not a path on this server', async () => {
    for (const next of ['orders/7/payment', 'https://api.example.com/orders/7/payment', 'javascript:alert(1)']) {
      const outcome = await follow(next);
      assert.strictEqual(outcome.ok, false, next);
      assert.match(outcome.got, /which is not a path on this server/, next);
    }
  });

  it('sends OPTIONS and judges the preflight\'s answer', async () => {
    const ok = await runStep(step({ request: { method: 'OPTIONS', path: '/api/notes', headers: { origin: 'http://localhost:5500', 'access-control-request-method': 'DELETE' } }, expect: { status: 204, headers: { 'access-control-allow-methods': 'GET, DELETE' } } }), {}, session());
    assert.strictEqual(ok.ok, true, ok.got);
    const wrong = await runStep(step({ request: { method: 'options', path: '/api/notes' }, expect: { status: 200 } }), {}, session());
    assert.strictEqual(wrong.ok, false, 'the server answered 204, not 200');
  });

  it('refuses a path that starts with neither / nor a saved value', () => {
    const p = new Parser();
    parseStep(p, { request: { path: 'orders' }, expect: { status: 200 } }, ['step']);
    assert.deepStrictEqual(p.problems.map((x) => x.message), ["path must start with / or a saved value such as {{next}} (got 'orders')"]);
  });
});
