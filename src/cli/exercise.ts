/**
 * `exercise list|start|check|honesty`: the topics' exercises from the command line. `start` writes one
 * into a folder, `check` runs its checks there (as the Testing view does), and `honesty` proves the
 * built-in exercises against their kits in test/fixtures/exercises/ (the repository only).
 */
import * as path from 'path';
import { loadCompiledExercises } from '../exercise/files';
import { proveExercise, type Verdict } from '../exercise/honesty';
import { asIdea, STACK_LABELS, type Exercise } from '../exercise/model';
import { checkExercise, exerciseOf } from '../exercise/run';
import { exerciseFolder, writeExercise } from '../exercise/write';
import { loadCompiledRoadmap } from '../roadmap/load';
import { formatProblem, sortProblems } from '../roadmap/problems';
import { ScaffoldError } from '../scaffold/engine';
import { formatReport } from '../verify/report';
import { VerifyError } from '../verify/runner';
import { UsageError, type Command } from './command';
import { distDir } from './content';
import { exercisesRoot, readExerciseContent } from './exerciseContent';
import { display, writeAtomic, type Io } from './io';
import { printEvents } from './verifyWatch';

const ACTIONS = ['list', 'start', 'check', 'honesty'];


export const exerciseCommand: Command = {
  name: 'exercise',
  summary: 'A topic\'s exercise: `list` them, `start <topic>` writes one into a folder, `check` runs its checks (exit 0 passed, 1 failed, 3 could not run), `honesty` proves the built-in ones against their kits (the starting files fail, the reference passes, each wrong solution fails exactly its check).',
  positionals: [
    { name: 'action', help: 'list, start, check or honesty.' },
    { name: 'topic', optional: true, help: 'The topic (start; honesty: one topic, or --topics).' },
  ],
  options: {
    stack: { type: 'string', value: '<stack>', help: 'start: the stack (ts, python, go, sql...; default: the first the exercise has). honesty: only these stacks, comma-separated.' },
    dir: { type: 'string', value: '<folder>', help: 'start: where to write it (default exercises/<topic>). check: the exercise folder (default .).' },
    install: { type: 'boolean', help: 'check: run the stack\'s install commands first.' },
    topics: { type: 'string', value: '<topic>[,...]', help: 'honesty: these topics (default: every exercise).' },
    runs: { type: 'string', value: '<n>', help: 'honesty: run every variant n times (default 1); the verdict must be the same each time.' },
    report: { type: 'string', value: '<file>', help: 'check, honesty: also write the results as JSON.' },
  },
  async run({ positionals: [action, topic], strings, flags }, io) {
    if (!ACTIONS.includes(action)) throw new UsageError(`unknown action '${action}': use ${ACTIONS.join(', ')}`, 'exercise');
    try {
      if (action === 'honesty') return await honesty(topic ? [topic, ...(strings.topics?.split(',') ?? [])] : strings.topics?.split(',').filter(Boolean), strings, io);
      const exercises = loadCompiledExercises(distDir);
      if (action === 'list') return list(exercises, io);
      if (action === 'start') return start(exercises, topic, strings, io);
      const dir = path.resolve(strings.dir ?? '.');
      const { exercise, stack } = exerciseOf(dir, exercises);
      io.out(`Checking the exercise "${exercise.title}" (${STACK_LABELS[stack] ?? stack}) in ${dir}`);
      const report = await checkExercise({ dir, exercises, install: flags.has('install'), onEvent: printEvents(asIdea(exercise).idea, io) });
      if (strings.report !== undefined) writeAtomic(path.resolve(strings.report), JSON.stringify(report, null, 2));
      io.out('');
      io.out(formatReport(report, false));
      return report.outcome === 'passed' ? 0 : report.outcome === 'could-not-run' ? 3 : 1;
    } catch (err) {
      if (err instanceof VerifyError || err instanceof ScaffoldError) {
        io.err(`exercise ${action}: ${err.message}`);
        return 1;
      }
      throw err;
    }
  },
};

