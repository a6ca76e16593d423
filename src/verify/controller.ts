/**
 * Milestones in VS Code's Testing view: every scaffolded project in the workspace is a test item,
 * its milestones and their checks are children, and a run starts the learner's server through the
 * pure runner. Passing milestones mark their nodes verified. Runs only in a trusted workspace.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { RoadmapProgress } from '../progress/store';
import type { ProjectIdea, RoadmapIndex } from '../roadmap/model';
import { MANIFEST_FILE, PROJECT_EXCLUDE_GLOB, PROJECT_GLOB, STACK_NAMES } from '../scaffold/names';
import type { IdeaChecks } from './checks';
import { loadCompiledChecks } from './compiled';
import { parseProjectManifest, type ProjectManifest } from './manifest';
import { announce } from './announce';
import { ProjectRunner, type Project } from './projectRun';
import { VerifyError, type VerifyEvent, type VerifyReport } from './runner';

export const TEST_CONTROLLER_ID = 'backendRoadmap.milestones';
/** Projects shown at most; found at any depth of the workspace, dependencies left out. */
const MAX_PROJECTS = 200;

/** What a test item stands for. */
type ItemData = { kind: 'project'; project: Project } | { kind: 'milestone'; project: Project; milestone: string } | { kind: 'check'; project: Project; milestone: string; index: number };

/** An exercise seen as a project of one milestone, its topic (exercise/model.ts asIdea). */
export interface ExerciseProject {
  idea: ProjectIdea;
  checks: IdeaChecks;
  stackLabel(stack: string): string;
}

export interface VerifyDeps {
  /** The built-in exercises by topic; an exercise folder's manifest names one. */
  exercises?: () => Record<string, ExerciseProject>;
  workspaceState: vscode.Memento;
  index: RoadmapIndex;
  progress: RoadmapProgress;
  distDir: string;
  log: vscode.LogOutputChannel;
}

export class VerifyController implements vscode.Disposable {
  readonly controller: vscode.TestController;
  private readonly data = new WeakMap<vscode.TestItem, ItemData>();
  private projects = new Map<string, Project>();
  /** starter.json files that cannot be verified, with the reason, in the Problems panel. */
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('backendRoadmap.starter');
  private checks: Record<string, IdeaChecks> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private discovering: Promise<void> | undefined;
  private rediscover: NodeJS.Timeout | undefined;
  /** The last report per project folder, for tests and the command's summary. */
  readonly lastReports = new Map<string, VerifyReport>();
  /** The last remote run's report ("Verify Deployed Server", remoteCommand.ts), for tests. */
  lastRemoteReport: VerifyReport | undefined;
  readonly runner: ProjectRunner;
  /** The default profile; its watch toggle (continuous run) starts watch mode. */
  readonly runProfile: vscode.TestRunProfile;
  /** Watches what a continuous run (the Testing view's watch toggle) asks for, until `token` is cancelled. */
  continuous: ((request: vscode.TestRunRequest, token: vscode.CancellationToken) => Promise<void>) | undefined;

