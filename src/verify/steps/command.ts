/**
 * `command`: runs a command line with `sh -c` in the exercise folder, with the project's environment,
 * in a process group of its own that is killed when it ends, times out or the run is cancelled
 * (processes.ts). Optional stdin is written then closed. Checks the exit code, stdout and stderr
 * (textChecks.ts) and the wall time. Its time counts as the learner's: it is their program.
 */
import { fill, type Vars } from '../match';
import { wholeNumber, type Parser } from '../parser';
import type { Fields } from '../../roadmap/fields';
import { runCaptured, type Captured } from '../processes';
import type { Outcome, StepKind } from './kind';
import { oneLine } from './requestSpec';
import { describeTextChecks, judgeText, parseOutputChecks, type TextChecks } from './textChecks';

export interface CommandExpect {
  /** An exit code, or any code but 0. */
  exit: number | 'nonzero';
  stdout?: TextChecks;
  stderr?: TextChecks;
  withinMs?: number;
}

export interface CommandStep {
  kind: 'command';
  command: string;
  stdin?: string;
  timeoutMs: number;
  expect: CommandExpect;
}

/** Each stream is kept up to this many bytes; a check needs the start of an output, not a runaway log. */
export const OUTPUT_LIMIT = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

/** Reads `expect` of a command step; without one, the command must exit 0. */
function parseCommandExpect(p: Parser, step: Fields, what: string): CommandExpect | undefined {
  if (step.expect === undefined) return { exit: 0 };
  const e = p.mapping(step, 'expect', what, ['exit', 'stdout', 'stderr', 'withinMs']);
  if (!e) return undefined;
  const at = `'expect' of ${what}`;
  let exit: number | 'nonzero' | undefined = 0;
  if (e.exit === 'nonzero') exit = 'nonzero';
  else if (e.exit !== undefined) {
    exit = typeof e.exit === 'number' ? p.number(e, 'exit', at, wholeNumber(0, 255)) : p.fail(e, 'exit', `'exit' of ${at} must be an exit code from 0 to 255, or "nonzero" for any failure`);
  }
  const stdout = parseOutputChecks(p, e, 'stdout', at);
  const stderr = parseOutputChecks(p, e, 'stderr', at);
  const withinMs = p.number(e, 'withinMs', at, wholeNumber(1, 60_000));
  if (exit === undefined || (e.stdout !== undefined && !stdout) || (e.stderr !== undefined && !stderr) || (e.withinMs !== undefined && withinMs === undefined)) return undefined;
  return { exit, stdout, stderr, withinMs };
}

/** The last `n` lines of a text, each quoted with "    | ", as a failure shows them. */
export function lastLines(text: string, n = 20): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') return '    (no output)';
  const shown = lines.slice(-n).map((l) => `    | ${l}`);
  return `${lines.length > n ? `    (last ${n} of ${lines.length} lines)\n` : ''}${shown.join('\n')}`;
}

/** How it ended, in words: "exit 0", "killed by SIGKILL", "did not finish in 10 s". */
export function ending(r: Captured, timeoutMs: number): string {
  if (r.error) return `could not start (${r.error})`;
  if (r.timedOut) return `did not finish in ${timeoutMs / 1000} s`;
  if (r.code === null) return `ended by ${r.signal ?? 'a signal'}`;
  return `exit ${r.code}`;
}

/** Runs a command line in `dir` and captures it; the wait counts as the learner's time, cancelling kills it. */
export async function runLearnerCommand(
  command: string,
  options: { dir: string; env: NodeJS.ProcessEnv; stdin?: string; timeoutMs: number },
  session: { timed<T>(p: Promise<T>): Promise<T>; throwIfCancelled(): void },
): Promise<Captured> {
  const isCancelled = () => {
    try {
      session.throwIfCancelled();
      return false;
    } catch {
      return true;
    }
  };
  const r = await session.timed(runCaptured(command, { cwd: options.dir, env: options.env, stdin: options.stdin, timeoutMs: options.timeoutMs, limit: OUTPUT_LIMIT, isCancelled }));
  // The group is gone by now; the run's own Cancelled error ends the check.
  if (r.cancelled) session.throwIfCancelled();
  return r;
}

