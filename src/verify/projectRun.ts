/**
 * One project's checks run inside a Testing view run: the runner's events become item states, a
 * failed build's or start's errors go to the Problems panel, the results are kept per check, and
 * passing milestones verify their nodes.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { RoadmapProgress } from '../progress/store';
import type { ProjectIdea, RoadmapIndex } from '../roadmap/model';
import type { IdeaChecks } from './checks';
import { cleanRuns, mergeRuns, type ProjectRuns } from './lastRuns';
import type { ProjectManifest } from './manifest';
import { formatReport } from './report';
import { verifyProject, type CheckResult, type VerifyEvent, type VerifyReport } from './runner';

export interface Project {
  dir: string;
  manifest: ProjectManifest;
  idea: ProjectIdea;
  checks: IdeaChecks;
  item: vscode.TestItem;
}

const LAST_RUNS_KEY = 'backendRoadmap.lastRuns';

/** What a run needs of the extension, shared by every run. */
export class ProjectRunner {
  /** Build and start errors at their file and line, by project. */
  readonly buildDiagnostics = vscode.languages.createDiagnosticCollection('backendRoadmap.build');
  private readonly changed = new vscode.EventEmitter<string>();
  /** A project's results changed (its folder). */
  readonly onDidChange = this.changed.event;
  /** One output channel per process of a manifest's `processes`, by name, kept across runs. */
  private readonly processChannels = new Map<string, vscode.OutputChannel>();

  constructor(
    private readonly workspaceState: vscode.Memento,
    private readonly index: RoadmapIndex,
    private readonly progress: RoadmapProgress,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  dispose(): void {
    this.buildDiagnostics.dispose();
    this.changed.dispose();
    for (const channel of this.processChannels.values()) channel.dispose();
  }

  /** The last result of every check of a project that has run. */
  lastRuns(dir: string): ProjectRuns {
    return cleanRuns(this.workspaceState.get<Record<string, unknown>>(LAST_RUNS_KEY)?.[dir]);
  }

  /**
   * Runs `project`'s checks (`only`, or all) in `run`; `items` are the check items by `milestone/index`.
   * `focus` puts a milestone first and leaves out the ones after it; `build` runs the manifest's build first.
   */
  async execute(
    run: vscode.TestRun,
    project: Project,
    options: { only?: string[]; items: Map<string, vscode.TestItem>; install: boolean; build?: boolean; focus?: string; signal: AbortSignal; onEvent?: (e: VerifyEvent) => void },
  ): Promise<VerifyReport | undefined> {
    const { items } = options;
    const dir = project.dir;
    for (const item of items.values()) run.enqueued(item);
    try {
      run.appendOutput(`Verifying ${project.item.label} in ${dir}\r\n`);
      const report = await verifyProject({
        projectDir: dir,
        checks: project.checks,
        milestones: project.idea.milestones,
        only: options.only,
        install: options.install,
        build: options.build,
        focus: options.focus,
        signal: options.signal,
        onEvent: (e) => {
          options.onEvent?.(e);
          this.show(run, items, e);
        },
      });
      this.showBuildProblems(project, report);
      if (report.problem?.kind !== 'cancelled') {
        const all = this.workspaceState.get<Record<string, unknown>>(LAST_RUNS_KEY) ?? {};
        await this.workspaceState.update(LAST_RUNS_KEY, { ...all, [dir]: mergeRuns(this.lastRuns(dir), report, new Date().toISOString()) });
      }
      this.log.info(`verify ${dir}:\n${formatReport(report)}`);
      await this.markVerified(project, report);
      this.changed.fire(dir);
      return report;
    } catch (err) {
      const message = new vscode.TestMessage((err as Error).message);
      for (const item of items.values()) run.errored(item, message);
      this.log.error(`verify ${dir}: ${(err as Error).stack ?? err}`);
      return undefined;
    }
  }

  private show(run: vscode.TestRun, items: Map<string, vscode.TestItem>, e: VerifyEvent): void {
    const item = (milestone: string, index: number) => items.get(`${milestone}/${index}`);
    if (e.type === 'output' && e.process !== undefined) this.processChannel(e.process).append(e.text);
    else if (e.type === 'output' || e.type === 'info') run.appendOutput(`${e.type === 'info' ? '> ' : ''}${e.text.replace(/\r?\n/g, '\r\n')}${e.type === 'info' ? '\r\n' : ''}`);
    else if (e.type === 'checkStarted') {
      const it = item(e.milestone, e.index);
      if (it) run.started(it);
    } else {
      const it = item(e.result.milestone, e.result.index);
      if (!it) return;
      if (e.result.outcome === 'passed') run.passed(it, e.result.ms);
      // The machine, not the code: errored, which the Testing view shows apart from a failure.
      else if (e.result.outcome === 'could-not-run') run.errored(it, new vscode.TestMessage(`Could not run: ${e.result.message ?? ''}`));
      else run.failed(it, failureMessage(e.result), e.result.ms);
    }
  }

  private processChannel(name: string): vscode.OutputChannel {
    let channel = this.processChannels.get(name);
    if (!channel) this.processChannels.set(name, (channel = vscode.window.createOutputChannel(`Backend Roadmap: ${name}`)));
    return channel;
  }

  /** A failed build's errors in the Problems panel, each at its file and line; a run without them clears the project's. */
  private showBuildProblems(project: Project, report: VerifyReport): void {
    if (report.problem?.kind === 'cancelled') return;
    const inProject = (uri: vscode.Uri) => uri.fsPath === project.dir || uri.fsPath.startsWith(project.dir + path.sep);
    this.buildDiagnostics.forEach((uri) => {
      if (inProject(uri)) this.buildDiagnostics.delete(uri);
    });
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of report.buildProblems ?? []) {
      const at = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
      const d = new vscode.Diagnostic(new vscode.Range(at, at.translate(0, 1)), p.message, vscode.DiagnosticSeverity.Error);
      d.source = p.source === 'tsc' ? 'tsc' : p.source === 'go' ? 'go build' : 'python';
      byFile.set(p.file, [...(byFile.get(p.file) ?? []), d]);
    }
    for (const [file, list] of byFile) this.buildDiagnostics.set(vscode.Uri.file(file), list);
  }

  private async markVerified(project: Project, report: VerifyReport): Promise<void> {
    for (const m of report.milestones) {
      if (m.ok && m.complete && !report.startProblem) await this.progress.markVerified(m.nodes.filter((id) => this.index.node(id)), `${project.idea.id}/${m.id}`);
    }
  }
}

function failureMessage(result: CheckResult): vscode.TestMessage {
  const message = new vscode.TestMessage(result.message ?? 'failed');
  const step = result.steps.at(-1);
  if (step) {
    message.expectedOutput = step.expected;
    message.actualOutput = step.got;
  }
  return message;
}
