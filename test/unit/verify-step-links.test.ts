/**
 * A request step may follow a link the server handed out (`path: "{{next}}"`, saved from an earlier
 * answer) and may send OPTIONS (a CORS preflight). Against a real HTTP server in this process.
 */
import * as assert from 'assert';
import { TemplateError } from '../../src/verify/match';
import { runStep } from '../../src/verify/steps';
import { listen, parsedStep as step, realSession, stepProblems } from './helpers/stepSession';

/** GET /start answers `{ next }` with the link given in ?next=; OPTIONS answers a preflight; anything else its own method and path. */
const server = () =>
  listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/start') return res.end(JSON.stringify({ next: url.searchParams.get('next') }));
    if (req.method === 'OPTIONS') return res.writeHead(204, { 'access-control-allow-methods': 'GET, DELETE' }).end();
    res.end(JSON.stringify({ method: req.method, path: req.url }));
  });

describe('verify: links and OPTIONS in the request step', () => {
  let running: { port: number; close: () => Promise<void> };
  before(async () => (running = await server()));
  after(() => running.close());
  const session = () => realSession(running.port, { timeoutMs: 2000, agent: { keepAlive: true } });

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
    for (const next of ['/orders/7/payment?x=1', `http://localhost:${running.port}/orders/7/payment?x=1`, 'http://127.0.0.1:1/orders/7/payment?x=1']) {
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
    assert.deepStrictEqual(stepProblems({ request: { path: 'orders' }, expect: { status: 200 } }), ["milestones.a.0.steps.0.request.path: path must start with / or a saved value such as {{next}} (got 'orders')"]);
  });
});