/** The first expectation the run does not meet, in words; undefined when it meets them all. */
function judgeRun(r: Captured, e: CommandExpect, timeoutMs: number, vars: Vars): string | undefined {
  if (r.error || r.timedOut || r.code === null) return ending(r, timeoutMs);
  if (e.exit === 'nonzero' && r.code === 0) return 'exit 0, expected a non-zero exit code';
  if (e.exit !== 'nonzero' && r.code !== e.exit) return `exit ${r.code}, expected ${e.exit}`;
  const stdout = e.stdout && judgeText(r.stdout, e.stdout, vars, 'stdout');
  if (stdout) return stdout;
  const stderr = e.stderr && judgeText(r.stderr, e.stderr, vars, 'stderr');
  if (stderr) return stderr;
  if (e.withinMs !== undefined && r.ms > e.withinMs) return `took ${r.ms} ms, expected at most ${e.withinMs} ms`;
  return undefined;
}

export const command: StepKind<CommandStep> = {
  parse(p, step) {
    const what = 'the command step';
    p.knownKeys(step, ['command', 'stdin', 'timeoutMs', 'expect'], what);
    const line = p.string(step, 'command', what, 'give the command line to run, such as "{{run}} add 2 3"');
    const stdin = step.stdin === '' ? '' : p.string(step, 'stdin', what);
    const timeoutMs = p.numberOr(step, 'timeoutMs', what, wholeNumber(100, 60_000), DEFAULT_TIMEOUT_MS);
    const expect = parseCommandExpect(p, step, what);
    if (line === undefined || timeoutMs === undefined || !expect || (step.stdin !== undefined && stdin === undefined)) return undefined;
    return { kind: 'command', command: line, ...(stdin === undefined ? {} : { stdin }), timeoutMs, expect };
  },

  describe(step, vars) {
    let line = step.command;
    try {
      line = fill(step.command, vars);
    } catch {
      // Shown as written while a variable is not known.
    }
    const e = step.expect;
    const parts = [e.exit === 'nonzero' ? 'a non-zero exit code' : `exit code ${e.exit}`];
    if (e.stdout) parts.push(`stdout ${describeTextChecks(e.stdout, vars)}`);
    if (e.stderr) parts.push(`stderr ${describeTextChecks(e.stderr, vars)}`);
    if (e.withinMs !== undefined) parts.push(`done within ${e.withinMs} ms`);
    const input = step.stdin === undefined ? '' : `, with ${JSON.stringify(oneLine(step.stdin, 60))} on stdin`;
    return { sent: `the command \`${line}\` in the exercise folder${input} (at most ${step.timeoutMs / 1000} s)`, expected: parts.join(', ') };
  },

  async run(step, vars, session): Promise<Outcome> {
    const line = fill(step.command, vars);
    const stdin = step.stdin === undefined ? undefined : fill(step.stdin, vars);
    const r = await runLearnerCommand(line, { dir: session.dir, env: session.env, stdin, timeoutMs: step.timeoutMs }, session);
    const e = step.expect;
    const ended = r.timedOut ? `stopped after ${r.ms} ms` : `${ending(r, step.timeoutMs)} after ${r.ms} ms`;
    const why = judgeRun(r, e, step.timeoutMs, vars);
    const cut = r.truncated ? ` (output cut at ${OUTPUT_LIMIT / 1024 / 1024} MB)` : '';
    if (!why) return { ok: true, got: `${ended}${r.stdout ? `; stdout ${JSON.stringify(oneLine(r.stdout, 120))}` : ''}${cut}` };
    return { ok: false, got: `\`${line}\`: ${why}; ${ended}${cut}; output:\n${lastLines(r.output)}` };
  },
};
