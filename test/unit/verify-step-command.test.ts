/**
 * The command step: a real `sh` in a temporary exercise folder, with its exit code, outputs, stdin,
 * time limit, cancelling, and the process group it leaves nothing of.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeStep, runStep } from '../../src/verify/steps';
import { realSession, parsedStep as step, stepProblems as problems } from './helpers/stepSession';

/** Whether a process still runs; a zombie (killed, not yet reaped by a container's init) does not. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('verify: the command step', function () {
  this.timeout(20_000);
  let dir: string;
  const session = (extra: { cancelled?: { now: boolean }; env?: NodeJS.ProcessEnv } = {}) => realSession(0, { dir, env: extra.env ?? { PATH: process.env.PATH, GREETING: 'hi' }, cancelled: extra.cancelled });
  const run = (value: unknown, vars: Record<string, string> = {}) => runStep(step(value), vars, session());

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-command-step-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes on the exit code and the whole stdout, trailing spaces and final newlines dropped', async () => {
    const r = await run({ command: "printf '5  \\n\\n'", expect: { exit: 0, stdout: '5' } });
    assert.strictEqual(r.ok, true, r.got);
    assert.match(r.got, /^exit 0 after \d+ ms; stdout "5"$/);
    const wrong = await run({ command: 'echo 6', expect: { stdout: '5' } });
    assert.strictEqual(wrong.ok, false);
    assert.match(wrong.got, /^`echo 6`: stdout is "6", expected "5"; exit 0 after \d+ ms; output:\n {4}\| 6$/);
  });

  it('fills templates in the command and the expected output, and runs in the folder with the environment', async () => {
    fs.writeFileSync(path.join(dir, 'add.sh'), 'echo $(($1 + $2))\n');
    assert.strictEqual((await run({ command: '{{run}} 2 3', expect: { stdout: '{{sum}}' } }, { run: 'sh add.sh', sum: '5' })).ok, true);
    const r = await run({ command: 'pwd; echo "$GREETING"', expect: { stdout: { lines: 2, contains: ['hi'] } } });
    assert.strictEqual(r.ok, true, r.got);
    assert.strictEqual((await run({ command: 'pwd', expect: { stdout: fs.realpathSync(dir) } })).ok, true);
    await assert.rejects(run({ command: 'echo {{nope}}' }), /unknown variable \{\{nope\}\}/);
  });

  it('writes stdin then closes it; without stdin, the command reads an end at once', async () => {
    assert.strictEqual((await run({ command: 'tr a-z A-Z', stdin: 'hello\nworld\n', expect: { stdout: 'HELLO\nWORLD' } })).ok, true);
    const r = await run({ command: 'cat; echo end', timeoutMs: 2000, expect: { stdout: 'end' } });
    assert.strictEqual(r.ok, true, r.got);
  });

  it('judges "nonzero", a given code, and shows the last 20 lines of output on a failure', async () => {
    assert.strictEqual((await run({ command: 'exit 3', expect: { exit: 'nonzero' } })).ok, true);
    assert.strictEqual((await run({ command: 'exit 3', expect: { exit: 3 } })).ok, true);
    const zero = await run({ command: 'true', expect: { exit: 'nonzero' } });
    assert.strictEqual(zero.ok, false);
    assert.match(zero.got, /exit 0, expected a non-zero exit code/);
    const r = await run({ command: 'seq 1 50; echo oops >&2; exit 1' });
    assert.strictEqual(r.ok, false);
    assert.match(r.got, /^`seq 1 50; echo oops >&2; exit 1`: exit 1, expected 0; exit 1 after \d+ ms; output:\n {4}\(last 20 of 51 lines\)\n {4}\| 32\n/);
    assert.ok(r.got.endsWith('    | 50\n    | oops'), r.got);
    assert.ok(!r.got.includes('| 31\n'), r.got);
  });

  it('checks stdout and stderr by contains, notContains, matches, lines and a JSON shape', async () => {
    const json = `echo '{"total": 5, "items": [1, 2]}'`;
    assert.strictEqual((await run({ command: json, expect: { stdout: { json: { total: 5, items: '<array>' }, matches: '^\\{"total"' } } })).ok, true);
    const shape = await run({ command: json, expect: { stdout: { json: { total: 6 } } } });
    assert.match(shape.got, /stdout\.total: expected 6, got 5/);
    const notJson = await run({ command: 'echo hello', expect: { stdout: { json: { total: 5 } } } });
    assert.match(notJson.got, /stdout is not JSON \(Unexpected token .*\): "hello";/);
    const err = await run({ command: 'echo "usage: add A B" >&2; exit 2', expect: { exit: 2, stderr: { contains: ['usage'], notContains: ['Traceback'] }, stdout: '' } });
    assert.strictEqual(err.ok, true, err.got);
    const tb = await run({ command: 'echo ok; echo Traceback >&2', expect: { stderr: { notContains: ['Traceback'] } } });
    assert.match(tb.got, /stderr contains "Traceback" \(line 1\)/);
    const lines = await run({ command: 'seq 1 3', expect: { stdout: { lines: 2 } } });
    assert.match(lines.got, /stdout has 3 lines, expected 2/);
    const re = await run({ command: 'echo abc', expect: { stdout: { matches: '^\\d+$' } } });
    assert.match(re.got, /stdout does not match \/\^\\d\+\$\/m/);
  });

  it('fails a command that outlasts timeoutMs, and kills its whole group', async () => {
    const started = performance.now();
    const r = await run({ command: 'sleep 30 & echo $! > child.pid; wait', timeoutMs: 300 });
    assert.ok(performance.now() - started < 3000);
    assert.strictEqual(r.ok, false);
    assert.match(r.got, /: did not finish in 0\.3 s; stopped after \d+ ms; output:/);
    assert.strictEqual(running(Number(fs.readFileSync(path.join(dir, 'child.pid'), 'utf8'))), false);
  });

  it('kills what a finished command left in the background', async () => {
    const r = await run({ command: 'sleep 30 >/dev/null 2>&1 & echo $! > child.pid; echo done', expect: { stdout: 'done' } });
    assert.strictEqual(r.ok, true, r.got);
    assert.strictEqual(running(Number(fs.readFileSync(path.join(dir, 'child.pid'), 'utf8'))), false);
  });

  it('stops at once when the run is cancelled, leaving nothing running', async () => {
    const cancelled = { now: false };
    setTimeout(() => (cancelled.now = true), 200);
    const started = performance.now();
    await assert.rejects(runStep(step({ command: 'echo $$ > leader.pid; sleep 30' }), {}, session({ cancelled })), /cancelled/);
    assert.ok(performance.now() - started < 3000);
    assert.strictEqual(running(Number(fs.readFileSync(path.join(dir, 'leader.pid'), 'utf8'))), false);
  });

  it('fails a command slower than withinMs', async () => {
    const r = await run({ command: 'sleep 0.3', expect: { withinMs: 100 } });
    assert.strictEqual(r.ok, false);
    assert.match(r.got, /took \d+ ms, expected at most 100 ms/);
    assert.strictEqual((await run({ command: 'true', expect: { withinMs: 2000 } })).ok, true);
  });

  it('keeps 1 MB of each stream and says it cut the output', async () => {
    const r = await run({ command: "head -c 3000000 /dev/zero | tr '\\0' a", expect: { stdout: { notContains: ['b'] } } });
    assert.strictEqual(r.ok, true, r.got);
    assert.match(r.got, /\(output cut at 1 MB\)$/);
  });

  it('says that a missing program could not be found', async () => {
    const r = await run({ command: 'no-such-program-here --version' });
    assert.strictEqual(r.ok, false);
    assert.match(r.got, /exit 127, expected 0.*\n.*not found/s);
  });

  it('says in words what it runs and expects', () => {
    const d = describeStep(step({ command: '{{run}} add 2 3', stdin: 'x', timeoutMs: 2000, expect: { exit: 'nonzero', stdout: { contains: ['5'] }, withinMs: 500 } }), { run: 'python app.py' }, { healthPath: '/health' });
    assert.deepStrictEqual(d, { sent: 'the command `python app.py add 2 3` in the exercise folder, with "x" on stdin (at most 2 s)', expected: 'a non-zero exit code, stdout containing "5", done within 500 ms' });
    assert.strictEqual(describeStep(step({ command: 'true' }), {}, { healthPath: '/health' }).expected, 'exit code 0');
  });

  it('refuses a wrong step at the path of each mistake', () => {
    assert.deepStrictEqual(problems({ command: '' }), ["milestones.a.0.steps.0.command: the command step has no 'command': give the command line to run, such as \"{{run}} add 2 3\""]);
    const got = problems({ command: 'x', timeoutMs: 50, stdn: 'a', expect: { exit: 'sometimes', stdout: 5, stderr: { matches: '(' , has: 1 }, withinMs: 0 } });
    assert.deepStrictEqual(got, [
      "milestones.a.0.steps.0.stdn: unknown key 'stdn' in the command step: did you mean 'stdin'?",
      "milestones.a.0.steps.0.timeoutMs: 'timeoutMs' of the command step must be a whole number from 100 to 60000, not '50'",
      `milestones.a.0.steps.0.expect.exit: 'exit' of 'expect' of the command step must be an exit code from 0 to 255, or "nonzero" for any failure`,
      `milestones.a.0.steps.0.expect.stdout: 'stdout' of 'expect' of the command step must be text: write "5" in quotes`,
      "milestones.a.0.steps.0.expect.stderr.has: unknown key 'has' in 'stderr' of 'expect' of the command step: allowed keys are contains, notContains, matches, json, lines",
      "milestones.a.0.steps.0.expect.stderr.matches: 'matches' of 'stderr' of 'expect' of the command step is not a JavaScript regular expression (Invalid regular expression: /(/m: Unterminated group): put a backslash before a special character meant literally, or fix the pattern",
      "milestones.a.0.steps.0.expect.withinMs: 'withinMs' of 'expect' of the command step must be a whole number from 1 to 60000, not '0'",
    ]);
    assert.deepStrictEqual(problems({ command: 'x', expect: { stdout: {} } }), ["milestones.a.0.steps.0.expect.stdout: 'stdout' of 'expect' of the command step is empty: give contains, notContains, matches, json, lines, or leave it out"]);
  });
});
