/**
 * Milestone checks as data (roadmap/verify/<idea>.yaml): their types and a parser that turns a
 * plain value into checked steps, or says what is wrong and where. The file's own shape is read
 * here; each step's shape by its kind (steps/). Pure: no `vscode`, no YAML.
 */
import { isMapping, type Fields } from '../roadmap/fields';
import { Parser, type CheckProblem } from './parser';
import { parseRules, type NumericRule } from './rules';
import { parseStep, type Step } from './steps';
import { parseUpstreams, type UpstreamsSpec } from './upstreams';
import { parseStatementLog } from './statementLog';

export type { CheckProblem } from './parser';
export type { NumericRule } from './rules';
export type { Step, StepKindName } from './steps';
export { METHODS, type Method, type RequestSpec } from './steps/requestSpec';
export type { Expectation } from './steps/request';

export interface Check {
  name: string;
  steps: Step[];
}

export interface IdeaChecks {
  idea: string;
  /** Extra environment for the server while it is verified. */
  env: Record<string, string>;
  /** Milestone id to its checks, in file order. */
  milestones: Record<string, Check[]>;
  /** Milestone id to its numeric rules and the checks on both sides of each (rules.ts). */
  rules: Record<string, NumericRule[]>;
  /** Upstream services the runner starts before the server (upstreams.ts); absent when the file has none. */
  upstreams?: UpstreamsSpec;
  /** The runner counts the SQL statements the server sends through DATABASE_URL (statementLog.ts). */
  statementLog?: boolean;
}

/**
 * Checks a parsed check file. `milestoneIds` are the idea's milestones from the roadmap, in order:
 * every check must name one of them and every one of them needs at least one check. With the
 * milestones' `descriptions`, every numeric limit they state needs a rule (rules.ts).
 */
export function parseIdeaChecks(raw: unknown, milestoneIds?: readonly string[], descriptions?: Record<string, string>): { checks?: IdeaChecks; problems: CheckProblem[] } {
  if (!isMapping(raw)) return { problems: [{ path: [], message: 'a check file must be a mapping with idea, env and milestones' }] };
  const p = new Parser();
  p.track(raw, []);
  const file = 'the check file';
  p.knownKeys(raw, ['idea', 'env', 'upstreams', 'statementLog', 'milestones', 'rules'], file);
  const idea = p.string(raw, 'idea', file, 'add the id of the project idea it checks');
  const env = p.textMapping(raw, 'env', file);
  if (env && 'PORT' in env) p.fail(raw.env as Fields, 'PORT', 'PORT is chosen by the runner; leave it out');
  const upstreams = parseUpstreams(p, raw);
  const statementLog = parseStatementLog(p, raw);
  const milestones: Record<string, Check[]> = {};
  const written = p.mappingOf(raw, 'milestones', file, 'milestone ids to lists of checks', 'add a list of checks for each milestone');
  if (written) {
    for (const id of Object.keys(written)) {
      if (milestoneIds && !milestoneIds.includes(id)) p.sink.key(written, id, `'${id}' is not a milestone of ${idea ?? 'this idea'} (its milestones: ${milestoneIds.join(', ')})`);
      const list = p.list(written, id, 'milestones', 'checks');
      if (list?.length === 0) p.fail(written, id, `milestone '${id}' needs at least one check`);
      if (list?.length) milestones[id] = parseChecks(p, list, `of '${id}'`);
    }
    for (const id of milestoneIds ?? []) if (!(id in written)) p.fail(written, undefined, `milestone '${id}' has no checks`);
  }
  const names = Object.fromEntries(Object.entries(milestones).map(([id, list]) => [id, new Set(list.map((c) => c.name))]));
  const rules = parseRules(p, raw, names, descriptions);
  if (p.problems.length || !idea || !env) return { problems: p.problems };
  // File order may differ from the roadmap's: keep the roadmap's.
  const ordered = milestoneIds ? Object.fromEntries(milestoneIds.filter((id) => id in milestones).map((id) => [id, milestones[id]])) : milestones;
  return { checks: { idea, env, milestones: ordered, rules, ...(upstreams && { upstreams }), ...(statementLog && { statementLog }) }, problems: [] };
}

/** A list of checks (a milestone's: `of` names it); only those read without a problem. */
export function parseChecks(p: Parser, list: unknown[], of?: string): Check[] {
  const checks: Check[] = [];
  const names = new Set<string>();
  for (const [c, i] of p.mappings(list, 'a check must be a mapping with name and steps')) {
    const what = `check ${i + 1}${of ? ` ${of}` : ''}`;
    p.knownKeys(c, ['name', 'steps'], what);
    const name = p.string(c, 'name', what, 'add a name that says what the check shows');
    if (name && names.has(name)) p.fail(c, 'name', `two checks${of ? ` ${of}` : ''} are both named '${name}'`);
    if (name) names.add(name);
    const written = p.list(c, 'steps', what, 'steps', 'add the steps the check runs');
    if (written?.length === 0) p.fail(c, 'steps', `${what} needs at least one step`);
    if (!written?.length) continue;
    const steps = written.map((s, j) => parseStep(p, s, p.pathOf(written, j)));
    if (name && steps.every((s): s is Step => s !== undefined)) checks.push({ name, steps });
  }
  return checks;
}
