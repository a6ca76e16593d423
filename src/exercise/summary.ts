/**
 * Which topics have an exercise (dist/exercise-index.json): read at activation, so it imports
 * nothing but fs; the exercises themselves (dist/exercises.json) are read when one starts.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Which topics have an exercise, with its title and stacks: small enough for activation to read. */
export const EXERCISE_INDEX_JSON = 'exercise-index.json';

export interface ExerciseSummary {
  title: string;
  stacks: string[];
}

/** The compiled index of exercises by topic; empty when there is none. */
export function loadExerciseIndex(distDir: string): Record<string, ExerciseSummary> {
  const file = path.join(distDir, EXERCISE_INDEX_JSON);
  if (!fs.existsSync(file)) return {};
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const out: Record<string, ExerciseSummary> = {};
  for (const [topic, v] of Object.entries(raw)) {
    const e = v as Partial<ExerciseSummary>;
    if (typeof e?.title === 'string' && Array.isArray(e.stacks) && e.stacks.every((s) => typeof s === 'string')) out[topic] = { title: e.title, stacks: e.stacks };
  }
  return out;
}
