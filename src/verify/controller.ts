/**
 * Milestones in VS Code's Testing view: every scaffolded project in the workspace is a test item,
 * its milestones and their checks are children, and a run starts the learner's server through the
 * pure runner. Passing milestones mark their nodes verified. Runs only in a trusted workspace.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { RoadmapProgress } from '../progress/store';
import type { ProjectIdea, RoadmapIndex } from '../roadmap/model';
import type { StarterManifest } from '../scaffold/manifest';
import { PROJECT_EXCLUDE_GLOB, PROJECT_GLOB, STACK_NAMES } from '../scaffold/names';
import type { IdeaChecks } from './checks';
import { loadCompiledChecks } from './compiled';
import { formatReport, summary } from './report';
import { readProjectManifest, verifyProject, VerifyError, type VerifyReport } from './runner';

export const TEST_CONTROLLER_ID = 'backendRoadmap.milestones';

interface Project {
  dir: string;
  manifest: StarterManifest;
  idea: ProjectIdea;
  checks: IdeaChecks;
  item: vscode.TestItem;
}

/** What a test item stands for. */
type ItemData = { kind: 'project'; project: Project } | { kind: 'milestone'; project: Project; milestone: string } | { kind: 'check'; project: Project; milestone: string; index: number };

export interface VerifyDeps {
  index: RoadmapIndex;
  progress: RoadmapProgress;
  distDir: string;
  log: vscode.LogOutputChannel;
}

export class VerifyController implements vscode.Disposable {
  readonly controller: vscode.TestController;
  private readonly data = new WeakMap<vscode.TestItem, ItemData>();
  private projects = new Map<string, Project>();
  private checks: Record<string, IdeaChecks> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private discovering: Promise<void> | undefined;
  private rediscover: NodeJS.Timeout | undefined;
  /** The last report per project folder, for tests and the command's summary. */
  readonly lastReports = new Map<string, VerifyReport>();

