/**
 * The parallel step against real HTTP servers in this process: requests sent at the same moment on
 * separate connections, judged together by their statuses, and one sent while another is in flight.
 */
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { Parser } from '../../src/verify/parser';
import { describeStep, parseStep, runStep, type Step } from '../../src/verify/steps';
import { realSession } from './helpers/stepSession';

interface Seen {
  path: string;
  at: number;
  socket: string;
}

/** A local server that answers with `handler` and records each request's path, arrival and connection. */
async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', at: performance.now(), socket: `${req.socket.remotePort}` });
    mostInFlight = Math.max(mostInFlight, ++inFlight);
    res.on('finish', () => inFlight--);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    mostInFlight: () => mostInFlight,
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const reply = (res: http.ServerResponse, status: number, body: unknown, delayMs = 0) =>
  setTimeout(() => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }, delayMs);

function parsed(value: unknown): { step?: Step; problems: string[] } {
  const p = new Parser();
  const step = parseStep(p, { parallel: value }, ['step']);
  return { step, problems: p.problems.map((x) => x.message) };
}

function step(value: unknown): Step {
  const { step: s, problems } = parsed(value);
  assert.deepStrictEqual(problems, []);
  return s!;
}

async function run(s: Step, port: number, timeoutMs = 1500) {
  const vars: Record<string, string> = { unique: 'u1' };
  const session = realSession(port, { timeoutMs, agent: { keepAlive: true, maxSockets: 1 } });
  try {
    return { ...(await runStep(s, vars, session)), sent: session.sent };
  } finally {
    session.agent.destroy();
  }
}

/** A product with `stock` units; each checkout holds its request 80 ms, then takes one unit or answers 409. */
function lastUnits(stock: number) {
  return serve((_req, res) => setTimeout(() => (stock > 0 ? (stock--, reply(res, 201, { ok: true })) : reply(res, 409, { error: 'sold out' })), 80));
}

describe('verify: the parallel step', () => {
  it('sends every request at the same moment, each on its own connection, and counts the answers per status', async () => {
    const server = await lastUnits(3);
    try {
      const checkouts = Array.from({ length: 10 }, (_, i) => ({ request: { method: 'POST', path: `/carts/c${i}/checkout` } }));
      const r = await run(step({ requests: checkouts, statuses: { 201: 3, 409: 7 } }), server.port);
      assert.strictEqual(r.ok, true, r.got);
      assert.match(r.got, /3 × 201, 7 × 409/);
      assert.strictEqual(server.seen.length, 10);
      // The session's agent allows one socket: ten at once means the step did not use it.
      assert.strictEqual(new Set(server.seen.map((s) => s.socket)).size, 10, 'ten connections');
      assert.strictEqual(server.mostInFlight(), 10, 'all ten were in the server at once');
      assert.deepStrictEqual(server.seen.map((s) => s.path).sort(), checkouts.map((c) => c.request.path).sort());
    } finally {
      await server.stop();
    }
  });

  it('fails when the counts differ: a server that sells one unit too many', async () => {
    const server = await lastUnits(4);
    try {
      const r = await run(step({ requests: [{ request: { method: 'POST', path: '/checkout' }, times: 10 }], statuses: { 201: 3, 409: 7 } }), server.port);
      assert.strictEqual(r.ok, false);
      assert.match(r.got, /4 × 201, 6 × 409/);
      assert.strictEqual(r.sent.length, 10);
    } finally {
      await server.stop();
    }
  });

  it('sends a request afterMs later, while the first is in flight, and holds each to its status and time', async () => {
    let busy = false;
    const server = await serve((_req, res) => {
      if (busy) return reply(res, 409, { error: 'in flight' });
      busy = true;
      reply(res, 201, { id: 'p1' }, 400);
      setTimeout(() => (busy = false), 400);
    });
    try {
      const pay = { method: 'POST', path: '/orders/o1/payments', headers: { 'idempotency-key': 'k-{{unique}}' }, json: { amountCents: 2500 } };
      const s = step({
        requests: [
          { request: pay, status: 201, ms: { atLeast: 390 } },
          { request: pay, afterMs: 150, status: 409, ms: { atMost: 200 } },
        ],
      });
      const r = await run(s, server.port);
      assert.strictEqual(r.ok, true, r.got);
      const [first, second] = server.seen;
      assert.ok(second.at - first.at >= 140 && second.at - first.at < 390, `the second arrived ${second.at - first.at} ms after the first`);
      assert.strictEqual(r.sent[1].headers['idempotency-key'], 'k-u1', 'variables are filled in');
      const { sent, expected } = describeStep(s, { unique: 'u1' }, { healthPath: '/health' });
      assert.match(sent, /after 150 ms, POST \/orders\/o1\/payments/);
      assert.match(expected, /request 1: status 201, at least 390 ms; request 2: status 409, at most 200 ms/);
    } finally {
      await server.stop();
    }
  });

  it('fails a request whose answer has another status, or comes too soon, and says which', async () => {
    const server = await serve((_req, res) => reply(res, 201, { id: 'p1' }));
    try {
      const pay = { method: 'POST', path: '/pay' };
      const r = await run(step({ requests: [{ request: pay, status: 201, ms: { atLeast: 300 } }, { request: pay, afterMs: 50, status: 409 }] }), server.port);
      assert.strictEqual(r.ok, false);
      assert.match(r.got, /request 1 took [\d.]+ ms, expected at least 300 ms/);
      assert.match(r.got, /request 2 got 201/);
    } finally {
      await server.stop();
    }
  });

  it('fails with the reason when a request gets no answer', async () => {
    const server = await serve((req, res) => (req.url === '/hang' ? undefined : reply(res, 200, {})));
    try {
      const r = await run(step({ requests: [{ request: { path: '/ok' } }, { request: { path: '/hang' } }], statuses: { 200: 2 } }), server.port, 500);
      assert.strictEqual(r.ok, false);
      assert.match(r.got, /request 2 failed: no answer within 0.5 s/);
    } finally {
      await server.stop();
    }
  });

  it('refuses counts that do not add up to the requests sent, a step that expects nothing, and unknown keys', () => {
    assert.match(parsed({ requests: [{ request: { path: '/a' }, times: 3 }], statuses: { 201: 1, 409: 1 } }).problems.join('\n'), /add up to 2, but the step sends 3 requests/);
    assert.match(parsed({ requests: [{ request: { path: '/a' } }] }).problems.join('\n'), /must expect something/);
    assert.match(parsed({ requests: [{ request: { path: '/a' }, afterMs: -1, status: 200 }] }).problems.join('\n'), /afterMs/);
    assert.match(parsed({ requests: [{ request: { path: '/a' }, wait: 5, status: 200 }] }).problems.join('\n'), /wait/);
    assert.match(parsed({ requests: [], statuses: {} }).problems.join('\n'), /at least one request/);
    assert.match(parsed({ requests: [{ request: { path: '/a' } }], statuses: { nope: 1 } }).problems.join('\n'), /not an HTTP status/);
  });
});
