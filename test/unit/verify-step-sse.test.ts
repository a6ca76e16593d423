import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { fillDeep, type Vars } from '../../src/verify/match';
import { curlCommand, MAX_CURL_BODY } from '../../src/verify/steps/requestSpec';
import { Parser } from '../../src/verify/parser';
import { describeStep, parseStep, runStep, type Step } from '../../src/verify/steps';
import type { StepSession } from '../../src/verify/steps/kind';
import { realSession } from './helpers/stepSession';

type Quirk = 'none' | 'blocking' | 'wrong-type' | 'no-blank-line';

/**
 * A real live-view server: GET /live streams every event POST /events receives as `data: <json>`.
 * `none` gives each client a bounded queue and drops a client that falls behind; `blocking` answers
 * POST /events only once every client has taken the events (the mistake: one slow client holds up
 * ingest); `wrong-type` answers /live as JSON; `no-blank-line` never ends a message.
 */
async function live(quirk: Quirk = 'none'): Promise<{ port: number; stop: () => Promise<void> }> {
  const clients = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    if (req.url === '/live') {
      res.writeHead(200, { 'content-type': quirk === 'wrong-type' ? 'application/json' : 'text/event-stream' });
      res.write(': open\n\n');
      clients.add(res);
      res.on('close', () => clients.delete(res));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const events = JSON.parse(Buffer.concat(chunks).toString()) as unknown[];
      const text = events.map((e) => `data: ${JSON.stringify(e)}\n${quirk === 'no-blank-line' ? '' : '\n'}`).join('');
      const waits: Promise<void>[] = [];
      for (const c of clients) {
        if (quirk === 'blocking') {
          if (!c.write(text)) waits.push(new Promise((r) => c.once('drain', () => r())));
        // 4 MB held back: far more than a reading client lags by on a busy machine, far less than the 20 MB a stalled one is sent.
        } else if (c.writableLength > 1 << 22) c.destroy();
        else c.write(text);
      }
      await Promise.all(waits);
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: events.length }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
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

async function post(session: StepSession, events: unknown[]): Promise<number> {
  const answer = await session.send({ method: 'POST', path: '/events', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) }, { timeoutMs: 3000, ownConnection: true });
  return answer.status;
}

