import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { judge, proveExercise } from '../../src/exercise/honesty';
import { parseKit } from '../../src/exercise/kit';
import { asIdea, parseExercise, safeRelative, type Exercise } from '../../src/exercise/model';
import { checkExercise } from '../../src/exercise/run';
import { exerciseFiles, writeExercise } from '../../src/exercise/write';
import { parseProjectManifest } from '../../src/verify/manifest';
import type { VerifyReport } from '../../src/verify/results';

/** A server exercise in plain Node: GET /greeting must answer 200 with { "hello": "world" }. */
const SERVER = (body: string) => `require('http').createServer((q, s) => { if (q.url === '/health') return s.end('ok'); ${body} }).listen(process.env.PORT);\n`;
const RAW = {
  topic: 'web-servers-basics',
  title: 'Answer a greeting',
  task: 'Make `server.js` answer `GET /greeting` with 200 and the JSON `{ "hello": "world" }`, and anything else with 404.',
  stacks: { http: { open: 'server.js', start: `${JSON.stringify(process.execPath)} server.js`, port: 3000, healthPath: '/health', files: { 'server.js': SERVER("s.statusCode = 404; s.end('{}');") } } },
  checks: [
    { name: 'the greeting answers 200 with hello world', steps: [{ request: { method: 'GET', path: '/greeting' }, expect: { status: 200, json: { hello: 'world' } } }] },
    { name: 'an unknown path answers 404', steps: [{ request: { method: 'GET', path: '/nothing' }, expect: { status: 404 } }] },
  ],
};
const GOOD = SERVER("if (q.url === '/greeting') return s.end(JSON.stringify({ hello: 'world' })); s.statusCode = 404; s.end('{}');");
const EVERYTHING_200 = SERVER("s.end(JSON.stringify({ hello: 'world' }));");
const WRONG_WORD = SERVER("if (q.url === '/greeting') return s.end(JSON.stringify({ hello: 'there' })); s.statusCode = 404; s.end('{}');");

const exercise = (): Exercise => {
  const { exercise: e, problems } = parseExercise(RAW, 'web-servers-basics', new Set(['web-servers-basics']));
  assert.deepStrictEqual(problems, []);
  return e!;
};
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'exercise-test-'));

describe('exercises: the file format', () => {
  it('reads an exercise and sees it as a project of one milestone, its topic', () => {
    const e = exercise();
    assert.deepStrictEqual(Object.keys(e.stacks), ['http']);
    assert.strictEqual(e.stacks.http.server?.healthPath, '/health');
    const { idea, checks } = asIdea(e);
    assert.strictEqual(idea.id, 'exercises');
    assert.deepStrictEqual(idea.milestones.map((m) => [m.id, m.nodes]), [['web-servers-basics', ['web-servers-basics']]]);
    assert.deepStrictEqual(Object.keys(checks.milestones), ['web-servers-basics']);
  });

  it('says what is wrong, and where, in a broken exercise', () => {
    const broken = { ...RAW, topic: 'dns', stacks: { cobol: { open: 'x', files: { '../escape.txt': 'x' } } }, services: ['mongodb'], checks: [RAW.checks[0], RAW.checks[0]] };
    const { exercise: e, problems } = parseExercise(broken, 'web-servers-basics', new Set(['web-servers-basics', 'dns']));
    assert.strictEqual(e, undefined);
    const messages = problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    for (const expected of [/^topic: 'topic' is 'dns' but the file is named web-servers-basics.yaml/, /^services.0: unknown service 'mongodb'/, /'cobol' is not a stack/, /'\.\.\/escape\.txt' must be a relative path inside the exercise folder/, /'x' is not one of stack 'cobol''s files/, /two checks are both named/]) {
      assert.ok(messages.some((m) => expected.test(m)), `${expected} among:\n${messages.join('\n')}`);
    }
  });

  it('keeps every path inside the folder, at both edges', () => {
    for (const ok of ['a.txt', 'src/main.go', '.env', 'a..b/c']) assert.ok(safeRelative(ok), ok);
    for (const bad of ['../a', '/etc/passwd', 'a/../../b', 'a\\b', '', '.', './', 'a/./b']) assert.ok(!safeRelative(bad), bad);
  });

  it('reads a kit only when it names real stacks and checks, with two wrong solutions', () => {
    const e = exercise();
    const good = parseKit({ reference: { http: { files: { 'server.js': GOOD } } }, wrong: [{ id: 'a', why: 'w', stack: 'http', fails: 'an unknown path answers 404', files: { 'server.js': EVERYTHING_200 } }, { id: 'b', why: 'w', stack: 'http', fails: 'the greeting answers 200 with hello world', files: { 'server.js': WRONG_WORD } }] }, e);
    assert.deepStrictEqual(good.problems, []);
    const bad = parseKit({ reference: { go: { files: { 'main.go': '' } } }, wrong: [{ id: 'a', why: 'w', stack: 'http', fails: 'a check that does not exist', files: { 'server.js': '' } }] }, e);
    const messages = bad.problems.map((p) => p.message);
    for (const expected of [/the reference has no 'http' stack/, /'go' is not a stack of the exercise/, /add at least two wrong solutions/, /'a check that does not exist' is not a check of the exercise/]) assert.ok(messages.some((m) => expected.test(m)), `${expected} among:\n${messages.join('\n')}`);
  });
});

describe('exercises: writing one into a folder', () => {
  it('writes the starting files, the manifest verify reads, the task, and for services a compose file and .env', () => {
    const e = { ...exercise(), services: ['postgresql'] };
    const files = exerciseFiles(e, 'http');
    assert.deepStrictEqual(files.map((f) => f.path), ['server.js', 'starter.json', 'README.md', 'compose.yaml', '.env']);
    const manifest = parseProjectManifest(files[1].content).manifest!;
    assert.strictEqual(manifest.exercise, 'web-servers-basics');
    assert.strictEqual(manifest.idea, 'exercises');
    assert.deepStrictEqual(manifest.vars, { stack: 'http' });
    assert.deepStrictEqual(manifest.services, ['postgresql']);
    assert.match(files[2].content, /Edit `server\.js`/);
    assert.match(files[4].content, /^DATABASE_URL=postgres:\/\//);
    // MariaDB: its own image and variable, and the address the compose file's server answers at.
    const maria = exerciseFiles({ ...exercise(), services: ['mariadb'] }, 'http');
    assert.match(maria[3].content, /image: mariadb:11\.4\n\s+environment:\n\s+MARIADB_ROOT_PASSWORD: exercise\n\s+ports:\n\s+- "3306:3306"/);
    assert.strictEqual(maria[4].content, 'MARIADB_URL=mysql://root:exercise@127.0.0.1:3306/\n');
  });

  it('never writes over a folder that holds something, and leaves nothing behind', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'mine.txt'), 'keep');
    assert.throws(() => writeExercise(exercise(), 'http', dir), /is not empty \(mine\.txt\)/);
    assert.deepStrictEqual(fs.readdirSync(dir), ['mine.txt']);
    assert.deepStrictEqual(fs.readdirSync(path.dirname(dir)).filter((f) => f.startsWith(`.${path.basename(dir)}.scaffold-`)), []);
  });

  it('a project manifest cannot also be an exercise, and an exercise needs no server', () => {
    assert.match(parseProjectManifest('{ "idea": "todo-api", "exercise": "dns", "start": "x", "port": 1, "healthPath": "/" }').problems[0].message, /a project \('idea'\) or an exercise \('exercise'\), not both/);
    const m = parseProjectManifest('{ "exercise": "dns", "stack": "shell", "tools": ["dig"] }').manifest!;
    assert.strictEqual(m.start, '');
    assert.deepStrictEqual(m.tools, ['dig']);
  });
});

