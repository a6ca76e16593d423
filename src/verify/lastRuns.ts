/**
 * The last result of every check of a project, kept across runs: a watch run checks only the
 * milestone in focus and the ones before it, so each run updates what it ran and keeps the rest.
 * What the milestone page shows per check and what picks the next milestone to focus on. Pure.
 */
import type { IdeaChecks } from './checks';
import type { Verdict, VerifyReport } from './results';

export interface CheckRun {
  outcome: Verdict;
  /** The first failure in one paragraph. */
  message?: string;
  /** ISO time of the run. */
  at: string;
}

/** Milestone id to check index to its last result. */
export type ProjectRuns = Record<string, Record<string, CheckRun>>;

/** `before` with every check the report ran replaced by its result; a cancelled run changes nothing. */
export function mergeRuns(before: ProjectRuns | undefined, report: VerifyReport, at: string): ProjectRuns {
  const out: ProjectRuns = Object.fromEntries(Object.entries(before ?? {}).map(([m, checks]) => [m, { ...checks }]));
  if (report.problem?.kind === 'cancelled') return out;
  for (const m of report.milestones) {
    for (const c of m.checks) (out[m.id] ??= {})[String(c.index)] = { outcome: c.outcome, ...(c.message ? { message: c.message } : {}), at };
  }
  return out;
}

/** Milestones whose every check passed in its last run (a check never run, or one that could not run, is not a pass). */
export function passedMilestones(runs: ProjectRuns | undefined, checks: IdeaChecks): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const [id, list] of Object.entries(checks.milestones)) {
    const results = list.map((_, i) => runs?.[id]?.[String(i)]);
    if (results.every((r) => r && r.outcome !== 'could-not-run')) out.set(id, results.every((r) => r!.outcome === 'passed'));
  }
  return out;
}

/** Checks back in from stored JSON (workspace state is input): anything not of the shape is dropped. */
export function cleanRuns(raw: unknown): ProjectRuns {
  const out: ProjectRuns = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [m, checks] of Object.entries(raw as Record<string, unknown>)) {
    if (!checks || typeof checks !== 'object') continue;
    for (const [i, r] of Object.entries(checks as Record<string, unknown>)) {
      const run = r as Partial<CheckRun> | null;
      if (!run || !['passed', 'failed', 'could-not-run'].includes(run.outcome as string) || typeof run.at !== 'string') continue;
      (out[m] ??= {})[i] = { outcome: run.outcome as Verdict, at: run.at, ...(typeof run.message === 'string' ? { message: run.message } : {}) };
    }
  }
  return out;
}
