import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { CheckScope } from '../../src/verify/checkScope';
import { send } from '../../src/verify/http';
import { Parser } from '../../src/verify/parser';
import type { ServerProcess } from '../../src/verify/server';
import { describeStep, parseStep, runStep, type Step } from '../../src/verify/steps';
import type { StepSession } from '../../src/verify/steps/kind';

const root = path.resolve(__dirname, '../../..');

/** A server of its own process: health on PORT, and a WebSocket that answers every frame with the PORT it runs on and a value of its environment. */
const SERVER = `
const http = require('http');
const { WebSocketServer } = require('ws');
const server = http.createServer((req, res) => res.writeHead(req.url === '/health' ? 200 : 404).end());
const wss = new WebSocketServer({ server, path: '/ws' });
wss.on('connection', (ws) => ws.on('message', () => ws.send(JSON.stringify({ port: process.env.PORT, flavour: process.env.FLAVOUR }))));
server.listen(Number(process.env.PORT), '127.0.0.1');
`;

function step(value: unknown): Step {
  const p = new Parser();
  const parsed = parseStep(p, value, ['step']);
  assert.deepStrictEqual(p.problems, []);
  return parsed!;
}

describe('verify: the instance step starts a second server for the check', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'instance-step-'));
    fs.writeFileSync(path.join(dir, 'server.js'), SERVER);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function sessionWith(command: string): StepSession & { scope: CheckScope } {
    const agent = new http.Agent();
    const env = { ...process.env, NODE_PATH: path.join(root, 'node_modules'), FLAVOUR: 'mint', PORT: '1' };
    const session: StepSession & { scope: CheckScope } = {
      port: 1,
      dir: root,
      env,
      host: '127.0.0.1',
      healthPath: '/health',
      requestTimeoutMs: 2000,
      agent,
      server: undefined as unknown as ServerProcess,
      scope: new CheckScope({ server: { command, cwd: dir, env, healthPath: '/health' }, healthTimeoutMs: 10_000 }),
      send: (spec, o = {}) => send(o.to?.port ?? 1, spec, o.timeoutMs ?? 2000, agent, o.to?.host),
      exchange: (spec) => session.send(spec),
      timed: (p) => p,
      addWaited: () => {},
      ensureRunning: async () => undefined,
      throwIfCancelled: () => {},
      pause: (ms) => new Promise((r) => setTimeout(r, ms)),
    };
    return session;
  }

  it('runs on its own PORT with the same environment, websocket steps reach it with on, and the check end stops it', async () => {
    const session = sessionWith(`${JSON.stringify(process.execPath)} server.js`);
    const vars = { unique: 'u1', port: '1' };
    let port = 0;
    try {
      const started = await runStep(step({ instance: { name: 'second' } }), vars, session);
      assert.strictEqual(started.ok, true, started.got);
      port = Number(/PORT=(\d+)/.exec(started.got)?.[1]);
      assert.ok(port > 1);
      await runStep(step({ websocket: { name: 'far', on: 'second', open: '/ws' } }), vars, session);
      const answer = await runStep(step({ websocket: { name: 'far', sendText: 'hi', expect: { port: String(port), flavour: 'mint' } } }), vars, session);
      assert.strictEqual(answer.ok, true, answer.got);
      const health = await runStep(step({ request: { method: 'GET', path: '/health' }, expect: { status: 200 }, on: 'second' }), vars, session);
      assert.strictEqual(health.ok, true, health.got);
      const nowhere = await runStep(step({ request: { method: 'GET', path: '/health' }, expect: { status: 200 }, on: 'third' }), vars, session);
      assert.match(nowhere.got, /no instance named 'third'/);
      const again = await runStep(step({ instance: { name: 'second' } }), vars, session);
      assert.match(again.got, /already runs/);
      const unknown = await runStep(step({ websocket: { name: 'x', on: 'third', open: '/ws' } }), vars, session);
      assert.match(unknown.got, /no instance named 'third'/);
    } finally {
      await session.scope.close();
    }
    const health = await new Promise<string>((resolve) => http.get(`http://127.0.0.1:${port}/health`, () => resolve('answered')).on('error', () => resolve('refused')));
    assert.strictEqual(health, 'refused');
    const after = await runStep(step({ websocket: { name: 'far', on: 'second', open: '/ws' } }), { unique: 'u', port: '1' }, session);
    assert.match(after.got, /no instance named 'second'/, 'the closed scope forgets its instances');
  });

  it('says why an instance did not come up', async () => {
    const session = sessionWith(`${JSON.stringify(process.execPath)} -e "console.log('missing DATABASE_URL'); process.exit(3)"`);
    try {
      const o = await runStep(step({ instance: { name: 'second' } }), { unique: 'u', port: '1' }, session);
      assert.strictEqual(o.ok, false);
      assert.match(o.got, /the instance 'second' \(PORT=\d+\) did not come up: the server exited with code 3.*\n.*missing DATABASE_URL/);
    } finally {
      await session.scope.close();
    }
  });

  it('describes itself in plain words', () => {
    const d = describeStep(step({ instance: { name: 'second' } }), { unique: 'u', port: '1' }, { healthPath: '/health' });
    assert.match(d.sent, /a second instance of the server, 'second'/);
    assert.strictEqual(d.expected, 'its /health answers 2xx');
    const r = describeStep(step({ request: { method: 'GET', path: '/health' }, expect: { status: 200 }, on: 'second' }), { unique: 'u', port: '1' }, { healthPath: '/health' });
    assert.strictEqual(r.sent, "GET /health, to the instance 'second'");
    assert.strictEqual(r.request, undefined, 'no curl command for the learner\'s own port');
  });
});
