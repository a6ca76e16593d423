/**
 * The tests step with real shell "tests" on real copies: the learner's tests must pass on the
 * correct implementation and fail on each buggy one; copies link node_modules, copy dist, and go away.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeStep, runStep } from '../../src/verify/steps';
import { realSession, parsedStep as step, stepProblems as problems } from './helpers/stepSession';

/** slugify in sh: lower case, spaces to dashes. */
const CORRECT = "echo \"$1\" | tr 'A-Z ' 'a-z-'\n";
const KEEPS_UPPER = "echo \"$1\" | tr ' ' '-'\n";
const KEEPS_SPACES = "echo \"$1\" | tr 'A-Z' 'a-z'\n";

const STEP = {
  tests: '{{test}}',
  correct: { sh: { 'slugify.sh': CORRECT }, python: { 'slugify.py': 'x' } },
  buggy: {
    'keeps-upper-case': { sh: { 'slugify.sh': KEEPS_UPPER } },
    'keeps-spaces': { sh: { 'slugify.sh': KEEPS_SPACES } },
    'python-only': { python: { 'slugify.py': 'y' } },
  },
  timeoutMs: 5000,
};

describe('verify: the tests step', function () {
  this.timeout(30_000);
  let dir: string;
  let log: string;
  const run = (value: unknown, vars: Record<string, string> = { stack: 'sh', test: 'sh test.sh' }) => runStep(step(value), vars, realSession(0, { dir, env: { PATH: process.env.PATH, RUNS_LOG: log } }));
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-tests-step-'));
    log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-tests-log-')), 'runs');
    write('slugify.sh', 'echo "learner version"\n');
    write('node_modules/dep/index.js', 'module.exports = 1;\n');
    write('dist/app.js', 'built\n');
    // Every run notes where it ran and whether node_modules is a link and dist a copy.
    write('test.sh', 'echo "$PWD $( [ -L node_modules ] && echo linked ) $( [ -L dist ] || echo copied )" >> "$RUNS_LOG"\n[ "$(sh slugify.sh \'Hello World\')" = hello-world ] || { echo "FAIL: got $(sh slugify.sh \'Hello World\')"; exit 1; }\necho ok\n');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.dirname(log), { recursive: true, force: true });
  });

  const runs = () => fs.readFileSync(log, 'utf8').trim().split('\n');

  it('passes tests that pass on the correct implementation and fail on each buggy one, on copies it removes', async () => {
    const r = await run(STEP);
    assert.deepStrictEqual(r, { ok: true, got: "your tests pass on the correct implementation and fail on all 2 buggy ones (keeps-upper-case, keeps-spaces); 1 buggy one has no sh version" });
    const seen = runs();
    assert.strictEqual(seen.length, 3);
    for (const line of seen) {
      const [where, linked, copied] = line.split(' ');
      assert.strictEqual(linked, 'linked');
      assert.strictEqual(copied, 'copied');
      assert.notStrictEqual(where, dir);
      assert.strictEqual(fs.existsSync(where), false, `the copy ${where} is removed`);
    }
    assert.strictEqual(fs.readFileSync(path.join(dir, 'slugify.sh'), 'utf8'), 'echo "learner version"\n', 'the exercise folder is untouched');
  });

  it('names the buggy implementation the tests let through, with their output', async () => {
    // Tests that only check the case miss the spaces.
    write('test.sh', '[ "$(sh slugify.sh \'Hello World\' | tr -d \'A-Z\')" = "$(sh slugify.sh \'Hello World\')" ] || { echo "FAIL: upper case"; exit 1; }\necho "1 passed"\n');
    const r = await run(STEP);
    assert.strictEqual(r.ok, false);
    assert.strictEqual(r.got, "your tests pass on the buggy implementation 'keeps-spaces': add a test that catches it; exit 0; output:\n    | 1 passed");
  });

  it('fails tests that fail on the correct implementation, and tests that never end', async () => {
    write('test.sh', 'echo "expected Hello-World"; exit 1\n');
    assert.strictEqual((await run(STEP)).got, 'your tests fail on the correct implementation: exit 1; output:\n    | expected Hello-World');
    write('test.sh', 'sleep 30\n');
    const started = performance.now();
    const slow = await run({ ...STEP, timeoutMs: 300 });
    assert.match(slow.got, /^your tests fail on the correct implementation: did not finish in 0\.3 s; output:/);
    assert.ok(performance.now() - started < 5000);
  });

  it('needs a stack with a correct and a buggy implementation', async () => {
    assert.deepStrictEqual(await run(STEP, { test: 'sh test.sh' }), { ok: false, got: 'no stack is chosen ({{stack}} is not set), so there is no implementation to test with' });
    assert.deepStrictEqual(await run(STEP, { stack: 'go', test: 'go test' }), { ok: false, got: "the check has no correct implementation for the stack 'go' (it has: sh, python)" });
    assert.deepStrictEqual(await run({ ...STEP, correct: { sh: { 'slugify.sh': CORRECT } }, buggy: { x: { python: { 'a.py': '' } } } }), { ok: false, got: "the check has no buggy implementation for the stack 'sh'" });
  });

  it('refuses an implementation path that would write through a linked folder', async () => {
    const r = await run({ ...STEP, correct: { sh: { 'node_modules/dep/index.js': 'evil' } } });
    assert.deepStrictEqual(r, { ok: false, got: "the path 'node_modules/dep/index.js' leads outside the exercise folder (through a symbolic link)" });
    assert.strictEqual(fs.readFileSync(path.join(dir, 'node_modules/dep/index.js'), 'utf8'), 'module.exports = 1;\n');
  });

  it('refuses a wrong step at the path of each mistake', () => {
    assert.deepStrictEqual(problems({ tests: 'pytest', correct: { python: { '../slugify.py': 'x', 'ok.py': 1 } }, buggy: {}, timeoutMs: 10 }), [
      "milestones.a.0.steps.0.correct.python.ok.py: 'ok.py' of 'python' of 'correct' of the tests step must be text: write \"1\" in quotes",
      "milestones.a.0.steps.0.correct.python.../slugify.py: the path '../slugify.py' has a '..' part: give a path inside the exercise folder",
      "milestones.a.0.steps.0.buggy: 'buggy' of the tests step is empty: give at least one buggy implementation, by name",
      "milestones.a.0.steps.0.timeoutMs: 'timeoutMs' of the tests step must be a whole number from 100 to 300000, not '10'",
    ]);
    assert.deepStrictEqual(problems({ tests: 'pytest', correct: { python: {} } }), [
      "milestones.a.0.steps.0.correct.python: the stack 'python' of 'correct' of the tests step has no files: give { \"path\": \"text\" }",
      "milestones.a.0.steps.0: the tests step has no 'buggy': give at least one buggy implementation, by name: { keeps-upper-case: { python: { ... } } }",
    ]);
  });

  it('says in words what it runs and expects', () => {
    assert.deepStrictEqual(describeStep(step(STEP), { test: 'pytest -q' }, { healthPath: '/health' }), {
      sent: 'your tests (`pytest -q`) on copies of the exercise folder: with the correct implementation, then with each of 3 buggy ones (keeps-upper-case, keeps-spaces, python-only)',
      expected: 'they pass on the correct implementation and fail on each buggy one',
    });
  });
});
