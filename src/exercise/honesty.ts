/**
 * Proves an exercise honest, the way a tester's own fixtures do: for every stack, the starting files
 * fail, the reference passes every check, and each wrong solution fails exactly the check it names
 * while every other check passes; with `runs` > 1, the same verdict every time. Each stack's folder
 * is written, set up and installed once; every variant runs in a copy of it. Pure Node, no `vscode`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { safeJoin } from '../scaffold/engine';
import type { VerifyReport } from '../verify/results';
import type { ExerciseKit, Variant } from './kit';
import type { Exercise } from './model';
import { checkExercise } from './run';
import { writeExercise } from './write';

export interface Verdict {
  topic: string;
  stack: string;
  /** starting, reference, or the wrong solution's id. */
  variant: string;
  ok: boolean;
  /** What was expected and what happened, in words. */
  detail: string;
  ms: number;
}

/** Folders of installed dependencies: linked into each copy, never copied. */
const HEAVY = new Set(['node_modules', '.venv', 'target', '.tools']);

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): void {
  const r = spawnSync('sh', ['-c', command], { cwd, env, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`'${command}' exited with ${r.status ?? r.signal} in ${cwd}: ${`${r.stdout}${r.stderr}`.trim().split('\n').slice(-15).join('\n')}`);
}

function copyFolder(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (HEAVY.has(entry.name) && entry.isDirectory()) fs.symlinkSync(src, dst, 'dir');
    else fs.cpSync(src, dst, { recursive: true, verbatimSymlinks: true });
  }
}

function apply(dir: string, v: Variant, env: NodeJS.ProcessEnv): void {
  for (const [file, content] of Object.entries(v.files)) {
    const dest = safeJoin(dir, file);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, content, { mode: file.endsWith('.sh') ? 0o755 : 0o644 });
  }
  for (const c of v.commands) sh(c, dir, env);
}

/** The failed and could-not-run checks of a report, by name. */
function notPassed(report: VerifyReport): { failed: string[]; couldNot: string[] } {
  const checks = report.milestones.flatMap((m) => m.checks);
  return { failed: checks.filter((c) => c.outcome === 'failed').map((c) => c.name), couldNot: checks.filter((c) => c.outcome === 'could-not-run').map((c) => c.name) };
}

/** The verdict on one variant's report, against what it must do. */
export function judge(report: VerifyReport, expected: { kind: 'starting' } | { kind: 'reference' } | { kind: 'wrong'; fails: string }, all: string[]): { ok: boolean; detail: string } {
  const { failed, couldNot } = notPassed(report);
  if (report.outcome === 'could-not-run' || couldNot.length) return { ok: false, detail: `could not run: ${report.problem?.message ?? couldNot.join(', ')}` };
  const first = report.milestones.flatMap((m) => m.checks).find((c) => !c.ok);
  const why = first ? `\n${first.name}: ${first.message ?? ''}` : '';
  if (expected.kind === 'reference') return failed.length ? { ok: false, detail: `the reference must pass every check, but failed: ${failed.join('; ')}${why}` } : { ok: true, detail: `passed all ${all.length} checks` };
  if (expected.kind === 'starting') return failed.length ? { ok: true, detail: `failed ${failed.length} of ${all.length} checks` } : { ok: false, detail: 'the starting files must fail, but passed every check' };
  const ok = failed.length === 1 && failed[0] === expected.fails;
  return { ok, detail: ok ? `failed exactly '${expected.fails}'` : `must fail exactly '${expected.fails}', but failed ${failed.length ? failed.map((f) => `'${f}'`).join(', ') : 'nothing'}${why}` };
}

export interface ProveOptions {
  exercises: Record<string, Exercise>;
  runs?: number;
  /** The environment commands and checks run in: the services' addresses. */
  env?: NodeJS.ProcessEnv;
  /** Limits the stacks proven. */
  stacks?: string[];
  onVerdict?: (v: Verdict) => void;
}

export async function proveExercise(exercise: Exercise, kit: ExerciseKit, options: ProveOptions): Promise<Verdict[]> {
  const env = { ...process.env, ...options.env, ...exercise.env };
  const verdicts: Verdict[] = [];
  const names = exercise.checks.map((c) => c.name);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `exercise-${exercise.topic}-`));
  try {
    for (const stack of Object.keys(exercise.stacks).filter((s) => !options.stacks || options.stacks.includes(s))) {
      const record = (variant: string, ok: boolean, detail: string, ms: number) => {
        const v = { topic: exercise.topic, stack, variant, ok, detail, ms };
        verdicts.push(v);
        options.onVerdict?.(v);
      };
      const base = path.join(root, stack, 'base');
      fs.mkdirSync(path.dirname(base), { recursive: true });
      try {
        writeExercise(exercise, stack, base);
        for (const c of exercise.setup) sh(c, base, env);
        for (const c of exercise.stacks[stack].install) sh(c, base, env);
      } catch (err) {
        record('setup', false, `could not prepare the ${stack} folder: ${(err as Error).message}`, 0);
        continue;
      }
      const variants: { name: string; overlay?: Variant; expected: Parameters<typeof judge>[1] }[] = [
        { name: 'starting', expected: { kind: 'starting' } },
        ...(kit.reference[stack] ? [{ name: 'reference', overlay: kit.reference[stack], expected: { kind: 'reference' } as const }] : []),
        ...kit.wrong.filter((w) => w.stack === stack).map((w) => ({ name: w.id, overlay: w as Variant, expected: { kind: 'wrong', fails: w.fails } as const })),
      ];
      let n = 0;
      for (let run = 1; run <= (options.runs ?? 1); run++) {
        for (const v of variants) {
          const dir = path.join(root, stack, `${++n}-${v.name}`);
          const started = performance.now();
          try {
            copyFolder(base, dir);
            if (v.overlay) apply(dir, v.overlay, env);
            const report = await checkExercise({ dir, exercises: options.exercises, baseEnv: env, build: true });
            const { ok, detail } = judge(report, v.expected, names);
            record(v.name, ok, `${(options.runs ?? 1) > 1 ? `run ${run}: ` : ''}${detail}`, performance.now() - started);
          } catch (err) {
            record(v.name, false, `error: ${(err as Error).message}`, performance.now() - started);
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        }
      }
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return verdicts;
}
