/**
 * Runs an exercise folder's checks: reads its manifest (starter.json with `exercise`), finds the
 * exercise, and hands it to the project runner as a project idea of one milestone, so an exercise
 * reports, installs, builds and starts a server exactly as a project does. Pure Node, no `vscode`.
 */
import { readProjectManifest, verifyProject, VerifyError, type VerifyEvent, type VerifyReport } from '../verify/runner';
import { asIdea, type Exercise } from './model';

export interface ExerciseRunOptions {
  dir: string;
  exercises: Record<string, Exercise>;
  install?: boolean;
  build?: boolean;
  baseEnv?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onEvent?: (e: VerifyEvent) => void;
}

/** The exercise a folder holds, by its manifest; a VerifyError says why when it holds none. */
export function exerciseOf(dir: string, exercises: Record<string, Exercise>): { exercise: Exercise; stack: string } {
  const manifest = readProjectManifest(dir);
  if (!manifest.exercise) throw new VerifyError(`${dir} holds a project ('${manifest.idea}'), not an exercise: verify it with "Roadmap: Verify Project"`);
  const exercise = exercises[manifest.exercise];
  if (!exercise) throw new VerifyError(`${dir}: '${manifest.exercise}' has no exercise (exercises exist for ${Object.keys(exercises).length} topics; "Roadmap: Start Exercise" lists them)`);
  return { exercise, stack: manifest.stack };
}

export async function checkExercise(options: ExerciseRunOptions): Promise<VerifyReport> {
  const { exercise } = exerciseOf(options.dir, options.exercises);
  const { idea, checks } = asIdea(exercise);
  return verifyProject({ projectDir: options.dir, checks, milestones: idea.milestones, install: options.install, build: options.build ?? true, baseEnv: options.baseEnv, signal: options.signal, onEvent: options.onEvent, healthTimeoutMs: 30_000 });
}
