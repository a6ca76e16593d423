/** The verify UI bundle (dist/verifyUi.js): the Testing view's controller, the verify commands and the practice loop. */
import { asIdea, STACK_LABELS } from '../exercise/model';
import { VerifyController, type ExerciseProject, type VerifyDeps } from '../verify/controller';
import { compiledExercises } from './startExercise';

export { VerifyController };
export { verifyOwnProjectCommand, verifyProjectCommand } from '../verify/commands';
export { verifyDeployedCommand } from '../verify/remoteCommand';
export { Practice } from './practice';
export { startExerciseCommand } from './startExercise';

let projects: Record<string, ExerciseProject> | undefined;

/** The Testing view's controller, which also runs the exercise folders of the workspace. */
export function createVerifyController(deps: Omit<VerifyDeps, 'exercises'>): VerifyController {
  const exercises = () => (projects ??= Object.fromEntries(Object.entries(compiledExercises(deps.distDir)).map(([topic, e]) => [topic, { ...asIdea(e), stackLabel: (s: string) => STACK_LABELS[s] ?? s }])));
  return new VerifyController({ ...deps, exercises });
}
