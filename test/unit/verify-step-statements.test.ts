import * as assert from 'assert';
import { execFile } from 'child_process';
import { promisify } from 'util';
import * as fs from 'fs';
import * as path from 'path';
import { Client, Pool } from 'pg';
import { parseIdeaChecks } from '../../src/verify/checks';
import type { Vars } from '../../src/verify/match';
import { Parser } from '../../src/verify/parser';
import { StatementLog } from '../../src/verify/statementLog';
import { describeStep, parseStep, runStep, type Step } from '../../src/verify/steps';
import { listen, realSession } from './helpers/stepSession';

// The bundle runs from out/test/unit.
const ROOT = path.resolve(__dirname, '../../..');

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

/**
 * A real PostgreSQL with the statement log in front of it, and a server of the kind a learner
 * writes: GET /posts?n=<count>&mode=<...> reads n posts and their authors through a pg pool that
 * knows only the log's address. 'batched' runs two statements whatever n is; 'per-item' one per
 * post (N+1); 'simple' the same per-item reads as simple queries (no parameters).
 */
describe('verify: the statements step and the statement log, against a real PostgreSQL', function () {
  this.timeout(120_000);
  const vars = (): Vars => ({ unique: 'u1', port: '1' });
  let postgres: { url: string; stop(): void };
  let log: StatementLog;
  let pool: Pool;
  let app: { port: number; close: () => Promise<void> };

  before(async () => {
    const services = await import(path.join(ROOT, 'scripts', 'services.mjs'));
    postgres = await services.startPostgres();
    log = (await StatementLog.start(postgres.url))!;
    assert.ok(log, 'the log starts in front of a PostgreSQL that answers');
    assert.notStrictEqual(log.url, postgres.url);
    pool = new Pool({ connectionString: log.url, max: 3 });
    pool.on('error', () => undefined);
    await pool.query('CREATE TABLE authors (id int PRIMARY KEY, name text); CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES authors(id))');
    await pool.query('INSERT INTO authors SELECT i, $1 || i FROM generate_series(1, 50) i', ['author ']);
    await pool.query('INSERT INTO posts SELECT i, i FROM generate_series(1, 50) i');
    app = await listen(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const n = Number(url.searchParams.get('n'));
      const mode = url.searchParams.get('mode');
      const posts = (await pool.query('SELECT id, author_id FROM posts ORDER BY id LIMIT $1', [n])).rows;
      if (mode === 'batched') {
        const authors = (await pool.query('SELECT id, name FROM authors WHERE id = ANY($1)', [posts.map((p) => p.author_id)])).rows;
        for (const p of posts) p.author = authors.find((a) => a.id === p.author_id);
      } else {
        for (const p of posts) p.author = (mode === 'simple' ? await pool.query(`SELECT id, name FROM authors WHERE id = ${Number(p.author_id)}`) : await pool.query('SELECT id, name FROM authors WHERE id = $1', [p.author_id])).rows[0];
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ posts }));
    });
  });

  after(async () => {
    await app?.close();
    await pool?.end();
    await log?.stop();
    postgres?.stop();
  });

  const posts = (n: number, mode: string, atMost: number, atLeast?: number) => ({
    statements: { request: { method: 'GET', path: `/posts?n=${n}&mode=${mode}` }, expect: { status: 200, json: { posts: { '<length>': n } } }, atMost, ...(atLeast !== undefined && { atLeast }) },
  });

  it('reads its keys and refuses what cannot work', () => {
    assert.deepStrictEqual(problems(posts(5, 'batched', 3)), []);
    assert.ok(problems({ statements: { request: { path: '/x' }, expect: { status: 200 } } }).some((m) => m.includes('needs atMost, atLeast or both')));
    assert.ok(problems({ statements: { request: { path: '/x' }, expect: { status: 200 }, atMost: 2, atLeast: 3 } }).some((m) => m.includes('atLeast must not be more than atMost')));
    const file = (statementLog: unknown) => parseIdeaChecks({ idea: 'x', env: {}, statementLog, milestones: { baseline: [{ name: 'n', steps: [{ wait: { ms: 1 } }] }] } });
    assert.strictEqual(file(true).checks?.statementLog, true);
    assert.strictEqual(file(undefined).checks?.statementLog, undefined);
    assert.ok(file('yes').problems.length > 0, 'statementLog is true or false');
  });

  it('counts a batched read as the same two statements for 5 posts and for 50', async () => {
    const session = { ...realSession(app.port), statementLog: log };
    for (const n of [5, 50]) {
      const o = await runStep(step(posts(n, 'batched', 2, 2)), vars(), session);
      assert.ok(o.ok, o.got);
      assert.match(o.got, /2 statements: SELECT id, author_id FROM posts .*; SELECT id, name FROM authors WHERE id = ANY/);
    }
  });

  it('counts one statement per post for the N+1 read, over the extended protocol and the simple one', async () => {
    const session = { ...realSession(app.port), statementLog: log };
    const extended = await runStep(step(posts(50, 'per-item', 3)), vars(), session);
    assert.strictEqual(extended.ok, false);
    assert.match(extended.got, /51 statements: SELECT id, author_id FROM posts .*; 50 x SELECT id, name FROM authors WHERE id = \$1 \(more than 3\)/);
    const simple = await runStep(step(posts(5, 'simple', 3)), vars(), session);
    assert.strictEqual(simple.ok, false);
    assert.match(simple.got, /6 statements: .*SELECT id, name FROM authors WHERE id = 1;.* \(more than 3\)/);
    const fewer = await runStep(step(posts(5, 'batched', 10, 3)), vars(), session);
    assert.match(fewer.got, /2 statements.*\(fewer than 3\)/);
  });

  it('answers an SSLRequest with N, so a client that prefers TLS goes on in plain text; and a wrong answer fails before the count', async () => {
    const bin = fs.readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))[0];
    log.reset();
    // Not execFileSync: the log runs in this process and must go on relaying while psql waits.
    const out = await promisify(execFile)(path.join('/usr/lib/postgresql', bin, 'bin', 'psql'), [`${log.url}?sslmode=prefer`, '-At', '-c', 'SELECT 40 + 2'], { encoding: 'utf8', timeout: 10_000 });
    assert.strictEqual(out.stdout.trim(), '42');
    assert.deepStrictEqual([...log.counted], ['SELECT 40 + 2']);
    const client = new Client({ connectionString: log.url });
    await client.connect();
    log.reset();
    await client.query('SELECT $1::int AS n', [7]);
    await client.end();
    assert.deepStrictEqual([...log.counted], ['SELECT $1::int AS n']);
    const session = { ...realSession(app.port), statementLog: log };
    const wrong = await runStep(step({ statements: { request: { path: '/posts?n=5&mode=batched' }, expect: { status: 201 }, atMost: 3 } }), vars(), session);
    assert.match(wrong.got, /status 200, expected 201/);
  });

  it('says when the check file has no statement log, and describes itself', async () => {
    const o = await runStep(step(posts(5, 'batched', 3)), vars(), realSession(app.port));
    assert.strictEqual(o.ok, false);
    assert.match(o.got, /add statementLog: true/);
    const d = describeStep(step(posts(50, 'batched', 3, 1)), vars(), { healthPath: '/health' });
    assert.match(d.expected, /at least 1 and at most 3 SQL statements sent to PostgreSQL while answering it$/);
    assert.strictEqual(await StatementLog.start('postgres://127.0.0.1:1/none'), undefined, 'nothing listens: no proxy, the probe names the real address');
  });
});
