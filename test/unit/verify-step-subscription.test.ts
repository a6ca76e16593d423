import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { buildSchema, graphql } from 'graphql';
import { handleProtocols, makeServer } from 'graphql-ws';
import { WebSocketServer } from 'ws';
import type { Vars } from '../../src/verify/match';
import { Parser } from '../../src/verify/parser';
import { describeStep, parseStep, runStep, type Step } from '../../src/verify/steps';
import type { StepSession } from '../../src/verify/steps/kind';
import { realSession } from './helpers/stepSession';

const SDL = `
  type Post { id: ID! title: String! authorId: ID! }
  type Query { ok: Boolean }
  type Mutation { addPost(authorId: ID!, title: String!): Post! }
  type Subscription { postAdded(authorId: ID!): Post! }
`;

/**
 * A real GraphQL server: mutations over HTTP POST /graphql, subscriptions over graphql-ws at
 * /graphql. `quirk` breaks it on purpose: 'no-filter' sends every post to every subscription,
 * 'plain' is a WebSocket server that speaks no subprotocol; 'late' is correct but starts listening
 * 150 ms after the subscribe arrives, as a busy server's async generator does on its first step.
 */
async function server(quirk: 'none' | 'no-filter' | 'plain' | 'late' = 'none'): Promise<{ port: number; stop: () => Promise<void> }> {
  const schema = buildSchema(SDL);
  const listeners = new Set<(post: { id: string; title: string; authorId: string }) => void>();
  let id = 0;
  const root = {
    addPost: ({ authorId, title }: { authorId: string; title: string }) => {
      const post = { id: String(++id), title, authorId };
      for (const l of listeners) l(post);
      return post;
    },
    postAdded: ({ authorId }: { authorId: string }) => {
      const queue: unknown[] = [];
      let wake: (() => void) | undefined;
      const l = (post: { authorId: string }) => {
        if (quirk === 'no-filter' || post.authorId === authorId) queue.push({ postAdded: post });
        wake?.();
      };
      if (quirk === 'late') setTimeout(() => listeners.add(l), 150);
      else listeners.add(l);
      return (async function* () {
        try {
          for (;;) {
            while (queue.length) yield queue.shift();
            await new Promise<void>((r) => (wake = r));
          }
        } finally {
          listeners.delete(l);
        }
      })();
    },
  };
  const web = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const { query, variables } = JSON.parse(body || '{}');
      const result = await graphql({ schema, source: query, rootValue: root, variableValues: variables });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
  });
  const wss = new WebSocketServer({ server: web, path: '/graphql', handleProtocols: (protocols) => (quirk === 'plain' ? false : handleProtocols(protocols)) });
  // graphql-ws's own server over the ws library, wired as its documentation shows for any transport.
  const gql = makeServer({ schema, roots: { subscription: root, mutation: root } });
  wss.on('connection', (socket) => {
    if (quirk === 'plain') return socket.on('message', () => socket.send('{"type":"hello"}'));
    const closed = gql.opened(
      {
        protocol: socket.protocol,
        send: (data) => new Promise<void>((r) => socket.send(data, () => r())),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) => socket.on('message', (data) => void cb(String(data)).catch((err: Error) => socket.close(4500, err.message))),
      },
      {},
    );
    socket.once('close', (code, reason) => void closed(code, String(reason)));
  });
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  return {
    port: (web.address() as AddressInfo).port,
    stop: () => new Promise<void>((r) => (wss.clients.forEach((c) => c.terminate()), web.closeAllConnections(), web.close(() => r()))),
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

async function run(session: StepSession, vars: Vars, ...values: unknown[]): Promise<{ ok: boolean; got: string }[]> {
  const out: { ok: boolean; got: string }[] = [];
  for (const v of values) {
    const o = await runStep(step(v), vars, session);
    out.push(o);
    if (!o.ok) break;
  }
  return out;
}

const SUBSCRIBE = { query: 'subscription ($a: ID!) { postAdded(authorId: $a) { id title authorId } }', variables: { a: 'a{{unique}}' } };
const add = (author: string, title: string) => ({
  request: { method: 'POST', path: '/graphql', json: { query: 'mutation ($a: ID!, $t: String!) { addPost(authorId: $a, title: $t) { id } }', variables: { a: author, t: title } } },
  expect: { status: 200, json: { data: { addPost: { id: '<string>' } } } },
});

describe('verify: the subscription step (graphql-ws), against a real graphql-ws server', function () {
  this.timeout(20_000);
  const vars = (): Vars => ({ unique: 'u1', port: '1' });

  it('reads its keys and refuses what cannot work', () => {
    assert.deepStrictEqual(problems({ subscription: { name: 's', subscribe: SUBSCRIBE, withinMs: 500 } }), []);
    assert.ok(problems({ subscription: { name: 's' } }).some((m) => m.includes('does nothing')));
    assert.ok(problems({ subscription: { name: 's', expect: {}, expectNone: {} } }).some((m) => m.includes('not both')));
    assert.ok(problems({ subscription: { name: 's', subscribe: {} } }).some((m) => m.includes('add query')));
    assert.ok(problems({ subscription: { name: 's', path: '/gql', complete: true } }).some((m) => m.includes('path goes with subscribe')));
    assert.ok(problems({ subscription: { name: '1s', complete: true } }).some((m) => m.includes('not a subscription name')));
  });

  it('subscribes, gets the matching mutation within the time, not the other author\'s, and completes', async () => {
    const s = await server();
    const session = realSession(s.port, { timeoutMs: 2000 });
    try {
      const out = await run(session, vars(),
        { subscription: { name: 'sub', subscribe: SUBSCRIBE } },
        add('other', 'not for u1'),
        add('au1', 'for u1'),
        { subscription: { name: 'sub', expect: { data: { postAdded: { title: 'for u1', authorId: 'a{{unique}}' } } }, withinMs: 1000 } },
        add('other', 'again not for u1'),
        { subscription: { name: 'sub', expectNone: { data: { postAdded: '<object>' } }, withinMs: 300 } },
        { subscription: { name: 'sub', complete: true } },
      );
      assert.deepStrictEqual(out.map((o) => o.ok), [true, true, true, true, true, true, true], JSON.stringify(out));
      assert.match(out[0].got, /graphql-transport-ws, acknowledged/);
      assert.match(out[3].got, /for u1/);
      assert.strictEqual(session.scope.connections.size, 0);
    } finally {
      await session.scope.close();
      await s.stop();
    }
  });

  it('gives the server time to start the subscription before the check goes on: a late starter still gets a post made at once', async () => {
    const s = await server('late');
    const session = realSession(s.port, { timeoutMs: 2000 });
    try {
      const out = await run(session, vars(), { subscription: { name: 'sub', subscribe: SUBSCRIBE } }, add('au1', 'made at once'), { subscription: { name: 'sub', expect: { data: { postAdded: { title: 'made at once' } } }, withinMs: 1000 } });
      assert.deepStrictEqual(out.map((o) => o.ok), [true, true, true], JSON.stringify(out));
      assert.match(out[0].got, /300 ms given to start it/);
    } finally {
      await session.scope.close();
      await s.stop();
    }
  });

  it('fails a subscription without its filter: the other author\'s post is the next payload', async () => {
    const s = await server('no-filter');
    const session = realSession(s.port, { timeoutMs: 2000 });
    try {
      const out = await run(session, vars(), { subscription: { name: 'sub', subscribe: SUBSCRIBE } }, add('other', 'leak'), add('au1', 'mine'), { subscription: { name: 'sub', expect: { data: { postAdded: { title: 'mine' } } }, withinMs: 1000 } });
      assert.strictEqual(out[3].ok, false);
      assert.match(out[3].got, /the next payload was .*leak/);
      const none = await run(session, vars(), { subscription: { name: 'two', subscribe: SUBSCRIBE } }, add('other', 'leak again'), { subscription: { name: 'two', expectNone: { data: { postAdded: '<object>' } }, withinMs: 1000 } });
      assert.strictEqual(none[2].ok, false);
      assert.match(none[2].got, /a payload that must not arrive: .*leak again/);
    } finally {
      await session.scope.close();
      await s.stop();
    }
  });

  it('says what went wrong: no subprotocol, a refused upgrade, an error message, a payload that never comes', async () => {
    const plain = await server('plain');
    const s = await server();
    try {
      const noProtocol = await run(realSession(plain.port), vars(), { subscription: { name: 'sub', subscribe: SUBSCRIBE } });
      assert.match(noProtocol[0].got, /without choosing the subprotocol graphql-transport-ws/);
      const session = realSession(s.port, { timeoutMs: 2000 });
      const refused = await run(session, vars(), { subscription: { name: 'sub', path: '/ws', subscribe: SUBSCRIBE } });
      assert.match(refused[0].got, /was answered 400 instead of 101|could not open|closed the connection/);
      const invalid = await run(session, vars(), { subscription: { name: 'bad', subscribe: { query: 'subscription { nothing }' } } }, { subscription: { name: 'bad', expect: { data: '<object>' }, withinMs: 1000 } });
      assert.match(invalid[1].got, /an error message: .*nothing/);
      const t = Date.now();
      const silent = await run(session, vars(), { subscription: { name: 'quiet', subscribe: SUBSCRIBE } }, { subscription: { name: 'quiet', expect: { data: '<object>' }, withinMs: 300 } });
      assert.strictEqual(silent[1].got, 'no next message for the subscription within 300 ms');
      assert.ok(Date.now() - t >= 290 && Date.now() - t < 3000);
      await assert.rejects(runStep(step({ subscription: { name: 'nobody', complete: true } }), vars(), session), /no subscription named 'nobody' is open/);
      await session.scope.close();
    } finally {
      await plain.stop();
      await s.stop();
    }
  });

  it('describes itself in plain words', () => {
    const d = describeStep(step({ subscription: { name: 'sub', subscribe: { query: 'subscription { postAdded { id } }' }, withinMs: 1000 } }), vars(), { healthPath: '/health' });
    assert.strictEqual(d.sent, `GraphQL subscription 'sub' opens /graphql (graphql-transport-ws), sends connection_init and subscribes with "subscription { postAdded { id } }"`);
    assert.strictEqual(d.expected, 'connection_ack within 1000 ms');
  });
});
