import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseIdeaChecks, type IdeaChecks } from '../../src/verify/checks';
import { matchShape, percentile } from '../../src/verify/match';
import { formatReport } from '../../src/verify/report';
import { parseDotEnv, verifyProject, type VerifyOptions, type VerifyReport } from '../../src/verify/runner';
import { commandArgs } from '../../src/verify/server';

const fixture = path.resolve(__dirname, '../../../test/fixtures/verify/project');

/** A copy of the fixture project, so installs and pid files stay out of the repository. */
function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-verify-test-'));
  for (const f of fs.readdirSync(fixture)) fs.copyFileSync(path.join(fixture, f), path.join(dir, f));
  return dir;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs checks against the fixture server in one mode; asserts afterwards that no process it started is left. */
async function run(mode: string, milestones: Record<string, unknown[]>, more: Partial<VerifyOptions> & { env?: Record<string, string> } = {}): Promise<VerifyReport> {
  const dir = project();
  const pidFile = path.join(dir, 'pids');
  const parsed = parseIdeaChecks({ idea: 'verify-fixture', env: more.env ?? {}, milestones }, Object.keys(milestones));
  assert.deepStrictEqual(parsed.problems, []);
  try {
    const report = await verifyProject({
      projectDir: dir,
      checks: parsed.checks!,
      milestones: Object.keys(milestones).map((id) => ({ id, title: `The ${id} milestone`, description: '', nodes: [`node-${id}`] })),
      baseEnv: { PATH: process.env.PATH, MODE: mode, PID_FILE: pidFile, CHILD: '1' },
      healthTimeoutMs: 10_000,
      requestTimeoutMs: 1000,
      ...more,
    });
    const pids = fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number) : [];
    for (let i = 0; i < 20 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepStrictEqual(pids.filter(alive), [], `processes left running after a ${mode} run`);
    return report;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const health = { name: 'health answers 200', steps: [{ request: { path: '/health' }, expect: { status: 200, json: { status: 'ok' } } }] };
const createAndRead = {
  name: 'an item is created and read back',
  steps: [
    { request: { method: 'POST', path: '/items', json: { name: 'item-{{unique}}' } }, expect: { status: 201, json: { id: '<string>', name: 'item-{{unique}}' } }, save: { id: 'json.id' } },
    { request: { path: '/items/{{id}}' }, expect: { status: 200, json: { id: '{{id}}', name: 'item-{{unique}}' } } },
  ],
};

function check(report: VerifyReport, milestone: string, index = 0) {
  const m = report.milestones.find((x) => x.id === milestone);
  assert.ok(m, `milestone ${milestone} in the report`);
  return m.checks[index];
}

describe('verify: check files', () => {
  it('accepts a valid file and keeps the roadmap order of milestones', () => {
    const r = parseIdeaChecks({ idea: 'x', milestones: { b: [health], a: [health] } }, ['a', 'b']);
    assert.deepStrictEqual(r.problems, []);
    assert.deepStrictEqual(Object.keys(r.checks!.milestones), ['a', 'b']);
    const step = r.checks!.milestones.a[0].steps[0];
    assert.strictEqual(step.kind === 'request' && step.request.method, 'GET');
  });

  it('locates every mistake by its path in the file', () => {
    const r = parseIdeaChecks(
      {
        idea: 'x',
        env: { PORT: '1', DEBUG: 1 },
        milestones: {
          a: [
            { name: 'one', steps: [{ request: { path: 'no-slash', method: 'FETCH' }, expect: { status: 999 }, extra: 1, retryFor: 1000 }] },
            { name: 'one', steps: [{ restart: true, compare: {} }] },
            { name: 'three', steps: [{ load: { request: { path: '/' }, rate: 0, seconds: 5, p95Ms: 10 } }] },
            { name: 'four', steps: [{ request: { path: '/' }, expect: { status: 200 }, save: { '1bad': 'body.x' } }] },
          ],
          zzz: [health],
        },
      },
      ['a', 'b'],
    );
    const got = r.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    const expected = [
      'env.PORT: PORT is chosen by the runner; leave it out',
      'env.DEBUG: \'DEBUG\' of \'env\' of the check file must be text: write "1" in quotes',
      "milestones.a.0.steps.0.extra: unknown key 'extra' in the request step: allowed keys are request, expect, save, retryForMs, repeatUntil, repeat, retryWhile, on",
      "milestones.a.0.steps.0.retryFor: unknown key 'retryFor' in the request step: did you mean 'retryForMs'?",
      "milestones.a.0.steps.0.request.method: 'method' of 'request' of the request step must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS",
      "milestones.a.0.steps.0.request.path: path must start with / or a saved value such as {{next}} (got 'no-slash')",
      "milestones.a.0.steps.0.expect.status: 'status' of 'expect' of the request step must be a whole number from 100 to 599, not '999'",
      "milestones.a.1.name: two checks of 'a' are both named 'one'",
      'milestones.a.1.steps.0: a step has one kind, not restart and compare',
      "milestones.a.2.steps.0.load.rate: 'rate' of the load step must be a whole number from 1 to 500, not '0'",
      "milestones.a.3.steps.0.save.1bad: '1bad' is not a variable name (letters, digits and _)",
      "milestones.a.3.steps.0.save.1bad: 'body.x' must be json, json.<path>, headers.<name> or cookies.<name>",
      "milestones.zzz: 'zzz' is not a milestone of x (its milestones: a, b)",
      "milestones: milestone 'b' has no checks",
    ];
    for (const e of expected) assert.ok(got.includes(e), `expected problem: ${e}\ngot:\n${got.join('\n')}`);
    assert.strictEqual(r.checks, undefined);
  });

  it('matches JSON shapes with markers and reports the first mismatch by path', () => {
    const body = { id: 'a1', tags: ['x', 'y'], owner: { name: 'ada', age: 36 }, items: [{ id: 1 }, { id: 2, done: true }] };
    assert.strictEqual(matchShape(body, { id: '<string>', owner: { age: '<number>' }, items: { '<contains>': { done: true } }, tags: { '<length>': 2 }, gone: '<absent>' }), undefined);
    assert.strictEqual(matchShape(body, { owner: { age: '<string>' } }), 'json.owner.age: expected a string, got 36');
    assert.strictEqual(matchShape(body, { items: { '<contains>': { id: 3 } } }), 'json.items: no element of 2 matches {"id":3}');
    assert.strictEqual(matchShape(body, { tags: ['x'] }), 'json.tags: expected 1 elements, got 2');
    assert.strictEqual(matchShape(body, { missing: '<present>' }), 'json.missing: expected a value, got nothing');
    assert.strictEqual(matchShape('text', { a: 1 }), 'json: expected an object, got a string');
  });

  it('reads .env files, percentiles and commands without a shell', () => {
    assert.deepStrictEqual(parseDotEnv('# c\nA=1\nexport B="two words"\nC=x # note\n\nbad line\n'), { A: '1', B: 'two words', C: 'x' });
    assert.strictEqual(percentile([5, 1, 4, 2, 3, 6, 7, 8, 9, 10], 95), 10);
    assert.strictEqual(percentile([5, 1, 4, 2, 3], 50), 3);
    assert.deepStrictEqual(commandArgs('node dist/main.js'), ['node', 'dist/main.js']);
    assert.deepStrictEqual(commandArgs('npm run build && node dist/main.js'), ['sh', '-c', 'npm run build && node dist/main.js']);
  });
});

describe('verify: runner against a real server', function () {
  this.timeout(60_000);

  it('passes requests, saved values and templates, and fails a milestone whose data does not survive a restart', async () => {
    const restart = { name: 'data survives a restart', steps: [...createAndRead.steps.slice(0, 1), { restart: true }, createAndRead.steps[1]] };
    const report = await run('good', { baseline: [health, createAndRead], durable: [restart] });
    assert.strictEqual(check(report, 'baseline', 0).ok, true);
    assert.strictEqual(check(report, 'baseline', 1).ok, true, check(report, 'baseline', 1).message);
    assert.strictEqual(report.milestones[0].ok, true);
    const durable = check(report, 'durable');
    assert.strictEqual(durable.ok, false);
    assert.strictEqual(durable.steps.length, 3, 'stops at the failing step');
    assert.match(durable.steps[1].got, /started again/);
    assert.match(durable.message!, /^sent: GET \/items\/(\d+)\nexpected: status 200, JSON \{"id":"\1","name":"item-u[0-9a-f]+"\}\ngot: 404 .*"no such item".* \(status 404, expected 200\)/);
    assert.strictEqual(report.ok, false);
    assert.ok(report.overheadMs >= 0 && report.overheadMs < report.ms);
  });

  it('measures a cache with absolute bounds: hits fast, the miss slow; a server with no cache fails on the bound, not on noise', async () => {
    // The fixture's first read takes 60 ms (a miss) and later ones 0 ms; uncached, every read takes 30 ms.
    const compare = { name: 'hits are fast', steps: [createAndRead.steps[0], { compare: { request: { path: '/items/{{id}}' }, samples: 4, firstMs: { atLeast: 50 }, laterMs: { atMost: 15 } } }] };
    const good = await run('good', { cache: [compare] });
    assert.strictEqual(check(good, 'cache').ok, true, check(good, 'cache').message);
    assert.match(check(good, 'cache').steps[1].got, /^first answer in [\d.]+ ms, median of the next 4 [\d.]+ ms$/);
    const slow = await run('uncached', { cache: [compare] });
    assert.strictEqual(check(slow, 'cache').ok, false);
    assert.match(check(slow, 'cache').message!, /expected: status 200; the first answer at least 50 ms; the median of the later answers at most 15 ms/);
    assert.match(check(slow, 'cache').message!, /first answer in [\d.]+ ms, median of the next 4 [\d.]+ ms \(the first answer took [\d.]+ ms, expected at least 50 ms\)/);
    const onlyHits = { ...compare, steps: [createAndRead.steps[0], { compare: { request: { path: '/items/{{id}}' }, samples: 4, laterMs: { atMost: 15 } } }] };
    const uncached = await run('uncached', { cache: [onlyHits] });
    assert.match(check(uncached, 'cache').message!, /the later answers took \(median\) [\d.]+ ms, expected at most 15 ms/);
  });

  it('bounds one answer\'s time with expect.ms', async () => {
    const miss = (bounds: object) => ({ name: 'a miss is slow', steps: [createAndRead.steps[0], { request: { path: '/items/{{id}}' }, expect: { status: 200, ms: bounds } }] });
    const report = await run('good', { slow: [miss({ atLeast: 50 })], fast: [miss({ atMost: 20 })] });
    assert.strictEqual(check(report, 'slow').ok, true, check(report, 'slow').message);
    assert.strictEqual(check(report, 'fast').ok, false);
    assert.match(check(report, 'fast').message!, /expected: status 200, an answer at most 20 ms\ngot: 200 .* \(took [\d.]+ ms, expected at most 20 ms\)/);
  });

  it('tests a limit exactly at N and N+1 with repeat', async () => {
    // The fixture allows 5 requests per token, then answers 429.
    const limit = (n: number) => ({
      name: `${n} allowed, the next refused`,
      steps: [
        { request: { path: '/limited', headers: { authorization: 'Bearer {{unique}}' } }, expect: { status: 200 }, repeat: n },
        { request: { path: '/limited', headers: { authorization: 'Bearer {{unique}}' } }, expect: { status: 429, headers: { 'retry-after': '<present>' } } },
      ],
    });
    const report = await run('good', { exact: [limit(5)], tooHigh: [limit(6)], tooLow: [limit(4)] });
    assert.strictEqual(check(report, 'exact').ok, true, check(report, 'exact').message);
    assert.match(check(report, 'exact').steps[0].got, /\(all 5 answers\)$/);
    assert.strictEqual(check(report, 'tooHigh').ok, false);
    assert.match(check(report, 'tooHigh').message!, /GET \/limited \(with Authorization\), 6 times\nexpected: every answer: status 200\ngot: answer 6 of 6: 429/);
    assert.strictEqual(check(report, 'tooLow').ok, false, 'a limit one above the rule is caught by the N+1-th request');
    assert.match(check(report, 'tooLow').message!, /status 200, expected 429/);
  });

  it('runs a load step at a fixed rate and judges its p95', async () => {
    const load = (p95Ms: number) => ({ name: `p95 under ${p95Ms} ms`, steps: [createAndRead.steps[0], { load: { request: { path: '/items/{{id}}' }, rate: 40, seconds: 1, p95Ms } }] });
    const report = await run('uncached', { fast: [load(20)], relaxed: [load(2000)] });
    assert.strictEqual(check(report, 'fast').ok, false, 'every read takes 30 ms');
    // 2 of 40 answers may be slow: the third settles it, long before the schedule ends.
    assert.match(check(report, 'fast').message!, /stopped after \d+ of 40 requests at 40\/s, the verdict known: \d+ answers took 20 ms or more, where a p95 under 20 ms allows 2 of 40; p50 [\d.]+ ms, p95 [\d.]+ ms of those/);
    assert.ok(Number(/stopped after (\d+)/.exec(check(report, 'fast').message!)![1]) < 40);
    assert.strictEqual(check(report, 'relaxed').ok, true, check(report, 'relaxed').message);
  });

  it('finds a rate limit with repeatUntil and says how many were sent when there is none', async () => {
    const limited = (path: string) => ({ name: `limit on ${path}`, steps: [{ request: { path, headers: { authorization: 'Bearer {{unique}}' } }, expect: { status: 429, headers: { 'retry-after': '<present>' } }, repeatUntil: { max: 8 } }] });
    const report = await run('good', { limit: [limited('/limited')], none: [limited('/health')] });
    assert.strictEqual(check(report, 'limit').ok, true);
    assert.match(check(report, 'limit').steps[0].got, /^429 .* after 6 tries$/);
    assert.strictEqual(check(report, 'none').ok, false);
    assert.match(check(report, 'none').message!, /8 requests sent and none matched; the last: 200/);
  });

  it('reads structured log lines from the server output', async () => {
    const log = (path: string) => ({ name: `logs ${path}`, steps: [{ request: { path }, expect: { status: [200, 404] } }, { log: { json: { method: 'GET', path, status: '<number>', durationMs: '<number>' }, withinMs: 500 } }] });
    const report = await run('good', { logs: [log('/health')], other: [{ name: 'never logged', steps: [{ log: { json: { path: '/never' }, withinMs: 200 } }] }] });
    assert.strictEqual(check(report, 'logs').ok, true, check(report, 'logs').message);
    assert.strictEqual(check(report, 'other').ok, false);
    assert.match(check(report, 'other').message!, /none of \d+ output lines \(\d+ of them JSON\) matched/);
  });

  it('checks a graceful shutdown, and fails one that ignores SIGTERM without leaving it running', async () => {
    const shutdown = { name: 'finishes in-flight work on SIGTERM', steps: [{ shutdown: { inflight: { path: '/slow?ms=300' }, status: 200, signal: 'SIGTERM', exitCode: 0, withinMs: 2000 } }] };
    const after = { name: 'answers again after the shutdown', steps: health.steps };
    const good = await run('good', { shutdown: [shutdown], after: [after] });
    assert.strictEqual(check(good, 'shutdown').ok, true, check(good, 'shutdown').message);
    assert.match(check(good, 'shutdown').steps[0].got, /the in-flight request got 200 .*; the server exited with code 0/);
    assert.strictEqual(check(good, 'after').ok, true, 'the server is started again for the next check');
    const stubborn = await run('ignores-sigterm', { shutdown: [shutdown] });
    assert.strictEqual(check(stubborn, 'shutdown').ok, false);
    assert.match(check(stubborn, 'shutdown').message!, /the server was still running 2 s after SIGTERM/);
  });

  it('reports a server that never starts with its exit code and last output', async () => {
    const report = await run('never-starts', { baseline: [health, createAndRead] });
    assert.match(report.startProblem!, /the server exited with code 3 before http:\/\/127\.0\.0\.1:\d+\/health answered/);
    assert.match(report.startProblem!, /config error: DATABASE_URL is not set/);
    assert.deepStrictEqual(report.milestones[0].checks.map((c) => c.ok), [false, false]);
    assert.strictEqual(report.ok, false);
    assert.match(formatReport(report), /✘ the server could not be verified/);
  });

  it('names the port a server listens on when it is not PORT', async () => {
    const report = await run('wrong-port', { baseline: [health] }, { healthTimeoutMs: 2000 });
    assert.match(report.startProblem!, /did not answer 2xx within 2 s \(nothing answered\)\. The server listens on port (\d+) instead: it must listen on the port in the PORT environment variable \(\d+ for this run\)/);
    const [, wrong, right] = /port (\d+) instead.*\((\d+) for this run\)/.exec(report.startProblem!)!;
    // The fixture takes the first free port above PORT.
    assert.ok(Number(wrong) > Number(right) && Number(wrong) <= Number(right) + 20, `${wrong} is just above ${right}`);
  });

  it('reports a server that starts but never listens', async () => {
    const report = await run('silent-hang', { baseline: [health] }, { healthTimeoutMs: 2000 });
    assert.match(report.startProblem!, /did not answer 2xx within 2 s \(nothing answered\)\. The server's last output/);
  });

  it('reports a crash in the middle of a check and starts the server again for the next one', async () => {
    const crash = { name: 'survives a bad request', steps: [{ request: { path: '/crash' }, expect: { status: 404 } }] };
    const report = await run('good', { crash: [crash], after: [health] });
    assert.strictEqual(check(report, 'crash').ok, false);
    assert.match(check(report, 'crash').message!, /the connection was closed before an answer came\nThe server exited with code 1 during this check/);
    assert.strictEqual(check(report, 'after').ok, true);
  });

  it('reports a request that hangs', async () => {
    const report = await run('good', { hang: [{ name: 'answers', steps: [{ request: { path: '/hang' }, expect: { status: 200 } }] }] });
    assert.match(check(report, 'hang').message!, /got: no answer within 1 s: the server hangs on this request/);
  });

  it('reports an answer that is not JSON', async () => {
    const report = await run('not-json', { baseline: [createAndRead] });
    assert.match(check(report, 'baseline').message!, /got: 200 \[text\/html\] <html><body>items<\/body><\/html> in [\d.]+ ms \(status 200, expected 201; the body is not JSON: <html>/);
  });

  it('installs first when asked, and reports a failing install without starting anything', async () => {
    const dir = project();
    try {
      const checks = parseIdeaChecks({ idea: 'verify-fixture', milestones: { baseline: [health] } }, ['baseline']).checks as IdeaChecks;
      const milestones = [{ id: 'baseline', title: 'Runs', description: '', nodes: ['n'] }];
      const ok = await verifyProject({ projectDir: dir, checks, milestones, install: true, baseEnv: { PATH: process.env.PATH } });
      assert.strictEqual(ok.ok, true);
      assert.strictEqual(fs.readFileSync(path.join(dir, 'installed.txt'), 'utf8'), 'yes');
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'starter.json'), 'utf8'));
      fs.writeFileSync(path.join(dir, 'starter.json'), JSON.stringify({ ...manifest, install: ['echo fetching; exit 4'] }));
      const bad = await verifyProject({ projectDir: dir, checks, milestones, install: true, baseEnv: { PATH: process.env.PATH } });
      assert.match(bad.startProblem!, /installing failed: 'echo fetching; exit 4' exited with code 4\. Its last output:\n {4}\| fetching/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops at once when cancelled and leaves nothing running', async () => {
    const abort = new AbortController();
    const slow = { name: 'waits', steps: [{ request: { path: '/items/none' }, expect: { status: 200 }, retryForMs: 30_000 }] };
    setTimeout(() => abort.abort(), 1500);
    const started = Date.now();
    const report = await run('good', { baseline: [slow, health] }, { signal: abort.signal });
    assert.ok(Date.now() - started < 15_000, 'did not wait for the retry window');
    assert.strictEqual(report.startProblem, 'cancelled');
  });
});

describe('verify: shipped check files', () => {
  const roadmapDir = path.resolve(__dirname, '../../../roadmap');
  const { readCheckFiles } = require('../../src/verify/files') as typeof import('../../src/verify/files');
  const { readRoadmap } = require('../../src/roadmap/validate') as typeof import('../../src/roadmap/validate');
  const { diskReader } = require('../../src/roadmap/nodeFs') as typeof import('../../src/roadmap/nodeFs');
  const projects = readRoadmap(path.join(roadmapDir, 'backend', 'roadmap.yaml'), diskReader).roadmap!.projects;

  it('reports problems in check files at their line and column', () => {
    const { problems } = readCheckFiles(path.join(fixture, '..', 'broken'), projects, (f) => path.basename(f));
    const got = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
    assert.deepStrictEqual(got.filter((g) => !g.includes('has no checks')), [
      "not-an-idea.yaml:1:1: 'not-an-idea' is not a project idea: name the file after an idea id in projects.yaml",
      'todo-api.yaml:3:13: YAML syntax: the list opened with [ here is never closed: end it with ] (a list that goes on over several lines is indented more than its key)',
      "url-shortener.yaml:6:41: path must start with / or a saved value such as {{next}} (got 'health')",
      "url-shortener.yaml:12:29: 'status' of 'expect' of the request step must be a whole number from 100 to 599, not '4000'",
      "url-shortener.yaml:13:3: 'speed' is not a milestone of url-shortener (its milestones: baseline, validation, stats, cache, aliases)",
    ]);
    assert.ok(got.includes("url-shortener.yaml:3:3: milestone 'stats' has no checks"), got.join("\n"));
  });

  it('has a valid check file for every idea with starters, and a reference solution for every starter', () => {
    const { checks, problems } = readCheckFiles(path.join(roadmapDir, 'verify'), projects);
    assert.deepStrictEqual(problems, []);
    const startersDir = path.join(roadmapDir, 'starters');
    for (const idea of fs.readdirSync(startersDir)) {
      assert.ok(checks[idea], `roadmap/verify/${idea}.yaml exists`);
      assert.ok(Object.keys(checks[idea].milestones)[0] === 'baseline', `${idea}: the first milestone is the baseline`);
      for (const stack of fs.readdirSync(path.join(startersDir, idea))) {
        assert.ok(fs.existsSync(path.resolve(roadmapDir, '..', 'test', 'fixtures', 'reference', idea, `${stack}.patch`)), `a reference solution for ${idea}/${stack}`);
      }
    }
  });
});
