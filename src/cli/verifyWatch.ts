/** `verify --watch`: re-runs a project's milestone in focus, then the ones before it, on every change of its files. */
import * as fs from 'fs';
import type { ProjectIdea } from '../roadmap/model';
import { mergeRuns, passedMilestones, type ProjectRuns } from '../verify/lastRuns';
import { formatCheck, formatReport } from '../verify/report';
import { verifyProject, type VerifyEvent, type VerifyOptions, type VerifyReport } from '../verify/runner';
import { isSourceFile, isWatchedFile, nextFocus, WatchLoop } from '../verify/watch';
import type { Io } from './io';
import { writeAtomic } from './io';

/** Prints a run's progress as it comes: the commands, then each check under its milestone. */
export function printEvents(idea: ProjectIdea, io: Io): (e: VerifyEvent) => void {
  let lastMilestone = '';
  return (e) => {
    if (e.type === 'info') io.out(`  ${e.text}`);
    else if (e.type === 'checkFinished' && !e.result.steps.length) return;
    else if (e.type === 'checkFinished') {
      if (e.result.milestone !== lastMilestone) {
        lastMilestone = e.result.milestone;
        const m = idea.milestones.find((x) => x.id === lastMilestone);
        io.out(`  ${lastMilestone}: ${m?.title ?? ''}`);
      }
      io.out(formatCheck(e.result));
    } else if (e.type === 'output' && process.env.ROADMAP_VERIFY_ECHO) io.err(e.text.trimEnd());
  };
}

export interface WatchOptions extends Pick<VerifyOptions, 'projectDir' | 'checks' | 'milestones' | 'healthTimeoutMs' | 'install'> {
  /** The milestone in focus; without it, the first that has not passed yet. */
  focus?: string;
  /** Written after every run. */
  reportFile?: string;
  /** Stops watching (tests); Ctrl+C does the same. */
  stop?: AbortSignal;
}

/** Watches until stopped; the exit code of the last run (0 passed, 1 failed, 3 could not run). */
export async function watchProject(options: WatchOptions, idea: ProjectIdea, io: Io): Promise<number> {
  const ids = idea.milestones.map((m) => m.id).filter((id) => options.checks.milestones[id]);
  // The last result of every check, as the editor keeps them: the next focus is derived from it.
  let runs: ProjectRuns = {};
  let last: VerifyReport | undefined;
  let install = !!options.install;
  let firstRun = true;

  let lastEnd = 0;
  const loop = new WatchLoop(async (signal) => {
    try {
      await runOnce(signal);
    } finally {
      lastEnd = Date.now();
    }
  });
  const runOnce = async (signal: AbortSignal) => {
    // The first run, without a focus given, runs every milestone, to find the first that fails.
    const focus = options.focus ?? (firstRun ? undefined : nextFocus(ids, passedMilestones(runs, options.checks)) ?? ids.at(-1));
    firstRun = false;
    io.out(`\n${new Date().toLocaleTimeString()} ${focus ? `${focus}, then the milestones before it` : 'every milestone'}`);
    const report = await verifyProject({ ...options, focus, install, build: true, signal, onEvent: printEvents(idea, io) });
    install = false;
    if (report.problem?.kind === 'cancelled') {
      io.out('  (a file changed: running again)');
      return;
    }
    last = report;
    runs = mergeRuns(runs, report, new Date().toISOString());
    if (options.reportFile) writeAtomic(options.reportFile, JSON.stringify(report, null, 2));
    io.out('');
    io.out(formatReport(report, false));
    const next = nextFocus(ids, passedMilestones(runs, options.checks));
    io.out(`\nWatching ${options.projectDir}: ${next ? `next up: ${next}` : 'every milestone passes'}. Save a file to run again; Ctrl+C stops.`);
  };

  const watcher = fs.watch(options.projectDir, { recursive: true }, (_event, file) => {
    if (!file || !isWatchedFile(file.toString())) return;
    // What the server writes while it is checked (its data: links.json, app.db) is not a change of the
    // learner's: during a run, and just after it, only code starts another.
    if ((loop.busy || Date.now() - lastEnd < 150) && !isSourceFile(file.toString())) return;
    loop.changed();
  });
  let onInterrupt = () => {};
  const stopped = new Promise<void>((resolve) => {
    onInterrupt = () => resolve();
    process.once('SIGINT', onInterrupt);
    options.stop?.addEventListener('abort', () => resolve(), { once: true });
    if (options.stop?.aborted) resolve();
  });
  loop.now();
  await stopped;
  process.removeListener('SIGINT', onInterrupt);
  watcher.close();
  await loop.dispose();
  return !last ? 1 : last.outcome === 'passed' ? 0 : last.outcome === 'could-not-run' ? 3 : 1;
}
