import * as assert from 'assert';
import type { Vars } from '../../src/verify/match';
import { Parser } from '../../src/verify/parser';
import { describeStep, parseStep, runStep, type Step } from '../../src/verify/steps';
import { loopbackUrl } from '../../src/verify/steps/follow';
import { listen, realSession } from './helpers/stepSession';

function parsed(body: Record<string, unknown>): { step?: Step; problems: string[] } {
  const p = new Parser();
  const step = parseStep(p, body, ['step']);
  return { step, problems: p.problems.map((x) => x.message) };
}

function step(body: Record<string, unknown>): Step {
  const { step, problems } = parsed(body);
  assert.deepStrictEqual(problems, []);
  return step!;
}

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(92, 'x')]);

/** A store in miniature: /o/<name>?until=<epoch ms> serves the object until then, and 403 after. */
describe('verify: the follow and wait steps', () => {
  let store: { port: number; close: () => Promise<void> };
  let hits = 0;

  before(async () => {
    store = await listen((req, res) => {
      hits++;
      const url = new URL(req.url ?? '/', 'http://x');
      if (Date.now() > Number(url.searchParams.get('until'))) {
        res.writeHead(403, { 'content-type': 'application/xml' });
        return res.end('<Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>');
      }
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(url.pathname === '/o/short' ? png.subarray(0, 50) : png);
    });
  });
  after(() => store.close());

  it('follows a saved loopback URL and compares the exact bytes', async () => {
    const vars: Vars = { link: `http://127.0.0.1:${store.port}/o/photo?until=${Date.now() + 60_000}` };
    const s = step({ follow: { url: '{{link}}' }, expect: { status: 200, headers: { 'content-type': 'image/png' }, content: { base64: 'iVBORw0KGgo=', size: 100 } } });
    const before = hits;
    const outcome = await runStep(s, vars, realSession(1));
    assert.strictEqual(outcome.ok, true, outcome.got);
    assert.strictEqual(hits, before + 1, 'one request reached the store, none the learner\'s server');
    assert.strictEqual(outcome.got, '200 [image/png], 100 bytes');
    assert.strictEqual(describeStep(s, vars, { healthPath: '/health' }).expected, 'status 200, header content-type: image/png, exactly 100 bytes starting 89 50 4e 47 0d 0a 1a 0a');
  });

  it('says where the bytes differ from the expected ones', async () => {
    const vars: Vars = { link: `http://localhost:${store.port}/o/short?until=${Date.now() + 60_000}` };
    const outcome = await runStep(step({ follow: { url: '{{link}}' }, expect: { status: 200, content: { base64: 'iVBORw0KGgo=', size: 100 } } }), vars, realSession(1));
    assert.strictEqual(outcome.ok, false);
    assert.match(outcome.got, /50 bytes, expected 100 \(the same up to byte 50\)/);
    const other = await runStep(step({ follow: { url: '{{link}}' }, expect: { content: { base64: 'iVBORw0KGgo=', size: 50, fill: 'y' } } }), vars, realSession(1));
    assert.match(other.got, /differ from the expected 50 at byte 8 \(0x78, expected 0x79\)/);
  });

  it('waits, then sees the link refused once it has expired', async () => {
    const vars: Vars = { link: `http://127.0.0.1:${store.port}/o/photo?until=${Date.now() + 300}` };
    const session = realSession(1);
    assert.strictEqual((await runStep(step({ follow: { url: '{{link}}' }, expect: { status: 200 } }), vars, session)).ok, true);
    const started = Date.now();
    const waited = await runStep(step({ wait: { ms: 400 } }), vars, session);
    assert.ok(Date.now() - started >= 390, `waited ${Date.now() - started} ms`);
    assert.match(waited.got, /^waited (4\d\d|[5-9]\d\d) ms$/);
    const late = await runStep(step({ follow: { url: '{{link}}' }, expect: { status: 200 } }), vars, session);
    assert.strictEqual(late.ok, false);
    assert.match(late.got, /^403 \[application\/xml\], \d+ bytes \(status 403, expected 200: <Error><Code>AccessDenied/);
    assert.strictEqual((await runStep(step({ follow: { url: '{{link}}' }, expect: { status: 403, bodyContains: 'expired' } }), vars, session)).ok, true);
  });

  it('never leaves this machine: other hosts and schemes are refused without a request', async () => {
    assert.match(String(loopbackUrl('http://example.com/x')), /example\.com is not this machine/);
    assert.match(String(loopbackUrl('https://127.0.0.1/x')), /https:\/\/ is not followed/);
    assert.match(String(loopbackUrl('/files/1')), /not an absolute URL/);
    assert.ok(loopbackUrl('http://[::1]:9000/x') instanceof URL);
    const outcome = await runStep(step({ follow: { url: '{{link}}' }, expect: { status: 200 } }), { link: 'http://10.0.0.1/o' }, realSession(1));
    assert.deepStrictEqual(outcome, { ok: false, got: "10.0.0.1 is not this machine: only loopback hosts (127.0.0.1, ::1, localhost) are followed (http://10.0.0.1/o)" });
  });

  it('refuses a follow without a url or expectation, another method, and a wait without a bound', () => {
    assert.match(parsed({ follow: {}, expect: { status: 200 } }).problems.join('\n'), /has no 'url'/);
    assert.match(parsed({ follow: { url: '{{l}}', method: 'POST' }, expect: { status: 200 } }).problems.join('\n'), /must be GET or HEAD/);
    assert.match(parsed({ follow: { url: '{{l}}' } }).problems.join('\n'), /has no 'expect'/);
    assert.match(parsed({ wait: { ms: 60_000 } }).problems.join('\n'), /'ms' of 'wait' of the step must be/);
    assert.match(parsed({ wait: {} }).problems.join('\n'), /has no 'ms'/);
  });
});
