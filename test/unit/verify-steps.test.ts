import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { parseIdeaChecks } from '../../src/verify/checks';
import { Parser } from '../../src/verify/parser';
import { runToEnd } from '../../src/verify/processes';
import { describeStep, parseStep, STEP_KINDS, STEPS } from '../../src/verify/steps';

const root = path.resolve(__dirname, '../../..');
const stepsDir = path.join(root, 'src', 'verify', 'steps');

/** Every .ts file under a folder, as [path relative to the repository, text]. */
function sources(dir: string): [string, string][] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e): [string, string][] => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sources(file);
    return e.name.endsWith('.ts') ? [[path.relative(root, file), fs.readFileSync(file, 'utf8')]] : [];
  });
}

/** The step kinds roadmap/verify/README.md documents (### headings under "## Steps"), each with its first YAML example. */
function documentedKinds(): Map<string, string> {
  const guide = fs.readFileSync(path.join(root, 'roadmap', 'verify', 'README.md'), 'utf8');
  const steps = guide.slice(guide.indexOf('\n## Steps'));
  const out = new Map<string, string>();
  for (const section of steps.split(/\n### /).slice(1)) {
    const kind = /^([a-z]+)\b/.exec(section)?.[1];
    if (!kind) continue;
    out.set(kind, /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '');
  }
  return out;
}

describe('verify: one file and one table row per step kind', () => {
  it('the table holds exactly the kinds the check-file guide documents', () => {
    assert.deepStrictEqual(Object.keys(STEPS), [...documentedKinds().keys()]);
    assert.deepStrictEqual(STEP_KINDS, Object.keys(STEPS));
  });

  it('every kind lives in its own file under steps/, named for it, and is in the table', () => {
    const defined = sources(stepsDir).flatMap(([file, text]) => [...text.matchAll(/export const (\w+): StepKind</g)].map((m) => ({ file: path.basename(file), kind: m[1] })));
    assert.deepStrictEqual(defined.map((d) => d.kind).sort(), Object.keys(STEPS).sort(), 'a step kind defined under steps/ is missing from the table, or a row has no file');
    for (const d of defined) assert.strictEqual(d.file, `${d.kind}.ts`, `${d.kind} is defined in ${d.file}`);
    for (const [kind, def] of Object.entries(STEPS)) {
      for (const part of ['parse', 'describe', 'run'] as const) assert.strictEqual(typeof def[part], 'function', `${kind} has ${part}`);
    }
  });

  it("parses each documented example into a step of the kind its table key names, and describes it in words", () => {
    for (const [kind, example] of documentedKinds()) {
      const [value] = parse(example) as unknown[];
      const p = new Parser();
      const step = parseStep(p, value, ['step']);
      assert.deepStrictEqual(p.problems, [], `the ${kind} example in roadmap/verify/README.md is valid`);
      assert.strictEqual(step?.kind, kind);
      const { sent, expected } = describeStep(step!, { unique: 'u1', port: '1' }, { healthPath: '/health' });
      assert.ok(sent.length > 0 && expected.length > 0, `${kind} says what it sends and expects: ${sent} / ${expected}`);
    }
  });

  it('nothing in src/ outside steps/ asks which kind a step is', () => {
    const kinds = Object.keys(STEPS).join('|');
    const switchOnKind = new RegExp(`case '(${kinds})'|kind [!=]== '(${kinds})'`);
    const offenders = sources(path.join(root, 'src'))
      .filter(([file]) => !file.startsWith(path.join('src', 'verify', 'steps') + path.sep))
      .filter(([, text]) => switchOnKind.test(text))
      .map(([file]) => file);
    assert.deepStrictEqual(offenders, []);
  });

  it('names the known kinds when a step has an unknown one', () => {
    const r = parseIdeaChecks({ idea: 'x', milestones: { a: [{ name: 'one', steps: [{ fetch: { path: '/' } }, 'request'] }] } }, ['a']);
    const got = r.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    const known = Object.keys(STEPS).join(', ');
    assert.deepStrictEqual(got, [`milestones.a.0.steps.0: a step needs one of: ${known}`, `milestones.a.0.steps.1: a step must be a map with one of: ${known}`]);
    assert.ok(known.split(', ').length >= 6 && known.includes('shutdown'), known);
  });
});

/** True while the process exists and is not a zombie (an init that reaps late leaves killed orphans as zombies for a while). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    if (fs.existsSync('/proc/self')) return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('verify: child processes', () => {
  it('only processes.ts starts or kills a process in src/verify/', () => {
    const offenders = sources(path.join(root, 'src', 'verify'))
      .filter(([file]) => path.basename(file) !== 'processes.ts')
      .filter(([, text]) => /from '(node:)?child_process'|process\.kill\(/.test(text))
      .map(([file]) => file);
    assert.deepStrictEqual(offenders, []);
  });

  it('runs a command to its end and kills what it left running', async function () {
    this.timeout(10_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-processes-test-'));
    try {
      const output: string[] = [];
      const r = await runToEnd('sleep 30 >/dev/null 2>&1 & echo $! > left.pid; echo done; exit 2', { cwd: dir, env: { PATH: process.env.PATH }, onOutput: (t) => output.push(t) });
      assert.strictEqual(r.code, 2);
      assert.strictEqual(r.tail.split('\n')[0], '    | done');
      assert.strictEqual(output.join(''), 'done\n');
      const pid = Number(fs.readFileSync(path.join(dir, 'left.pid'), 'utf8'));
      assert.strictEqual(running(pid), false, 'the background sleep is gone once the command has ended');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