  constructor(private readonly deps: VerifyDeps) {
    this.controller = vscode.tests.createTestController(TEST_CONTROLLER_ID, 'Roadmap milestones');
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discover();
    };
    this.controller.refreshHandler = () => this.discover();
    this.runner = new ProjectRunner(deps.workspaceState, deps.index, deps.progress, deps.log);
    // supportsContinuousRun: the Testing view offers its watch toggle, which runs watch mode.
    this.runProfile = this.controller.createRunProfile('Verify milestones', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token, false), true, undefined, true);
    this.controller.createRunProfile('Install, then verify milestones', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token, true), false);
    const watcher = vscode.workspace.createFileSystemWatcher(PROJECT_GLOB);
    const later = () => {
      clearTimeout(this.rediscover);
      this.rediscover = setTimeout(() => void this.discover(), 300);
    };
    this.disposables.push(
      this.controller,
      this.runner,
      this.diagnostics,
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

  /** The built-in exercises as projects of one milestone, by topic. */
  private exercises(): Record<string, ExerciseProject> {
    return this.deps.exercises?.() ?? {};
  }

  private ideaChecks(): Record<string, IdeaChecks> {
    return (this.checks ??= loadCompiledChecks(this.deps.distDir, this.deps.index.roadmap.projects));
  }

  /** Finds the scaffolded projects of the workspace and (re)builds the test items. */
  discover(): Promise<void> {
    return (this.discovering ??= this.findProjects().finally(() => (this.discovering = undefined)));
  }

  /** A discovery that starts after now, so a manifest just written is seen. */
  async refresh(): Promise<void> {
    await this.discovering;
    await this.discover();
  }

  private async findProjects(): Promise<void> {
    const files = await vscode.workspace.findFiles(PROJECT_GLOB, PROJECT_EXCLUDE_GLOB, MAX_PROJECTS);
    const found = new Map<string, Project>();
    const broken: vscode.TestItem[] = [];
    this.diagnostics.clear();
    for (const file of files.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
      const dir = path.dirname(file.fsPath);
      const problem = (line: number, column: number, message: string) => {
        const at = new vscode.Position(line - 1, column - 1);
        this.diagnostics.set(file, [...(this.diagnostics.get(file) ?? []), Object.assign(new vscode.Diagnostic(new vscode.Range(at, at.translate(0, 1)), message, vscode.DiagnosticSeverity.Error), { source: 'Backend Roadmap' })]);
      };
      let text: string;
      try {
        text = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
      } catch (err) {
        this.deps.log.warn(`${file.fsPath} could not be read: ${(err as Error).message}`);
        continue;
      }
      const parsed = parseProjectManifest(text);
      // An exercise folder is a project of one milestone, its topic (exercise/model.ts).
      const topic = parsed.manifest?.exercise;
      const exercise = topic !== undefined ? this.exercises()[topic] : undefined;
      const asProject = exercise;
      const idea = asProject?.idea ?? (parsed.manifest && topic === undefined ? this.deps.index.roadmap.projects.find((p) => p.id === parsed.manifest!.idea) : undefined);
      const checks = asProject?.checks ?? (parsed.manifest && topic === undefined ? this.ideaChecks()[parsed.manifest.idea] : undefined);
      if (parsed.manifest && idea && checks) {
        found.set(dir, this.buildItems(dir, parsed.manifest, idea, checks));
        continue;
      }
      // Never skipped in silence: the reason shows in the Problems panel and as an error item.
      const withChecks = () => this.checkedIdeas().map((p) => p.id).join(', ');
      const reasons = parsed.manifest
        ? [{ line: 1, column: 1, message: topic !== undefined ? `'${topic}' has no exercise (${Object.keys(this.exercises()).length} topics have one: "Roadmap: Start Exercise" lists them)` : !idea ? `'${parsed.manifest.idea}' is not a project idea of the roadmap (${withChecks()} have checks)` : `'${parsed.manifest.idea}' has no milestone checks yet (${withChecks()} have)` }]
        : parsed.problems;
      for (const r of reasons) problem(r.line, r.column, `${MANIFEST_FILE}: ${r.message}`);
      const item = this.controller.createTestItem(`${file.toString()}#invalid`, `${vscode.workspace.asRelativePath(file, true)} cannot be verified`, file);
      item.error = reasons.map((r) => `${MANIFEST_FILE}:${r.line}:${r.column}: ${r.message}`).join('\n');
      broken.push(item);
      this.deps.log.warn(`${file.fsPath} cannot be verified: ${reasons.map((r) => `${r.line}:${r.column}: ${r.message}`).join('; ')}`);
    }
    this.projects = found;
    this.controller.items.replace([...[...found.values()].map((p) => p.item), ...broken]);
  }

  /** An idea's milestone checks, whether or not the workspace has a project of it. */
  checksOf(ideaId: string): IdeaChecks | undefined {
    return this.ideaChecks()[ideaId];
  }

  /** The roadmap's project ideas that have milestone checks, in roadmap order. */
  checkedIdeas(): ProjectIdea[] {
    const checks = this.ideaChecks();
    return this.deps.index.roadmap.projects.filter((p) => checks[p.id]);
  }

  private buildItems(dir: string, manifest: ProjectManifest, idea: ProjectIdea, checks: IdeaChecks): Project {
    const uri = vscode.Uri.file(dir);
    const stack = STACK_NAMES[manifest.stack as keyof typeof STACK_NAMES] ?? manifest.stack;
    const stackName = manifest.exercise !== undefined ? this.exercises()[manifest.exercise]?.stackLabel(manifest.stack) : stack;
    const item = this.controller.createTestItem(uri.toString(), stackName ? `${idea.title} (${stackName})` : idea.title, uri);
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

  /** The projects found so far (discovery keeps them current), in folder order. */
  get projectList(): Project[] {
    return [...this.projects.values()];
  }

  /** The project item a Testing view item belongs to, with the milestone it stands for (if any). */
  itemData(item: vscode.TestItem): { project: Project; milestone?: string } | undefined {
    const d = this.data.get(item);
    return d && { project: d.project, ...(d.kind === 'project' ? {} : { milestone: d.milestone }) };
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
    if (request.continuous && this.continuous) {
      // The Testing view's watch toggle: watching lasts until the learner turns it off.
      if (this.refuseUntrusted(request)) return;
      await this.continuous(request, token);
      return;
    }
    const run = this.controller.createTestRun(request, 'Verify milestones', false);
    try {
      const selection = this.select(request);
      if (this.refuseUntrusted(request, run, selection)) return;
      for (const [dir, { project, only, items }] of selection) {
        if (token.isCancellationRequested) break;
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          const report = await this.runner.execute(run, project, { only, items, install, signal: abort.signal });
          if (report) {
            this.lastReports.set(dir, report);
            announce(project.item.label, report, (id) => this.deps.index.node(id)?.title ?? id);
          }
        } finally {
          sub.dispose();
        }
      }
    } finally {
      run.end();
    }
  }

  /**
   * A watch run: builds, then runs the milestone in focus and the ones before it, in a Testing view
   * run of their items, so the view shows each result as it comes.
   */
  async runWatched(dir: string, focus: string | undefined, signal: AbortSignal, onEvent: (e: VerifyEvent) => void): Promise<VerifyReport | undefined> {
    await this.discover();
    const project = this.projects.get(dir);
    if (!project) throw new VerifyError(`${dir} is not a scaffolded project with milestone checks`);
    const at = focus === undefined ? -1 : project.idea.milestones.findIndex((m) => m.id === focus);
    const ids = at < 0 ? project.idea.milestones.map((m) => m.id) : project.idea.milestones.slice(0, at + 1).map((m) => m.id);
    const include: vscode.TestItem[] = [];
    project.item.children.forEach((m) => {
      const d = this.data.get(m);
      if (d?.kind === 'milestone' && ids.includes(d.milestone)) include.push(m);
    });
    const request = new vscode.TestRunRequest(include);
    const run = this.controller.createTestRun(request, 'Watch milestone', false);
    try {
      const [entry] = this.select(request).values();
      if (!entry) return undefined;
      const report = await this.runner.execute(run, project, { items: entry.items, install: false, build: true, focus: at < 0 ? undefined : focus, signal, onEvent });
      if (report && report.problem?.kind !== 'cancelled') this.lastReports.set(dir, report);
      return report;
    } finally {
      run.end();
    }
  }

  /** Outside a trusted workspace nothing runs: every item says why, and the learner is offered the fix. */
  private refuseUntrusted(request: vscode.TestRunRequest, run?: vscode.TestRun, selection?: ReturnType<VerifyController['select']>): boolean {
    if (vscode.workspace.isTrusted) return false;
    const message = new vscode.TestMessage('Verifying runs the project\'s own code, so it needs a trusted workspace. Trust this folder ("Workspaces: Manage Workspace Trust") and run again.');
    if (run) for (const { items } of (selection ?? this.select(request)).values()) for (const item of items.values()) run.errored(item, message);
    void vscode.window.showWarningMessage('Backend Roadmap: verifying a project runs its code, so it needs a trusted workspace. Nothing was run.', 'Manage Workspace Trust').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return true;
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
}
