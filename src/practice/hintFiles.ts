/** Reads roadmap/hints/<idea>.yaml with every problem at file:line:column (CLI and build only: YAML). */
import type { ProjectIdea } from '../roadmap/model';
import type { Problem } from '../roadmap/problems';
import { readIdeaFiles } from '../verify/files';
import { parseIdeaHints, type IdeaHints } from './hints';

/** Reads every hints file of a folder; `stacksOf` gives the stacks an idea has starters for. */
export function readHintFiles(dir: string, ideas: ProjectIdea[], stacksOf: (ideaId: string) => string[], display: (f: string) => string = (f) => f): { hints: Record<string, IdeaHints>; problems: Problem[] } {
  const { values, problems } = readIdeaFiles(dir, ideas, display, (value, idea) => {
    const result = parseIdeaHints(value, idea.id, { milestoneIds: idea.milestones.map((m) => m.id), stacks: stacksOf(idea.id) });
    return { value: result.hints, problems: result.problems };
  });
  return { hints: values, problems };
}