describe('verify: the sse step, against a real event-stream server', function () {
  this.timeout(30_000);
  const vars = (): Vars => ({ unique: 'u1' });

  it('reads its keys and refuses what cannot work', () => {
    assert.deepStrictEqual(problems({ sse: { name: 'a', open: '/live', withinMs: 500 } }), []);
    assert.ok(problems({ sse: { name: 'a' } }).some((m) => m.includes('does nothing')));
    assert.ok(problems({ sse: { name: 'a', open: 'live' } }).some((m) => m.includes('starts with /')));
    assert.ok(problems({ sse: { name: 'a', stall: true } }).some((m) => m.includes('goes with open')));
    assert.ok(problems({ sse: { name: 'a', open: '/live', stall: true, expect: {} } }).some((m) => m.includes('never read')));
    assert.ok(problems({ sse: { name: '1a', open: '/live' } }).some((m) => m.includes('not a stream name')));
    assert.ok(problems({ sse: { name: 'a', open: '/live', bogus: 1 } }).length > 0);
  });

  it('says in plain words what it opens and expects', () => {
    const d = describeStep(step({ sse: { name: 'w', open: '/live', expect: { id: 'e{{unique}}' }, withinMs: 1000 } }), vars(), { healthPath: '/health' });
    assert.match(d.sent, /the event stream 'w' opens GET \/live/);
    assert.match(d.expected, /text\/event-stream.*"id":"eu1".*within 1000 ms/);
  });

  it('finds the matching message among others, and times out when none comes', async () => {
    const server = await live();
    const session = realSession(server.port);
    try {
      assert.ok((await runStep(step({ sse: { name: 'w', open: '/live' } }), vars(), session)).ok);
      assert.strictEqual(await post(session, [{ id: 'other' }, { id: 'eu1', type: 't' }]), 202);
      const hit = await runStep(step({ sse: { name: 'w', expect: { id: 'e{{unique}}', type: 't' }, withinMs: 1000 } }), vars(), session);
      assert.ok(hit.ok, hit.got);
      const started = performance.now();
      const miss = await runStep(step({ sse: { name: 'w', expect: { id: 'never' }, withinMs: 300 } }), vars(), session);
      assert.ok(!miss.ok);
      assert.match(miss.got, /no matching message within 300 ms/);
      assert.ok(performance.now() - started >= 290);
      assert.ok((await runStep(step({ sse: { name: 'w', close: true } }), vars(), session)).ok);
    } finally {
      await session.scope.close();
      await server.stop();
    }
  });

  it('fails a stream that is not text/event-stream, and a message that never ends', async () => {
    const wrong = await live('wrong-type');
    const s1 = realSession(wrong.port);
    try {
      const o = await runStep(step({ sse: { name: 'w', open: '/live' } }), vars(), s1);
      assert.ok(!o.ok);
      assert.match(o.got, /'application\/json' instead of 200 and text\/event-stream/);
    } finally {
      await s1.scope.close();
      await wrong.stop();
    }
    const unended = await live('no-blank-line');
    const s2 = realSession(unended.port);
    try {
      assert.ok((await runStep(step({ sse: { name: 'w', open: '/live' } }), vars(), s2)).ok);
      await post(s2, [{ id: 'eu1' }]);
      assert.ok(!(await runStep(step({ sse: { name: 'w', expect: { id: 'eu1' }, withinMs: 300 } }), vars(), s2)).ok);
    } finally {
      await s2.scope.close();
      await unended.stop();
    }
  });

  it('a stalled stream fills its buffers: a server that waits for every client stops answering, one that drops it does not', async () => {
    // 40 batches of about 500 KB: 20 MB, far more than the socket buffers of one stalled client hold.
    const batch = fillDeep({ '<repeat>': 200, each: { id: 'e{{i}}', props: { pad: { '<repeat>': 2500, each: 'x', join: '' } } } }, {}) as unknown[];
    for (const quirk of ['none', 'blocking'] as const) {
      const server = await live(quirk);
      const session = realSession(server.port);
      try {
        assert.ok((await runStep(step({ sse: { name: 'quiet', open: '/live', stall: true } }), vars(), session)).ok);
        assert.ok((await runStep(step({ sse: { name: 'w', open: '/live' } }), vars(), session)).ok);
        let answered = 0;
        for (let i = 0; i < 40; i++) {
          const status = await post(session, batch).catch(() => 0);
          if (status !== 202) break;
          answered++;
        }
        if (quirk === 'none') {
          assert.strictEqual(answered, 40);
          await post(session, [{ id: 'last' }]);
          // 20 MB of events are still on their way to w: on a busy machine reading them took over 2 s.
          const o = await runStep(step({ sse: { name: 'w', expect: { id: 'last' }, withinMs: 15000 } }), vars(), session);
          assert.ok(o.ok, o.got);
        } else assert.ok(answered < 40, `the blocking server answered all ${answered} batches`);
      } finally {
        await session.scope.close();
        await server.stop();
      }
    }
  });
});

describe('verify: { "<repeat>": n, each } in a body', () => {
  it('makes n copies with {{i}} from 1 to n, and refuses a malformed one', () => {
    assert.deepStrictEqual(fillDeep({ a: { '<repeat>': 3, each: { id: '{{u}}-{{i}}' } } }, { u: 'x' }), { a: [{ id: 'x-1' }, { id: 'x-2' }, { id: 'x-3' }] });
    assert.deepStrictEqual(fillDeep({ '<repeat>': 0, each: 1 }, {}), []);
    assert.throws(() => fillDeep({ '<repeat>': 2 }, {}), /needs a whole number/);
    assert.throws(() => fillDeep({ '<repeat>': -1, each: 1 }, {}), /needs a whole number/);
    assert.throws(() => fillDeep({ '<repeat>': 2, each: 1, extra: 1 }, {}), /nothing else/);
    assert.strictEqual(fillDeep({ '<repeat>': 3, each: 'x{{i}}', join: '-' }, {}), 'x1-x2-x3');
    assert.throws(() => fillDeep({ '<repeat>': 3, each: { a: 1 }, join: '' }, {}), /text to join/);
  });

  it('a body too long to paste (a flood batch) gets no curl command; one at the limit does', () => {
    const sent = (n: number) => ({ method: 'POST' as const, path: '/events', headers: {}, body: 'x'.repeat(n) });
    assert.strictEqual(curlCommand(sent(MAX_CURL_BODY + 1), 3000), undefined);
    assert.match(curlCommand(sent(MAX_CURL_BODY), 3000) ?? '', /^curl -i -X POST/);
  });
});
