/** The built-in exercises and their honesty kits, read from YAML for `lint`, `compile` and `exercise honesty`. */
import * as fs from 'fs';
import * as path from 'path';
import { readExerciseFiles } from '../exercise/files';
import { parseKit, type ExerciseKit } from '../exercise/kit';
import type { Exercise } from '../exercise/model';
import type { Problem } from '../roadmap/problems';
import { readYamlFile } from '../verify/files';
import { distDir } from './content';
import { display } from './io';

/** The built-in exercises' sources and kits, beside dist/ in the repository. */
export const exercisesRoot = (): string => path.resolve(distDir, '..', 'roadmap', 'backend', 'exercises');
export const kitsRoot = (): string => path.resolve(distDir, '..', 'test', 'fixtures', 'exercises');

/**
 * Every exercise and its kit, with every problem at file:line:column. Kits are read only where the
 * repository has them (a packaged extension has exercises, not their fixtures).
 */
export function readExerciseContent(nodeIds: ReadonlySet<string>): { exercises: Record<string, Exercise>; raw: Record<string, unknown>; kits: Record<string, ExerciseKit>; problems: Problem[] } {
  const read = readExerciseFiles(exercisesRoot(), nodeIds, display);
  const problems = [...read.problems];
  const kits: Record<string, ExerciseKit> = {};
  const withKits = fs.existsSync(kitsRoot());
  for (const [topic, exercise] of Object.entries(read.exercises)) {
    if (!withKits) break;
    const file = path.join(kitsRoot(), `${topic}.yaml`);
    if (!fs.existsSync(file)) {
      problems.push({ file: display(path.join(exercisesRoot(), `${topic}.yaml`)), line: 1, column: 1, message: `the exercise has no honesty kit: add ${display(file)} with its reference and at least two wrong solutions (roadmap/AUTHORING.md)` });
      continue;
    }
    const kit = readYamlFile(file, display, (raw) => {
      const r = parseKit(raw, exercise);
      return { value: r.kit, problems: r.problems };
    });
    problems.push(...kit.problems);
    if (kit.value) kits[topic] = kit.value;
  }
  if (withKits) {
    for (const name of fs.readdirSync(kitsRoot()).filter((f) => f.endsWith('.yaml'))) {
      const topic = path.basename(name, '.yaml');
      if (!(topic in read.exercises) && !read.problems.some((p) => p.file.endsWith(`/${name}`))) problems.push({ file: display(path.join(kitsRoot(), name)), line: 1, column: 1, message: `'${topic}' has a kit but no exercise (${display(path.join(exercisesRoot(), name))})` });
    }
  }
  return { exercises: read.exercises, raw: read.raw, kits, problems };
}
