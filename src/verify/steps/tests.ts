/**
 * `tests`: judges the learner's tests rather than their code. The learner's test command runs on
 * copies of the exercise folder, each with an implementation of the check laid over it (for the
 * learner's stack, `{{stack}}`): on the correct one the tests must pass (exit 0), on each buggy one
 * they must fail. Every run has a fresh temporary copy (node_modules, .venv and target are linked,
 * not copied; built output such as dist is copied), removed after it; nothing is written to the
 * exercise folder itself, and an implementation's paths stay inside its copy (inside.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fill, type Vars } from '../match';
import type { Fields } from '../../roadmap/fields';
import { wholeNumber, type Parser } from '../parser';
import type { Outcome, StepKind, StepSession } from './kind';
import { ending, lastLines, runLearnerCommand } from './command';
import { outsideReason, resolveInside } from './inside';

/** Stack to the files (path to text) laid over the copy. */
export type Implementation = Record<string, Record<string, string>>;

export interface TestsStep {
  kind: 'tests';
  command: string;
  correct: Implementation;
  buggy: Record<string, Implementation>;
  timeoutMs: number;
}

/** Folders of installed dependencies: linked into each copy, since copying them is slow and they are not the learner's code. */
const LINKED = new Set(['node_modules', '.venv', 'target']);
const DEFAULT_TIMEOUT_MS = 30_000;

/** Reads an implementation: a mapping of stacks, each a mapping of paths inside the folder to their text. */
function parseImplementation(p: Parser, owner: Fields, key: string, what: string): Implementation | undefined {
  const stacks = p.mappingOf(owner, key, what, 'stacks to files (a mapping of paths to their text)', `give the files per stack, such as { python: { "slugify.py": "..." } }`);
  if (!stacks) return undefined;
  const out: Implementation = {};
  const at = `'${key}' of ${what}`;
  if (Object.keys(stacks).length === 0) p.fail(owner, key, `${at} is empty: give the files of at least one stack`);
  for (const stack of Object.keys(stacks)) {
    const files = p.textMapping(stacks, stack, at);
    if (!files) continue;
    if (Object.keys(files).length === 0) p.fail(stacks, stack, `the stack '${stack}' of ${at} has no files: give { "path": "text" }`);
    for (const rel of Object.keys(files)) {
      const why = outsideReason(rel);
      if (why) p.sink.key(stacks[stack] as Fields, rel, `the path '${rel}' ${why}`);
    }
    out[stack] = files;
  }
  return out;
}

/** Copies the folder `from` to `to`: files, folders and symbolic links as they are, dependency folders linked. */
function copyFolder(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory() && LINKED.has(e.name)) fs.symlinkSync(src, dst, process.platform === 'win32' ? 'junction' : 'dir');
    else if (e.isDirectory()) copyFolder(src, dst);
    else if (e.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(src), dst);
    else if (e.isFile()) fs.copyFileSync(src, dst, fs.constants.COPYFILE_FICLONE);
    // Sockets and pipes are left out: they are not part of a project.
  }
}

/** Runs the tests once on a copy with `files` laid over it; the copy is removed after. */
async function runOn(step: TestsStep, files: Record<string, string>, vars: Vars, session: StepSession): Promise<{ exit: number | null; about: string; refused?: string }> {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-tests-'));
  try {
    const dir = path.join(copy, 'exercise');
    copyFolder(session.dir, dir);
    for (const [rel, text] of Object.entries(files)) {
      const where = resolveInside(dir, rel);
      if ('refused' in where) return { exit: null, about: '', refused: where.refused };
      fs.mkdirSync(path.dirname(where.file), { recursive: true });
      fs.rmSync(where.file, { force: true });
      fs.writeFileSync(where.file, text);
    }
    const r = await runLearnerCommand(fill(step.command, vars), { dir, env: session.env, timeoutMs: step.timeoutMs }, session);
    const exit = r.error || r.timedOut ? null : r.code;
    return { exit, about: `${ending(r, step.timeoutMs)}; output:\n${lastLines(r.output)}` };
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

export const tests: StepKind<TestsStep> = {
  parse(p, step) {
    const before = p.problems.length;
    const what = 'the tests step';
    p.knownKeys(step, ['tests', 'correct', 'buggy', 'timeoutMs'], what);
    const command = p.string(step, 'tests', what, 'give the command that runs the learner\'s tests, such as "{{test}}"');
    const correct = parseImplementation(p, step, 'correct', what);
    const buggyMap = p.mappingOf(step, 'buggy', what, 'names to implementations', 'give at least one buggy implementation, by name: { keeps-upper-case: { python: { ... } } }');
    const buggy: Record<string, Implementation> = {};
    if (buggyMap) {
      if (Object.keys(buggyMap).length === 0) p.fail(step, 'buggy', `'buggy' of ${what} is empty: give at least one buggy implementation, by name`);
      for (const name of Object.keys(buggyMap)) {
        const impl = parseImplementation(p, buggyMap, name, `'buggy' of ${what}`);
        if (impl) buggy[name] = impl;
      }
    }
    const timeoutMs = p.numberOr(step, 'timeoutMs', what, wholeNumber(100, 300_000), DEFAULT_TIMEOUT_MS);
    if (command === undefined || !correct || !buggyMap || timeoutMs === undefined || p.problems.length > before) return undefined;
    return { kind: 'tests', command, correct, buggy, timeoutMs };
  },

  describe(step, vars) {
    let command = step.command;
    try {
      command = fill(step.command, vars);
    } catch {
      // As written.
    }
    const names = Object.keys(step.buggy);
    return {
      sent: `your tests (\`${command}\`) on copies of the exercise folder: with the correct implementation, then with each of ${names.length} buggy one${names.length === 1 ? '' : 's'} (${names.join(', ')})`,
      expected: 'they pass on the correct implementation and fail on each buggy one',
    };
  },

  async run(step, vars, session): Promise<Outcome> {
    const stack = vars.stack;
    if (!stack) return { ok: false, got: 'no stack is chosen ({{stack}} is not set), so there is no implementation to test with' };
    const correct = step.correct[stack];
    if (!correct) return { ok: false, got: `the check has no correct implementation for the stack '${stack}' (it has: ${Object.keys(step.correct).join(', ')})` };
    const buggy = Object.entries(step.buggy).filter(([, impl]) => impl[stack]);
    if (buggy.length === 0) return { ok: false, got: `the check has no buggy implementation for the stack '${stack}'` };
    const first = await runOn(step, correct, vars, session);
    if (first.refused) return { ok: false, got: first.refused };
    if (first.exit !== 0) return { ok: false, got: `your tests fail on the correct implementation: ${first.about}` };
    for (const [name, impl] of buggy) {
      session.throwIfCancelled();
      const r = await runOn(step, impl[stack], vars, session);
      if (r.refused) return { ok: false, got: r.refused };
      if (r.exit === 0) return { ok: false, got: `your tests pass on the buggy implementation '${name}': add a test that catches it; ${r.about}` };
      if (r.exit === null) return { ok: false, got: `your tests on the buggy implementation '${name}' ${r.about}` };
    }
    const skipped = Object.keys(step.buggy).length - buggy.length;
    return { ok: true, got: `your tests pass on the correct implementation and fail on ${buggy.length === 1 ? 'the' : `all ${buggy.length}`} buggy one${buggy.length === 1 ? '' : 's'} (${buggy.map(([n]) => n).join(', ')})${skipped ? `; ${skipped} buggy one${skipped === 1 ? ' has' : 's have'} no ${stack} version` : ''}` };
  },
};
