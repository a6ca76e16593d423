/**
 * The built-in roadmap's exercises read from their YAML (roadmap/backend/exercises/<topic>.yaml) for
 * `lint` and `compile`, every problem at file:line:column; and the compiled form (dist/exercises.json)
 * the extension reads without YAML, checked again on reading since the file is input.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Problem } from '../roadmap/problems';
import { readKeyedFiles } from '../verify/files';
import { parseExercise, type Exercise } from './model';
import type { ExerciseSummary } from './summary';

export const EXERCISES_JSON = 'exercises.json';
/** The index compiled beside exercises.json. */
export function exerciseIndex(exercises: Record<string, Exercise>): Record<string, ExerciseSummary> {
  return Object.fromEntries(Object.entries(exercises).map(([topic, e]) => [topic, { title: e.title, stacks: Object.keys(e.stacks) }]));
}

/** Every exercise of `dir`, by topic, with the source form to compile and every problem. */
export function readExerciseFiles(dir: string, nodeIds: ReadonlySet<string>, display: (f: string) => string): { exercises: Record<string, Exercise>; raw: Record<string, unknown>; problems: Problem[] } {
  const read = readKeyedFiles(dir, display, (raw, topic) => {
    const { exercise, problems } = parseExercise(raw, topic, nodeIds);
    return { value: exercise, problems };
  });
  return { exercises: read.values, raw: read.raw, problems: read.problems };
}

/** The compiled exercises by topic; none when the file is missing (a roadmap without exercises). */
export function loadCompiledExercises(distDir: string): Record<string, Exercise> {
  const file = path.join(distDir, EXERCISES_JSON);
  if (!fs.existsSync(file)) return {};
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const out: Record<string, Exercise> = {};
  for (const [topic, value] of Object.entries(raw)) {
    const { exercise, problems } = parseExercise(value, topic);
    if (!exercise) throw new Error(`${EXERCISES_JSON}: the exercise of '${topic}' is invalid: ${problems.slice(0, 3).map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`);
    out[topic] = exercise;
  }
  return out;
}
