/**
 * The honesty kit of an exercise (test/fixtures/exercises/<topic>.yaml): the reference solution of
 * each stack and the named wrong solutions, each with the one check it must fail. Pure: no YAML.
 */
import { isMapping, type Fields } from '../roadmap/fields';
import { ID_PATTERN } from '../roadmap/model';
import { Parser, type CheckProblem } from '../verify/parser';
import { safeRelative, type Exercise } from './model';

export interface Variant {
  files: Record<string, string>;
  commands: string[];
}

export interface WrongSolution extends Variant {
  id: string;
  why: string;
  stack: string;
  /** The name of the one check it must fail. */
  fails: string;
}

export interface ExerciseKit {
  reference: Record<string, Variant>;
  wrong: WrongSolution[];
}

function variant(p: Parser, o: Fields, what: string): Variant | undefined {
  const files = o.files === undefined ? {} : p.textMapping(o, 'files', what);
  for (const f of Object.keys(files ?? {})) if (!safeRelative(f)) p.sink.key(o.files as Fields, f, `'${f}' must be a relative path inside the exercise folder`);
  const commands = p.strings(o, 'commands', what);
  if (files && Object.keys(files).length === 0 && commands.length === 0) p.fail(o, undefined, `${what} changes nothing: give it files or commands`);
  return files ? { files, commands } : undefined;
}

/** Checks a kit against its exercise: a reference for every stack, wrong solutions that name real checks. */
export function parseKit(raw: unknown, exercise: Exercise): { kit?: ExerciseKit; problems: CheckProblem[] } {
  if (!isMapping(raw)) return { problems: [{ path: [], message: 'a kit must be a mapping with reference and wrong' }] };
  const p = new Parser();
  p.track(raw, []);
  p.knownKeys(raw, ['reference', 'wrong'], 'the kit');
  const stacks = Object.keys(exercise.stacks);
  const checkNames = exercise.checks.map((c) => c.name);
  const reference: Record<string, Variant> = {};
  const written = p.mappingOf(raw, 'reference', 'the kit', 'stacks to their solution', `add a reference for each stack (${stacks.join(', ')})`);
  for (const stack of stacks) if (written && !(stack in written)) p.fail(written, undefined, `the reference has no '${stack}' stack`);
  for (const stack of Object.keys(written ?? {})) {
    if (!stacks.includes(stack)) p.sink.key(written!, stack, `'${stack}' is not a stack of the exercise (${stacks.join(', ')})`);
    const body = p.mapping(written!, stack, 'the reference', ['files', 'commands']);
    const v = body && variant(p, body, `the ${stack} reference`);
    if (v) reference[stack] = v;
  }
  const wrong: WrongSolution[] = [];
  const list = p.list(raw, 'wrong', 'the kit', 'wrong solutions', 'add at least two wrong solutions, each a mistake a learner makes');
  if (list && list.length < 2) p.fail(raw, 'wrong', 'add at least two wrong solutions');
  const ids = new Set<string>();
  for (const [w, i] of p.mappings(list ?? [], 'a wrong solution must be a mapping with id, why, stack, fails and files')) {
    const what = `wrong solution ${i + 1}`;
    p.knownKeys(w, ['id', 'why', 'stack', 'fails', 'files', 'commands'], what);
    const id = p.string(w, 'id', what, 'add a kebab-case id');
    if (id && (!ID_PATTERN.test(id) || ids.has(id))) p.fail(w, 'id', ids.has(id) ? `'${id}' is used twice` : `'${id}' must be kebab-case`);
    if (id) ids.add(id);
    const why = p.string(w, 'why', what, 'add one sentence: the mistake and why a learner makes it');
    const stack = p.string(w, 'stack', what, `add the stack it is written in (${stacks.join(', ')})`);
    if (stack && !stacks.includes(stack)) p.fail(w, 'stack', `'${stack}' is not a stack of the exercise (${stacks.join(', ')})`);
    const fails = p.string(w, 'fails', what, 'add the name of the one check it must fail');
    if (fails && !checkNames.includes(fails)) p.fail(w, 'fails', `'${fails}' is not a check of the exercise (${checkNames.map((n) => `'${n}'`).join(', ')})`);
    const v = variant(p, w, what);
    if (id && why && stack && fails && v) wrong.push({ id, why, stack, fails, ...v });
  }
  if (p.problems.length) return { problems: p.problems };
  return { kit: { reference, wrong }, problems: [] };
}
