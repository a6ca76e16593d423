/**
 * Milestone checks as data (roadmap/verify/<idea>.yaml): their types and a parser that turns a
 * plain value into checked steps, or says what is wrong and where. The file's own shape is read
 * here; each step's shape by its kind (steps/). Pure: no `vscode`, no YAML.
 */
import { isObject, Parser, type CheckProblem } from './parser';
import { parseStep, type Step } from './steps';

export type { CheckProblem } from './parser';
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
}

/**
 * Checks a parsed check file. `milestoneIds` are the idea's milestones from the roadmap, in order:
 * every check must name one of them and every one of them needs at least one check.
 */
export function parseIdeaChecks(raw: unknown, milestoneIds?: readonly string[]): { checks?: IdeaChecks; problems: CheckProblem[] } {
  const p = new Parser();
  if (!isObject(raw)) return { problems: [{ path: [], message: 'a check file must be a map with idea, env and milestones' }] };
  p.keys(raw, [], ['idea', 'env', 'milestones']);
  const idea = p.string(raw.idea, ['idea'], 'idea');
  const env = p.stringMap(raw.env, ['env'], 'env');
  if (env && 'PORT' in env) p.fail(['env', 'PORT'], 'PORT is chosen by the runner; leave it out');
  const milestones: Record<string, Check[]> = {};
  if (!isObject(raw.milestones)) p.fail(['milestones'], 'milestones must be a map from milestone id to a list of checks');
  else {
    for (const [id, list] of Object.entries(raw.milestones)) {
      const at = ['milestones', id];
      if (milestoneIds && !milestoneIds.includes(id)) p.fail(at, `'${id}' is not a milestone of ${idea ?? 'this idea'} (its milestones: ${milestoneIds.join(', ')})`, true);
      if (!Array.isArray(list) || list.length === 0) {
        p.fail(at, 'a milestone needs a list of at least one check');
        continue;
      }
      const checks: Check[] = [];
      const names = new Set<string>();
      list.forEach((c, i) => {
        const cat = [...at, i];
        if (!isObject(c)) return p.fail(cat, 'a check must be a map with name and steps');
        p.keys(c, cat, ['name', 'steps']);
        const name = p.string(c.name, [...cat, 'name'], 'name');
        if (name && names.has(name)) p.fail([...cat, 'name'], `two checks of '${id}' are both named '${name}'`);
        if (name) names.add(name);
        if (!Array.isArray(c.steps) || c.steps.length === 0) return p.fail([...cat, 'steps'], 'steps must be a list of at least one step');
        const steps = c.steps.map((s, j) => parseStep(p, s, [...cat, 'steps', j]));
        if (name && steps.every((s): s is Step => s !== undefined)) checks.push({ name, steps });
      });
      milestones[id] = checks;
    }
    for (const id of milestoneIds ?? []) if (!(id in raw.milestones)) p.fail(['milestones'], `milestone '${id}' has no checks`);
  }
  if (p.problems.length || !idea || !env) return { problems: p.problems };
  // File order may differ from the roadmap's: keep the roadmap's.
  const ordered = milestoneIds ? Object.fromEntries(milestoneIds.filter((id) => id in milestones).map((id) => [id, milestones[id]])) : milestones;
  return { checks: { idea, env, milestones: ordered }, problems: [] };
}
