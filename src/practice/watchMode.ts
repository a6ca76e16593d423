/**
 * Watch mode in VS Code: on every save of a file of the project, rebuild, restart the server and run
 * the milestone in focus, then the ones before it, through the Testing view. One project is watched
 * at a time (one server); its state goes to whoever listens (the status bar, the milestone page).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { VerifyController } from '../verify/controller';
import { passedMilestones } from '../verify/lastRuns';
import type { VerifyEvent } from '../verify/runner';
import { isWatchedFile, nextFocus, WatchLoop } from '../verify/watch';

export type WatchPhase =
  | { kind: 'waiting' }
  | { kind: 'building' }
  | { kind: 'starting' }
  | { kind: 'checking'; done: number; total: number; failed: number }
  | { kind: 'passed'; total: number }
  | { kind: 'failed'; failed: number; total: number }
  | { kind: 'could-not-run'; message: string; build: boolean };

export class MilestoneWatch implements vscode.Disposable {
  private readonly loop: WatchLoop;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  phase: WatchPhase = { kind: 'waiting' };
  /** The milestone the last run focused on. */
  current: string | undefined;

  /** `focus` undefined: the first milestone that has not passed yet, moving on as each passes. */
  constructor(
    private readonly controller: VerifyController,
    readonly dir: string,
    readonly focus: string | undefined,
  ) {
    this.loop = new WatchLoop((signal) => this.runOnce(signal));
    this.current = focus ?? this.autoFocus();
    this.subscriptions.push(
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (doc.uri.scheme !== 'file') return;
        const relative = path.relative(this.dir, doc.uri.fsPath);
        if (isWatchedFile(relative)) this.loop.changed();
      }),
    );
    this.watchGit();
    this.loop.now();
  }

  /**
   * An exercise done in Git (a merge, a tag) changes the repository, not a saved file: a new commit,
   * branch or tag runs the checks again as a save does. The index is left out: a check that reads
   * the repository may refresh it.
   */
  private watchGit(): void {
    const project = this.controller.projectList.find((p) => p.dir === this.dir);
    if (project?.manifest.exercise === undefined || !fs.existsSync(path.join(this.dir, '.git'))) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(this.dir), '.git/{HEAD,MERGE_HEAD,ORIG_HEAD,refs/**}'));
    const changed = () => this.loop.changed();
    this.subscriptions.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
  }

  /** Runs again now, as a save would. */
  rerun(): void {
    this.loop.now();
  }

  private autoFocus(): string | undefined {
    const project = this.controller.projectList.find((p) => p.dir === this.dir);
    if (!project) return undefined;
    const ids = project.idea.milestones.map((m) => m.id).filter((id) => project.checks.milestones[id]);
    return nextFocus(ids, passedMilestones(this.controller.runner.lastRuns(this.dir), project.checks)) ?? ids.at(-1);
  }

  private set(phase: WatchPhase): void {
    this.phase = phase;
    this.changed.fire();
  }

  private async runOnce(signal: AbortSignal): Promise<void> {
    const focus = this.focus ?? this.autoFocus();
    this.current = focus;
    const project = this.controller.projectList.find((p) => p.dir === this.dir);
    const at = project?.idea.milestones.findIndex((m) => m.id === focus) ?? -1;
    const planned = project ? project.idea.milestones.slice(0, at < 0 ? undefined : at + 1).reduce((n, m) => n + (project.checks.milestones[m.id]?.length ?? 0), 0) : 0;
    let done = 0;
    let failed = 0;
    const onEvent = (e: VerifyEvent) => {
      if (e.type === 'info' && project?.manifest.build && e.text === `$ ${project.manifest.build}`) this.set({ kind: 'building' });
      else if (e.type === 'info' && e.text.startsWith(`$ ${project?.manifest.start}`)) this.set({ kind: 'starting' });
      else if (e.type === 'checkFinished') {
        done++;
        if (e.result.outcome !== 'passed') failed++;
        this.set({ kind: 'checking', done, total: planned, failed });
      }
    };
    this.set({ kind: project?.manifest.build ? 'building' : 'starting' });
    const report = await this.controller.runWatched(this.dir, focus, signal, onEvent);
    if (!report || report.problem?.kind === 'cancelled') return;
    const checks = report.milestones.flatMap((m) => m.checks);
    if (report.outcome === 'could-not-run') this.set({ kind: 'could-not-run', message: report.problem?.message.split('\n')[0] ?? 'could not run', build: report.problem?.kind === 'build' });
    else if (report.ok) this.set({ kind: 'passed', total: checks.length });
    else this.set({ kind: 'failed', failed: checks.filter((c) => !c.ok).length, total: checks.length });
  }

  dispose(): void {
    void this.stop();
  }

  /** Stops watching and waits for the run under way (and its server) to end. */
  async stop(): Promise<void> {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    await this.loop.dispose();
    this.changed.dispose();
  }
}

/** The state in words, for the status bar and the page. */
export function phaseWords(phase: WatchPhase): { icon: string; text: string } {
  switch (phase.kind) {
    case 'waiting':
      return { icon: 'eye', text: 'watching' };
    case 'building':
      return { icon: 'sync~spin', text: 'building' };
    case 'starting':
      return { icon: 'sync~spin', text: 'starting the server' };
    case 'checking':
      return { icon: 'sync~spin', text: `${phase.done}/${phase.total} checks${phase.failed ? `, ${phase.failed} failed` : ''}` };
    case 'passed':
      return { icon: 'pass', text: `passed (${phase.total} checks)` };
    case 'failed':
      return { icon: 'error', text: `${phase.failed} of ${phase.total} checks failed` };
    case 'could-not-run':
      // The build's errors are in the Problems panel; anything else (a service down) is said in full.
      return { icon: 'warning', text: phase.build ? 'the build failed (see Problems)' : `could not run: ${phase.message}` };
  }
}