function list(exercises: Record<string, Exercise>, io: Io): number {
  for (const e of Object.values(exercises)) io.out(`${e.topic.padEnd(28)} ${Object.keys(e.stacks).join(',').padEnd(16)} ${e.title}`);
  io.out(`${Object.keys(exercises).length} exercises`);
  return 0;
}

function start(exercises: Record<string, Exercise>, topic: string | undefined, strings: Record<string, string>, io: Io): number {
  if (!topic) throw new UsageError('start needs a topic: exercise start <topic> [--stack ...] [--dir ...]', 'exercise');
  const exercise = exercises[topic];
  if (!exercise) {
    io.err(`'${topic}' has no exercise; topics with one: ${Object.keys(exercises).join(', ')}`);
    return 1;
  }
  const stack = strings.stack ?? Object.keys(exercise.stacks)[0];
  if (!exercise.stacks[stack]) throw new UsageError(`--stack: '${stack}' is not a stack of this exercise (${Object.keys(exercise.stacks).join(', ')})`, 'exercise');
  const target = path.resolve(strings.dir ?? exerciseFolder(topic));
  const files = writeExercise(exercise, stack, target);
  io.out(`wrote the exercise "${exercise.title}" (${STACK_LABELS[stack] ?? stack}) into ${target}: ${files.join(', ')}`);
  if (exercise.setup.length) io.out(`prepare it with: ${exercise.setup.join(' && ')}   (in ${target})`);
  io.out(`edit ${exercise.stacks[stack].open}, then: exercise check --dir ${path.relative(process.cwd(), target) || '.'}`);
  return 0;
}

async function honesty(topics: string[] | undefined, strings: Record<string, string>, io: Io): Promise<number> {
  const runs = strings.runs === undefined ? 1 : Number(strings.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 10) throw new UsageError(`--runs must be a whole number from 1 to 10, not '${strings.runs}'`, 'exercise');
  const nodeIds = new Set(loadCompiledRoadmap(distDir).roadmap.sections.flatMap((s) => s.nodes.map((n) => n.id)));
  const read = readExerciseContent(nodeIds);
  const wanted = topics ?? Object.keys(read.exercises);
  const problems = read.problems.filter((p) => !topics || topics.some((t) => p.file.endsWith(`/${t}.yaml`)));
  for (const t of wanted) if (!read.exercises[t] && !problems.some((p) => p.file.endsWith(`/${t}.yaml`))) problems.push({ file: display(path.join(exercisesRoot(), `${t}.yaml`)), line: 1, column: 1, message: `'${t}' has no exercise` });
  for (const p of sortProblems(problems)) io.err(formatProblem(p));
  const verdicts: Verdict[] = [];
  const stacks = strings.stack?.split(',').filter(Boolean);
  const proven = wanted.filter((t) => read.exercises[t] && read.kits[t]);
  for (const topic of proven) {
    await proveExercise(read.exercises[topic], read.kits[topic], {
      exercises: read.exercises,
      runs,
      stacks,
      onVerdict: (v) => {
        verdicts.push(v);
        io.out(`${v.ok ? '✔' : '✘'} ${v.topic} [${v.stack}] ${v.variant}: ${v.detail.split('\n')[0]} (${Math.round(v.ms)} ms)${v.ok ? '' : `\n    ${v.detail.split('\n').slice(1).join('\n    ')}`}`);
      },
    });
  }
  const wrong = verdicts.filter((v) => !v.ok).length;
  if (strings.report !== undefined) writeAtomic(path.resolve(strings.report), JSON.stringify({ verdicts, problems: problems.map(formatProblem) }, null, 2));
  io.out(`${verdicts.length - wrong} verdicts right, ${wrong + problems.length} wrong (${proven.length} exercises, ${runs} run${runs === 1 ? '' : 's'})`);
  return wrong + problems.length ? 1 : 0;
}