  constructor(private readonly deps: VerifyDeps) {
    this.controller = vscode.tests.createTestController(TEST_CONTROLLER_ID, 'Roadmap milestones');
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discover();
    };
    this.controller.refreshHandler = () => this.discover();
    this.controller.createRunProfile('Verify milestones', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token, false), true);
    this.controller.createRunProfile('Install, then verify milestones', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token, true), false);
    const watcher = vscode.workspace.createFileSystemWatcher(PROJECT_GLOB);
    const later = () => {
      clearTimeout(this.rediscover);
      this.rediscover = setTimeout(() => void this.discover(), 300);
    };
    this.disposables.push(
      this.controller,
      watcher,
      watcher.onDidCreate(later),
      watcher.onDidChange(later),
      watcher.onDidDelete(later),
      vscode.workspace.onDidChangeWorkspaceFolders(later),
    );
  }

  dispose(): void {
    clearTimeout(this.rediscover);
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private ideaChecks(): Record<string, IdeaChecks> {
    return (this.checks ??= loadCompiledChecks(this.deps.distDir, this.deps.index.roadmap.projects));
  }

  /** Finds the scaffolded projects of the workspace and (re)builds the test items. */
  discover(): Promise<void> {
    return (this.discovering ??= this.findProjects().finally(() => (this.discovering = undefined)));
  }

  private async findProjects(): Promise<void> {
    const files = await vscode.workspace.findFiles(PROJECT_GLOB, PROJECT_EXCLUDE_GLOB, 50);
    const found = new Map<string, Project>();
    for (const file of files.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
      const dir = path.dirname(file.fsPath);
      let manifest: StarterManifest;
      try {
        manifest = readProjectManifest(dir);
      } catch (err) {
        this.deps.log.warn(`${file.fsPath} is not a usable starter manifest: ${(err as Error).message}`);
        continue;
      }
      const idea = this.deps.index.roadmap.projects.find((p) => p.id === manifest.idea);
      const checks = this.ideaChecks()[manifest.idea];
      if (!idea || !checks) continue;
      found.set(dir, this.buildItems(dir, manifest, idea, checks));
    }
    this.projects = found;
    this.controller.items.replace([...found.values()].map((p) => p.item));
  }

  private buildItems(dir: string, manifest: StarterManifest, idea: ProjectIdea, checks: IdeaChecks): Project {
    const uri = vscode.Uri.file(dir);
    const item = this.controller.createTestItem(uri.toString(), `${idea.title} (${STACK_NAMES[manifest.stack]})`, uri);
    item.description = vscode.workspace.asRelativePath(uri, true);
    const project: Project = { dir, manifest, idea, checks, item };
    this.data.set(item, { kind: 'project', project });
    // The Testing view sorts by label; sortText keeps the roadmap's order of milestones and checks.
    const order = (i: number) => String(i).padStart(3, '0');
    idea.milestones.forEach((m, mIndex) => {
      const list = checks.milestones[m.id];
      if (!list) return;
      const mItem = this.controller.createTestItem(`${uri.toString()}#${m.id}`, m.title, vscode.Uri.file(path.join(dir, 'README.md')));
      mItem.description = `${m.id} · verifies ${m.nodes.join(', ')}`;
      mItem.sortText = order(mIndex);
      this.data.set(mItem, { kind: 'milestone', project, milestone: m.id });
      list.forEach((c, index) => {
        const cItem = this.controller.createTestItem(`${uri.toString()}#${m.id}/${index}`, c.name);
        cItem.sortText = order(index);
        this.data.set(cItem, { kind: 'check', project, milestone: m.id, index });
        mItem.children.add(cItem);
      });
      item.children.add(mItem);
    });
    return project;
  }

  /** The project items, after discovery. */
  async projectItems(): Promise<vscode.TestItem[]> {
    await this.discover();
    return [...this.projects.values()].map((p) => p.item);
  }

  /** Runs a project's milestones as the Testing view would, and returns the report. */
  async verify(projectDir: string, install = false): Promise<VerifyReport | undefined> {
    await this.discover();
    const project = this.projects.get(projectDir);
    if (!project) throw new VerifyError(`${projectDir} is not a scaffolded project with milestone checks`);
    const source = new vscode.CancellationTokenSource();
    try {
      await this.run(new vscode.TestRunRequest([project.item]), source.token, install);
    } finally {
      source.dispose();
    }
    return this.lastReports.get(projectDir);
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken, install: boolean): Promise<void> {
    await this.discover();
    const run = this.controller.createTestRun(request, 'Verify milestones', false);
    try {
      const selection = this.select(request);
      if (!vscode.workspace.isTrusted) {
        const message = new vscode.TestMessage('Verifying runs the project\'s own code, so it needs a trusted workspace. Trust this folder ("Workspaces: Manage Workspace Trust") and run again.');
        for (const { items } of selection.values()) for (const item of items.values()) run.errored(item, message);
        void vscode.window.showWarningMessage('Backend Roadmap: verifying a project runs its code, so it needs a trusted workspace. Nothing was run.', 'Manage Workspace Trust').then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
        });
        return;
      }
      for (const [dir, { project, only, items }] of selection) {
        if (token.isCancellationRequested) break;
        for (const item of items.values()) run.enqueued(item);
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          run.appendOutput(`Verifying ${project.item.label} in ${dir}\r\n`);
          const report = await verifyProject({
            projectDir: dir,
            checks: project.checks,
            milestones: project.idea.milestones,
            only,
            install,
            signal: abort.signal,
            onEvent: (e) => {
              const item = (milestone: string, index: number) => items.get(`${milestone}/${index}`);
              if (e.type === 'output' || e.type === 'info') run.appendOutput(`${e.type === 'info' ? '> ' : ''}${e.text.replace(/\r?\n/g, '\r\n')}${e.type === 'info' ? '\r\n' : ''}`);
              else if (e.type === 'checkStarted') {
                const it = item(e.milestone, e.index);
                if (it) run.started(it);
              } else {
                const it = item(e.result.milestone, e.result.index);
                if (!it) return;
                if (e.result.ok) run.passed(it, e.result.ms);
                else run.failed(it, this.message(e.result.message ?? 'failed', e.result.steps.at(-1)), e.result.ms);
              }
            },
          });
          this.lastReports.set(dir, report);
          this.deps.log.info(`verify ${dir}:\n${formatReport(report)}`);
          await this.markVerified(project, report);
          this.announce(project, report);
        } catch (err) {
          const message = new vscode.TestMessage((err as Error).message);
          for (const item of items.values()) run.errored(item, message);
          this.deps.log.error(`verify ${dir}: ${(err as Error).stack ?? err}`);
        } finally {
          sub.dispose();
        }
      }
    } finally {
      run.end();
    }
  }

  /** Per project: which checks run (undefined: all) and the check items by `milestone/index`. */
  private select(request: vscode.TestRunRequest): Map<string, { project: Project; only?: string[]; items: Map<string, vscode.TestItem> }> {
    const out = new Map<string, { project: Project; only?: string[]; items: Map<string, vscode.TestItem> }>();
    const excluded = new Set(request.exclude ?? []);
    const roots = request.include ?? [...this.projects.values()].map((p) => p.item);
    const addCheck = (item: vscode.TestItem) => {
      const d = this.data.get(item);
      if (!d || d.kind !== 'check' || excluded.has(item)) return;
      const entry = out.get(d.project.dir) ?? { project: d.project, only: [], items: new Map() };
      entry.items.set(`${d.milestone}/${d.index}`, item);
      out.set(d.project.dir, entry);
    };
    const walk = (item: vscode.TestItem) => {
      if (excluded.has(item)) return;
      const d = this.data.get(item);
      if (d?.kind === 'check') addCheck(item);
      else item.children.forEach(walk);
    };
    roots.forEach(walk);
    for (const entry of out.values()) {
      const all = Object.values(entry.project.checks.milestones).reduce((n, l) => n + l.length, 0);
      entry.only = entry.items.size === all ? undefined : [...entry.items.keys()];
    }
    return out;
  }

  private message(text: string, step?: { expected: string; got: string }): vscode.TestMessage {
    const message = new vscode.TestMessage(text);
    if (step) {
      message.expectedOutput = step.expected;
      message.actualOutput = step.got;
    }
    return message;
  }

  private async markVerified(project: Project, report: VerifyReport): Promise<void> {
    for (const m of report.milestones) {
      if (m.ok && m.complete && !report.startProblem) await this.deps.progress.markVerified(m.nodes.filter((id) => this.deps.index.node(id)), `${project.idea.id}/${m.id}`);
    }
  }

  private announce(project: Project, report: VerifyReport): void {
    const passed = report.milestones.filter((m) => m.ok && m.complete);
    const nodes = [...new Set(passed.flatMap((m) => m.nodes))].map((id) => this.deps.index.node(id)?.title ?? id);
    const text = report.startProblem && report.startProblem !== 'cancelled'
      ? `${project.item.label}: the server could not be verified: ${report.startProblem.split('\n')[0]}`
      : `${project.item.label}: ${summary(report)}${nodes.length ? ` Verified: ${nodes.join(', ')}.` : ''}`;
    const show = report.ok ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(`Backend Roadmap: ${text}`, 'Show Test Results', 'Show Log').then((choice) => {
      if (choice === 'Show Test Results') void vscode.commands.executeCommand('workbench.view.testing.focus');
      else if (choice === 'Show Log') void vscode.commands.executeCommand(COMMANDS.showLog);
    });
  }
}

/** "Roadmap: Verify Project": picks a scaffolded project of the workspace and runs all its milestones. */
export async function verifyProjectCommand(verify: VerifyController, arg?: unknown): Promise<VerifyReport | undefined> {
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage('Backend Roadmap: verifying a project runs its code, so it needs a trusted workspace. Nothing was run.', 'Manage Workspace Trust');
    if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  const items = await verify.projectItems();
  let dir = arg instanceof vscode.Uri ? arg.fsPath : typeof arg === 'string' ? arg : undefined;
  if (!dir) {
    if (items.length === 0) {
      const choice = await vscode.window.showInformationMessage(
        'Backend Roadmap: no scaffolded project with milestone checks in this workspace. Scaffold one, open its folder, then verify it.',
        'Scaffold Starter Project',
      );
      if (choice) await vscode.commands.executeCommand(COMMANDS.scaffold);
      return undefined;
    }
    const picked = items.length === 1 ? items[0] : (await vscode.window.showQuickPick(items.map((i) => ({ label: i.label, description: i.description, item: i })), { title: 'Verify which project?' }))?.item;
    if (!picked?.uri) return undefined;
    dir = picked.uri.fsPath;
  }
  return verify.verify(dir);
}
