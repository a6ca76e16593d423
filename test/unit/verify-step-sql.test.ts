/**
 * The sql step against a real PostgreSQL (scripts/services.mjs): a fresh database per step, dropped
 * after it; rows as PostgreSQL's text; errors with SQLSTATE and line; plans by node type.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { describeStep, runStep } from '../../src/verify/steps';
import { realSession, parsedStep as step, stepProblems as problems } from './helpers/stepSession';

// The bundle runs from out/test/unit.
const ROOT = path.resolve(__dirname, '../../..');

const SEED = `CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric(10,2));
INSERT INTO orders VALUES (1, 'alice', 10.50), (2, 'bob', 20), (3, 'alice', 19.50), (4, 'carol', NULL);`;

describe('verify: the sql step, against a real PostgreSQL', function () {
  this.timeout(120_000);
  let postgres: { url: string; stop(): void };
  let dir: string;
  const run = (value: unknown, env: NodeJS.ProcessEnv = { DATABASE_URL: postgres.url }) => runStep(step(value), { unique: 'U1x' }, realSession(0, { dir, env }));
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);

  before(async () => {
    const services = await import(path.join(ROOT, 'scripts', 'services.mjs'));
    postgres = await services.startPostgres();
  });
  after(() => postgres?.stop());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-sql-step-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The databases the steps made and did not drop. */
  async function leftOver(): Promise<string[]> {
    const c = new Client({ connectionString: postgres.url });
    await c.connect();
    try {
      return (await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'exercise_%'")).rows.map((r) => r.datname as string);
    } finally {
      await c.end();
    }
  }

  it('runs the file on a seeded fresh database and compares columns and rows as text, in any order', async () => {
    write('query.sql', '-- totals per customer\nSELECT customer, sum(total) AS total\nFROM orders\nGROUP BY customer;\n');
    const ok = await run({ sql: 'query.sql', seed: SEED, expect: { columns: ['customer', 'total'], rows: [['bob', '20.00'], ['alice', '30.00'], ['carol', null]], rowCount: 3 } });
    assert.strictEqual(ok.ok, true, ok.got);
    assert.match(ok.got, /^3 rows \(customer, total\): /);
    const wrong = await run({ sql: 'query.sql', seed: SEED, expect: { rows: [['alice', '30.00'], ['bob', '20.00'], ['carol', '0.00']] } });
    assert.strictEqual(wrong.ok, false);
    assert.match(wrong.got, /^no row \["carol","0\.00"\] \(the rows: /);
    const columns = await run({ sql: 'query.sql', seed: SEED, expect: { columns: ['customer', 'sum'] } });
    assert.deepStrictEqual(columns, { ok: false, got: 'the columns are ["customer","total"], expected ["customer","sum"]' });
    assert.deepStrictEqual(await leftOver(), []);
  });

  it('keeps the order only with ordered: true, and gives every type as PostgreSQL writes it', async () => {
    write('q.sql', "SELECT 1::int AS i, NULL AS n, 2.50::numeric AS d, true AS b, DATE '2024-01-31' AS day, '{1,2}'::int[] AS a;\nSELECT id FROM orders ORDER BY id DESC;");
    const typed = await run({ sql: 'q.sql', seed: SEED, then: "SELECT 1::int AS i, NULL AS n, 2.50::numeric AS d, true AS b, DATE '2024-01-31' AS day, '{1,2}'::int[] AS a", expect: { rows: [['1', null, '2.50', 't', '2024-01-31', '{1,2}']] } });
    assert.strictEqual(typed.ok, true, typed.got);
    // The last statement that returns rows is the one checked.
    assert.strictEqual((await run({ sql: 'q.sql', seed: SEED, expect: { rows: [['4'], ['3'], ['2'], ['1']], ordered: true } })).ok, true);
    const order = await run({ sql: 'q.sql', seed: SEED, expect: { rows: [['1'], ['2'], ['3'], ['4']], ordered: true } });
    assert.deepStrictEqual(order, { ok: false, got: 'row 1 is ["4"], expected ["1"]' });
    assert.strictEqual((await run({ sql: 'q.sql', seed: SEED, expect: { rows: [['1'], ['2'], ['3'], ['4']] } })).ok, true);
  });

  it("fails on the learner's error with its SQLSTATE, message and line in the file", async () => {
    write('query.sql', 'SELECT 1;\n\nSELECT customer\n  FROM order_lines;\n');
    assert.deepStrictEqual(await run({ sql: 'query.sql', seed: SEED }), { ok: false, got: 'ERROR 42P01 relation "order_lines" does not exist at line 4, column 8 of query.sql' });
    const seed = await run({ sql: 'query.sql', seed: 'CREATE TABLEE x ();' });
    assert.match(seed.got, /^the check's seed failed, before your SQL ran: ERROR 42601 syntax error at or near "TABLEE" at line 1, column 8 of the seed$/);
    assert.deepStrictEqual(await leftOver(), []);
  });

  it('passes an expected error by SQLSTATE or text, from the file or from then', async () => {
    write('schema.sql', 'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE);');
    const then = "INSERT INTO users (email) VALUES ('a@x.io'); INSERT INTO users (email) VALUES ('a@x.io');";
    const unique = await run({ sql: 'schema.sql', then, expect: { error: '23505' } });
    assert.strictEqual(unique.ok, true, unique.got);
    assert.match(unique.got, /^ERROR 23505 duplicate key value violates unique constraint "users_email_key"/);
    assert.strictEqual((await run({ sql: 'schema.sql', then, expect: { error: 'duplicate key' } })).ok, true);
    const other = await run({ sql: 'schema.sql', then: 'INSERT INTO users (email) VALUES (NULL)', expect: { error: '23505' } });
    assert.match(other.got, /^ERROR 23502 null value in column "email".* \(in then\); expected SQLSTATE 23505$/);
    write('loose.sql', 'CREATE TABLE users (id serial PRIMARY KEY, email text);');
    assert.deepStrictEqual(await run({ sql: 'loose.sql', then, expect: { error: '23505' } }), { ok: false, got: 'loose.sql and then ran without an error, expected SQLSTATE 23505' });
  });

  it('reads the plan of then: node types present and absent', async () => {
    const seed = "CREATE TABLE users (id int PRIMARY KEY, email text); INSERT INTO users SELECT i, 'u' || i || '@x.io' FROM generate_series(1, 20000) i; ANALYZE users;";
    const then = "SELECT id FROM users WHERE email = 'u42@x.io'";
    write('index.sql', 'CREATE INDEX users_email ON users (email);');
    const indexed = await run({ sql: 'index.sql', seed, then, expect: { rows: [['42']], plan: { has: 'Index Scan', not: ['Seq Scan'] } } });
    assert.strictEqual(indexed.ok, true, indexed.got);
    assert.match(indexed.got, /plan nodes: .*Index/);
    write('none.sql', '-- no index yet\nSELECT 1;');
    const seq = await run({ sql: 'none.sql', seed, then, expect: { plan: { not: 'Seq Scan' } } });
    assert.deepStrictEqual(seq, { ok: false, got: 'the plan of then has Seq Scan: its nodes are Seq Scan' });
  });

  it('says a missing or empty file, a missing DATABASE_URL and a server that does not answer', async () => {
    assert.deepStrictEqual(await run({ sql: 'query.sql' }), { ok: false, got: 'there is no file query.sql in the exercise folder: write your SQL there' });
    write('query.sql', '\n');
    assert.deepStrictEqual(await run({ sql: 'query.sql' }), { ok: false, got: 'query.sql is empty: write your SQL there' });
    write('query.sql', 'SELECT 1');
    assert.deepStrictEqual(await run({ sql: 'query.sql' }, {}), { ok: false, got: 'DATABASE_URL is not set: the exercise needs services: [postgresql]' });
    const down = await run({ sql: 'query.sql' }, { DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/postgres' });
    assert.match(down.got, /^could not connect to PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres: /);
  });

  it('refuses a wrong step at the path of each mistake', () => {
    assert.deepStrictEqual(problems({ sql: '../q.sql', expect: { rows: [['a', 1], 'b'], plan: { has: 'Index Scan' }, colums: [] } }), [
      "milestones.a.0.steps.0.sql: the path '../q.sql' has a '..' part: give a path inside the exercise folder",
      "milestones.a.0.steps.0.expect.colums: unknown key 'colums' in 'expect' of the sql step: did you mean 'columns'?",
      `milestones.a.0.steps.0.expect.rows.0: row 1 of 'rows' of 'expect' of the sql step has a value that is not text: PostgreSQL's text is compared, so write ["a","1"]`,
      "milestones.a.0.steps.0.expect.rows.1: row 2 of 'rows' of 'expect' of the sql step must be a list of values as text (null for NULL)",
      "milestones.a.0.steps.0.expect.plan: 'plan' is the plan of 'then': add then: \"SELECT ...\" to the sql step, the query whose plan is read",
    ]);
    assert.deepStrictEqual(problems({ sql: 'q.sql', expect: { error: '23505', rowCount: 1 } }), ["milestones.a.0.steps.0.expect.error: 'expect' of the sql step expects an error: leave out columns, rows, rowCount and plan, which are about a result"]);
  });

  it('says in words what it runs and expects', () => {
    const d = describeStep(step({ sql: 'query.sql', seed: SEED, then: 'SELECT * FROM orders', expect: { columns: ['id'], rowCount: 2, plan: { has: 'Index Scan' } } }), {}, { healthPath: '/health' });
    assert.deepStrictEqual(d, { sent: 'the SQL of query.sql on a fresh PostgreSQL database after the seed, then "SELECT * FROM orders"', expected: 'columns id, 2 rows, a plan with Index Scan' });
    assert.strictEqual(describeStep(step({ sql: 'q.sql', expect: { error: '23505' } }), {}, { healthPath: '/health' }).expected, 'an error with SQLSTATE 23505');
  });
});
