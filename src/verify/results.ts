/**
 * What a verify run hands back: a result per step, check and milestone, the whole report, the
 * events sent while it runs, and the errors that stop it before anything runs. Pure types.
 */

export interface StepResult {
  ok: boolean;
  /** What was sent, in one line. */
  sent: string;
  expected: string;
  got: string;
}

export interface CheckResult {
  milestone: string;
  index: number;
  name: string;
  ok: boolean;
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
  /** True when every check of the milestone ran (a partial run proves nothing about the milestone). */
  complete: boolean;
  checks: CheckResult[];
}

export interface VerifyReport {
  ok: boolean;
  idea: string;
  stack: string;
  /** Why the server could not be installed or started, when it could not. */
  startProblem?: string;
  milestones: MilestoneResult[];
  ms: number;
  /** Time spent in the runner itself: everything but installing, waiting for the server and its answers. */
  overheadMs: number;
}

export type VerifyEvent =
  | { type: 'output'; text: string }
  | { type: 'info'; text: string }
  | { type: 'checkStarted'; milestone: string; index: number }
  | { type: 'checkFinished'; result: CheckResult };

/** The project cannot be verified at all (no manifest, checks for another idea): nothing ran. */
export class VerifyError extends Error {}

/** Thrown through a check when the caller cancels the run; the session turns it into a report. */
export class Cancelled extends Error {}
