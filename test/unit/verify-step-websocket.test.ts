import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Vars } from '../../src/verify/match';
import { Parser } from '../../src/verify/parser';
import { describeStep, parseStep, runStep, type Step } from '../../src/verify/steps';
import type { StepSession } from '../../src/verify/steps/kind';
import { realSession } from './helpers/stepSession';

/** A real chat server: /ws?room=<name> joins a room; {"type":"message","text":...} reaches the room; `quirk` breaks it on purpose. */
async function chat(quirk: 'none' | 'echo-all-rooms' | 'twice' = 'none'): Promise<{ port: number; stop: () => Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200).end('{"status":"ok"}'));
  const wss = new WebSocketServer({ noServer: true });
  const rooms = new Map<WebSocket, string>();
  let id = 0;
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/ws') return socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    wss.handleUpgrade(req, socket, head, (ws) => {
      rooms.set(ws, url.searchParams.get('room') ?? '');
      ws.on('close', () => rooms.delete(ws));
      ws.on('message', (data) => {
        let m: { type?: string; text?: string };
        try {
          m = JSON.parse(data.toString());
        } catch {
          return ws.send('not json at all');
        }
        if (!m.text) return ws.send(JSON.stringify({ type: 'error', error: 'text must not be empty' }));
        const room = rooms.get(ws);
        const out = JSON.stringify({ type: 'message', room, text: m.text, id: ++id });
        for (const [peer, r] of rooms) {
          if (r === room || quirk === 'echo-all-rooms') peer.send(out);
          if (r === room && quirk === 'twice') peer.send(out);
        }
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise<void>((r) => (wss.clients.forEach((c) => c.terminate()), server.closeAllConnections(), server.close(() => r()))),
  };
}

function step(value: unknown): Step {
  const p = new Parser();
  const parsed = parseStep(p, value, ['step']);
  assert.deepStrictEqual(p.problems, []);
  return parsed!;
}

function problems(value: unknown): string[] {
  const p = new Parser();
  parseStep(p, value, ['step']);
  return p.problems.map((x) => x.message);
}

/** Runs the steps in order up to the first failure; returns every outcome. */
async function run(session: StepSession, vars: Vars, ...values: unknown[]): Promise<{ ok: boolean; got: string }[]> {
  const out: { ok: boolean; got: string }[] = [];
  for (const v of values) {
    const o = await runStep(step(v), vars, session);
    out.push(o);
    if (!o.ok) break;
  }
  return out;
}