describe('exercises: checks and honesty', function () {
  this.timeout(60_000);

  it('runs an exercise folder\'s checks: the starting files fail, the right answer passes', async () => {
    const dir = path.join(tmp(), 'ex');
    writeExercise(exercise(), 'http', dir);
    const exercises = { 'web-servers-basics': exercise() };
    const before = await checkExercise({ dir, exercises });
    assert.strictEqual(before.outcome, 'failed');
    assert.deepStrictEqual(before.milestones[0].checks.map((c) => c.ok), [false, true]);
    fs.writeFileSync(path.join(dir, 'server.js'), GOOD);
    const after = await checkExercise({ dir, exercises });
    assert.strictEqual(after.outcome, 'passed');
    assert.deepStrictEqual(after.milestones[0].nodes, ['web-servers-basics']);
  });

  it('proves a kit: and catches a wrong solution that fails another check than the one it names', async () => {
    const e = exercise();
    const kit = parseKit({
      reference: { http: { files: { 'server.js': GOOD } } },
      wrong: [
        { id: 'everything-200', why: 'every path answers 200', stack: 'http', fails: 'an unknown path answers 404', files: { 'server.js': EVERYTHING_200 } },
        // Named against the wrong check on purpose: the proof must say so.
        { id: 'misnamed', why: 'the greeting says there', stack: 'http', fails: 'an unknown path answers 404', files: { 'server.js': WRONG_WORD } },
      ],
    }, e).kit!;
    const verdicts = await proveExercise(e, kit, { exercises: { 'web-servers-basics': e } });
    assert.deepStrictEqual(verdicts.map((v) => [v.variant, v.ok]), [['starting', true], ['reference', true], ['everything-200', true], ['misnamed', false]]);
    assert.match(verdicts[3].detail, /must fail exactly 'an unknown path answers 404', but failed 'the greeting answers 200 with hello world'/);
  });

  it('judges a report that could not run as wrong, whatever was expected', () => {
    const report = { outcome: 'could-not-run', problem: { kind: 'service', message: 'PostgreSQL is not reachable' }, milestones: [] } as unknown as VerifyReport;
    for (const expected of [{ kind: 'starting' }, { kind: 'reference' }, { kind: 'wrong', fails: 'x' }] as const) assert.deepStrictEqual(judge(report, expected, ['x']), { ok: false, detail: 'could not run: PostgreSQL is not reachable' });
  });
});
