/** The built-in roadmap's milestone checks and hints, read from their YAML for `lint` and `compile`. */
import * as path from 'path';
import type { IdeaHints } from '../practice/hints';
import type { ProjectIdea } from '../roadmap/model';
import type { Problem } from '../roadmap/problems';
import { readHintFiles } from '../practice/hintFiles';
import { readCheckFiles } from '../verify/files';
import { checksRoot, hintsRoot, starterStacks } from './content';
import { display } from './io';

export function readPracticeContent(ideas: ProjectIdea[]): { checks: Record<string, unknown>; hints: Record<string, IdeaHints>; problems: Problem[] } {
  const checks = readCheckFiles(checksRoot(), ideas, display);
  const hints = readHintFiles(hintsRoot(), ideas, starterStacks, display);
  const problems = [...checks.problems, ...hints.problems];
  // A learner stuck on a checked milestone always has hints to open.
  for (const id of Object.keys(checks.checks)) {
    if (!(id in hints.hints) && !hints.problems.some((p) => p.file.endsWith(`${id}.yaml`))) {
      problems.push({ file: display(path.join(hintsRoot(), `${id}.yaml`)), line: 1, column: 1, message: `'${id}' has milestone checks but no hints file: add two or three hints per milestone and stack (see roadmap/AUTHORING.md)` });
    }
  }
  return { checks: checks.raw, hints: hints.hints, problems };
}