describe('verify: the websocket step, against a real WebSocket server', function () {
  this.timeout(20_000);
  const vars = (): Vars => ({ unique: 'u1', port: '1' });

  it('reads its keys and refuses what cannot work', () => {
    assert.deepStrictEqual(problems({ websocket: { name: 'a', open: '/ws', withinMs: 500 } }), []);
    assert.ok(problems({ websocket: { name: 'a' } }).some((m) => m.includes('does nothing')));
    assert.ok(problems({ websocket: { name: 'a', send: { a: 1 }, sendText: 'x' } }).some((m) => m.includes('not both')));
    assert.ok(problems({ websocket: { name: 'a', expect: {}, expectNone: {} } }).some((m) => m.includes('not both')));
    assert.ok(problems({ websocket: { name: 'a', open: 'ws' } }).some((m) => m.includes('starts with /')));
    assert.ok(problems({ websocket: { name: 'a', open: '/ws', repeat: 3 } }).some((m) => m.includes('repeat repeats send and expect only')));
    assert.ok(problems({ websocket: { name: 'a', send: {}, repeat: { from: 5, to: 2 } } }).some((m) => m.includes('less than')));
    assert.ok(problems({ websocket: { open: '/ws' } }).some((m) => m.includes('add name')));
  });

  it('opens, sends, gets its message back, and a client of another room gets nothing', async () => {
    const server = await chat();
    const session = realSession(server.port, { timeoutMs: 2000, agent: { keepAlive: true } });
    try {
      const out = await run(session, vars(),
        { websocket: { name: 'alice', open: '/ws?room=r{{unique}}' } },
        { websocket: { name: 'bob', open: '/ws?room=other{{unique}}' } },
        { websocket: { name: 'alice', send: { type: 'message', text: 'hi {{unique}}' }, expect: { type: 'message', room: 'r{{unique}}', text: 'hi {{unique}}', id: '<number>' } } },
        { websocket: { name: 'bob', expectNone: { type: 'message' }, withinMs: 200 } },
        { websocket: { name: 'alice', close: true } },
      );
      assert.deepStrictEqual(out.map((o) => o.ok), [true, true, true, true, true], JSON.stringify(out));
      assert.match(out[2].got, /hi u1/);
      assert.strictEqual(session.scope.connections.size, 1, 'alice is closed, bob still open');
    } finally {
      await session.scope.close();
      await server.stop();
    }
    assert.strictEqual(session.scope.connections.size, 0);
  });

  it('fails when a message leaks into another room, naming the frame', async () => {
    const server = await chat('echo-all-rooms');
    const session = realSession(server.port, { timeoutMs: 2000, agent: { keepAlive: true } });
    try {
      const out = await run(session, vars(),
        { websocket: { name: 'alice', open: '/ws?room=a' } },
        { websocket: { name: 'bob', open: '/ws?room=b' } },
        { websocket: { name: 'alice', send: { type: 'message', text: 'secret' }, expect: { text: 'secret' } } },
        { websocket: { name: 'bob', expectNone: { type: 'message' }, withinMs: 1000 } },
      );
      assert.deepStrictEqual(out.map((o) => o.ok), [true, true, true, false]);
      assert.match(out[3].got, /a frame that must not arrive: .*secret/);
    } finally {
      await session.scope.close();
      await server.stop();
    }
  });

  it('takes frames in order: a repeat writes and expects each, and a duplicate is the next frame', async () => {
    const server = await chat('twice');
    const session = realSession(server.port, { timeoutMs: 2000, agent: { keepAlive: true } });
    try {
      const out = await run(session, vars(),
        { websocket: { name: 'w', open: '/ws?room=x' } },
        { websocket: { name: 'w', send: { type: 'message', text: 'm{{i}}' }, expect: { text: 'm{{i}}' }, repeat: 3 } },
      );
      assert.strictEqual(out[1].ok, false);
      assert.match(out[1].got, /with \{\{i\}\} = 2: the next frame was .*"m1".*json.text/);
    } finally {
      await session.scope.close();
      await server.stop();
    }
  });

  it('says what went wrong: a refused upgrade, a frame that is not JSON, a frame that never comes', async () => {
    const server = await chat();
    const session = realSession(server.port, { timeoutMs: 2000, agent: { keepAlive: true } });
    try {
      const refused = await run(session, vars(), { websocket: { name: 'a', open: '/chat' } });
      assert.match(refused[0].got, /answered 404 instead of 101/);
      const notJson = await run(session, vars(), { websocket: { name: 'a', open: '/ws?room=r' } }, { websocket: { name: 'a', sendText: '{oops', expect: { type: 'error' } } });
      assert.match(notJson[1].got, /a frame that is not JSON: "not json at all"/);
      const t = Date.now();
      const silent = await run(session, vars(), { websocket: { name: 'a', expect: { type: 'message' }, withinMs: 300 } });
      assert.strictEqual(silent[0].got, 'no frame within 300 ms');
      assert.ok(Date.now() - t >= 290 && Date.now() - t < 2000);
      const unopened = runStep(step({ websocket: { name: 'nobody', send: { a: 1 } } }), vars(), session);
      await assert.rejects(unopened, /no connection named 'nobody' is open/);
      await server.stop();
      const closed = await run(session, vars(), { websocket: { name: 'a', expect: { type: 'message' }, withinMs: 2000 } });
      assert.match(closed[0].got, /the server closed the connection/);
    } finally {
      await session.scope.close();
      await server.stop().catch(() => undefined);
    }
  });

  it('describes itself in plain words', () => {
    const d = describeStep(step({ websocket: { name: 'late', on: 'second', send: { type: 'message', text: 'm{{i}}' }, expect: { text: 'm{{i}}' }, repeat: { from: 2, to: 51 } } }), vars(), { healthPath: '/health' });
    assert.strictEqual(d.sent, `WebSocket 'late' (on the instance 'second') sends {"type":"message","text":"m{{i}}"} for {{i}} = 2 to 51`);
    assert.strictEqual(d.expected, 'the next frame, within 3000 ms, matches {"text":"m{{i}}"}');
  });
});
