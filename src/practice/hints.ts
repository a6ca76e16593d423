/**
 * Progressive hints as data (roadmap/hints/<idea>.yaml): per milestone and stack, two or three in
 * Markdown, opened one at a time: the idea first, then where in the starter to look, then a fragment.
 * Read and checked here with every problem at its path; the build renders them to HTML. Pure: no
 * `vscode`, no YAML.
 */
import { isMapping, type Fields } from '../roadmap/fields';
import { Parser, type CheckProblem } from '../verify/parser';

/** Milestone id to stack to the hints' Markdown, in the order they open. */
export type IdeaHints = Record<string, Record<string, string[]>>;

export const MIN_HINTS = 2;
export const MAX_HINTS = 3;
/** A fragment shows the heart of a fix, never the whole of it. */
export const MAX_FRAGMENT_LINES = 15;

export interface HintRules {
  /** The idea's milestones, in order; every one but the first (which the fresh starter passes) needs hints. */
  milestoneIds: readonly string[];
  /** The stacks the idea has starters for: every milestone needs hints for each. */
  stacks: readonly string[];
}

export function parseIdeaHints(raw: unknown, ideaId: string, rules: HintRules): { hints?: IdeaHints; problems: CheckProblem[] } {
  if (!isMapping(raw)) return { problems: [{ path: [], message: 'a hints file must be a mapping with idea and milestones' }] };
  const p = new Parser();
  p.track(raw, []);
  p.knownKeys(raw, ['idea', 'milestones'], 'the hints file');
  const idea = p.string(raw, 'idea', 'the hints file', 'add the id of the project idea');
  if (idea && idea !== ideaId) p.fail(raw, 'idea', `idea is '${idea}' but the file is named for '${ideaId}'`);
  const written = p.mappingOf(raw, 'milestones', 'the hints file', 'milestone ids to stacks', 'add the hints of each milestone');
  const hints: IdeaHints = {};
  if (written) {
    for (const id of Object.keys(written)) {
      if (!rules.milestoneIds.includes(id)) {
        p.sink.key(written, id, `'${id}' is not a milestone of ${ideaId} (its milestones: ${rules.milestoneIds.join(', ')})`);
        continue;
      }
      const stacks = p.mappingOf(written, id, 'milestones', 'stacks to lists of hints');
      if (stacks) hints[id] = parseStacks(p, id, stacks, rules.stacks);
    }
    for (const id of rules.milestoneIds.slice(1)) if (!(id in written)) p.fail(written, undefined, `milestone '${id}' has no hints: add two or three for each of ${rules.stacks.join(', ')}`);
  }
  return p.problems.length ? { problems: p.problems } : { hints, problems: [] };
}

function parseStacks(p: Parser, milestone: string, stacks: Fields, expected: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const stack of Object.keys(stacks)) {
    if (!expected.includes(stack)) {
      p.sink.key(stacks, stack, `'${stack}' has no starter for this idea (its stacks: ${expected.join(', ')})`);
      continue;
    }
    const what = `the ${stack} hints of '${milestone}'`;
    const list = p.list(stacks, stack, what, 'hints');
    if (!list) continue;
    if (list.length < MIN_HINTS || list.length > MAX_HINTS) p.fail(stacks, stack, `${what}: give ${MIN_HINTS} or ${MAX_HINTS} hints (the idea, where to look, a fragment), not ${list.length}`);
    const texts: string[] = [];
    list.forEach((h, i) => {
      const at = p.pathOf(list, i);
      if (typeof h !== 'string' || !h.trim()) return void p.failAt(at, `hint ${i + 1} of ${what} must be non-empty Markdown text`);
      const longest = longestFence(h);
      if (longest > MAX_FRAGMENT_LINES) p.failAt(at, `hint ${i + 1} of ${what} has a code block of ${longest} lines: a hint shows a fragment of at most ${MAX_FRAGMENT_LINES}, not the solution`);
      if (/<[a-z!/][^>]*>/i.test(h.replace(/```[\s\S]*?```|`[^`\n]*`/g, ''))) p.failAt(at, `hint ${i + 1} of ${what} holds HTML: write Markdown only`);
      texts.push(h.trim());
    });
    out[stack] = texts;
  }
  for (const stack of expected) if (!(stack in stacks)) p.fail(stacks, undefined, `milestone '${milestone}' has no hints for ${stack}`);
  return out;
}

/** The line count of the longest fenced code block. */
function longestFence(markdown: string): number {
  let longest = 0;
  for (const m of markdown.matchAll(/^\s*```[^\n]*\n([\s\S]*?)^\s*```/gm)) longest = Math.max(longest, m[1].split('\n').filter((l) => l.trim()).length);
  return longest;
}
