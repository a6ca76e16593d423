import type { BuildProblem } from './buildProblems';

/**
 * What a verify run hands back: a result per step, check and milestone, the whole report, the
 * events sent while it runs, and the errors that stop it before anything runs. Pure types.
 */
import type { Sent } from './http';

export interface StepResult {
  ok: boolean;
  /** What was sent, in one line. */
  sent: string;
  expected: string;
  got: string;
  /** For a failed step that sent a request: a curl command that sends it again to the learner's own server. */
  curl?: string;
}

/**
 * Three outcomes, kept apart everywhere: passed; failed (the learner's code did something else);
 * could not run (the machine: a service down, an install that failed, a port in use, a start
 * command that does not exist). Only a failure says something about the code.
 */
export type Verdict = 'passed' | 'failed' | 'could-not-run';

/** Why a run stopped before or between checks. */
export interface RunProblem {
  /** service, install, build, port, command: could not run; start: the server failed (its code); cancelled. */
  kind: 'service' | 'install' | 'build' | 'port' | 'command' | 'start' | 'cancelled';
  message: string;
  /** A command that fixes it, such as starting the service from the project's compose file. */
  fix?: { command: string; cwd: string };
  /** A failed build's whole output, for its errors at file and line. */
  output?: string;
}

export function outcomeOf(problem: RunProblem | undefined, ok: boolean): Verdict {
  if (problem && problem.kind !== 'start') return 'could-not-run';
  return ok && !problem ? 'passed' : 'failed';
}

export interface CheckResult {
  milestone: string;
  index: number;
  name: string;
  ok: boolean;
  outcome: Verdict;
  steps: StepResult[];
  /** The first failure in one paragraph, for a test message. */
  message?: string;
  ms: number;
}

export interface MilestoneResult {
  id: string;
  title: string;
  nodes: string[];
  ok: boolean;
  outcome: Verdict;
  /** True when every check of the milestone ran (a partial run proves nothing about the milestone). */
  complete: boolean;
  checks: CheckResult[];
}

export interface VerifyReport {
  ok: boolean;
  idea: string;
  stack: string;
  outcome: Verdict;
  /** Why the server could not be installed or started, when it could not (the problem's message). */
  startProblem?: string;
  problem?: RunProblem;
  milestones: MilestoneResult[];
  /** Errors at a file and line, read from a failed build's or start's output (buildProblems.ts). */
  buildProblems?: BuildProblem[];
  ms: number;
  /** Time spent in the runner itself: everything but installing, waiting for the server and its answers. */
  overheadMs: number;
  /** How long the project's build command took (watch mode), part of the waiting. */
  buildMs?: number;
  /** Every request the checks sent, in order (the runner's health probes left out): what the server was asked, to send again by hand. */
  requests: Sent[];
  /** Remote mode (remoteRun.ts): the deployed server's URL, and the checks left out with why. */
  remote?: { url: string; skipped: { milestone: string; index: number; name: string; reason: string }[] };
}

export type VerifyEvent =
  /** `process`: which of the manifest's processes wrote it; the server's own output has none. */
  | { type: 'output'; text: string; process?: string }
  | { type: 'info'; text: string }
  | { type: 'checkStarted'; milestone: string; index: number }
  | { type: 'checkFinished'; result: CheckResult };

/** The project cannot be verified at all (no manifest, checks for another idea): nothing ran. */
export class VerifyError extends Error {}

/** Thrown through a check when the caller cancels the run; the session turns it into a report. */
export class Cancelled extends Error {}
