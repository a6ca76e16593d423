/**
 * The practice loop around a project's milestones: watch mode and its status bar, the milestone
 * page's content and actions (hints, watching, the reference), and the commands that reach them.
 */
import * as vscode from 'vscode';
import type { ProgressStore } from '../progress/store';
import type { RoadmapIndex } from '../roadmap/model';
import type { VerifyController } from '../verify/controller';
import type { Project } from '../verify/projectRun';
import { loadCompiledHints, type CompiledHints } from './compiledHints';
import { buildMilestoneView, type MilestoneRef, type MilestoneView } from './milestoneView';
import type { MilestoneAction } from './milestoneActions';
import { hasReference, ReferenceDocuments, showReferenceDiff } from './referenceDiff';
import { MilestoneWatch, phaseWords } from './watchMode';


export interface PracticeDeps {
  store: ProgressStore;
  index: RoadmapIndex;
  distDir: string;
  startersRoot: string;
  log: vscode.LogOutputChannel;
  /** Opens the milestone page in the lesson panel. */
  showMilestone: (ref: MilestoneRef) => void;
}

export class Practice implements vscode.Disposable {
  private watch: MilestoneWatch | undefined;
  private readonly statusBar = vscode.window.createStatusBarItem('backendRoadmap.watch', vscode.StatusBarAlignment.Left, 99);
  private readonly changed = new vscode.EventEmitter<void>();
  /** Something the milestone page shows changed: a run's results, watch mode's state. */
  readonly onDidChange = this.changed.event;
  private readonly documents = new ReferenceDocuments();
  private readonly subscriptions: vscode.Disposable[];
  private hintsCache: CompiledHints | undefined;

  constructor(
    private readonly controller: VerifyController,
    private readonly deps: PracticeDeps,
  ) {
    this.statusBar.name = 'Roadmap: watch mode';
    this.subscriptions = [this.statusBar, this.changed, this.documents, controller.runner.onDidChange(() => this.changed.fire())];
    controller.continuous = (request, token) => this.continuous(request, token);
  }

  dispose(): void {
    void this.stopWatching();
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }

  private get roadmapId(): string {
    return this.deps.index.roadmap.id;
  }

  private hints(): CompiledHints {
    return (this.hintsCache ??= loadCompiledHints(this.deps.distDir));
  }

  /** The workspace's project for an idea: the one watched, else the first found. */
  private projectFor(ideaId: string): Project | undefined {
    const watched = this.watch && this.controller.projectList.find((p) => p.dir === this.watch!.dir);
    return watched?.idea.id === ideaId ? watched : this.controller.projectList.find((p) => p.idea.id === ideaId);
  }

  /** What the milestone page shows; undefined when the idea or milestone has no checks. */
  view(ref: MilestoneRef): MilestoneView | undefined {
    const idea = this.deps.index.roadmap.projects.find((p) => p.id === ref.projectId);
    const project = this.projectFor(ref.projectId);
    const checks = project?.checks ?? this.controller.checksOf(ref.projectId);
    if (!idea || !checks?.milestones[ref.milestoneId]) return undefined;
    const { store } = this.deps;
    const watching = this.watch && project && this.watch.dir === project.dir ? this.watch : undefined;
    return buildMilestoneView({
      idea,
      milestoneId: ref.milestoneId,
      roadmapId: this.roadmapId,
      checks: checks.milestones[ref.milestoneId],
      healthPath: project?.manifest.healthPath,
      nodeTitle: (id) => this.deps.index.node(id)?.title,
      statusOf: (id) => store.displayStatus(this.roadmapId, id),
      peeked: (id) => store.peeked(this.roadmapId, id),
      verifiedBy: (id) => store.get(this.roadmapId, id)?.verified,
      practice: store.practice(this.roadmapId, `${ref.projectId}/${ref.milestoneId}`),
      lastRuns: project && this.controller.runner.lastRuns(project.dir)[ref.milestoneId],
      project: project && { folder: vscode.workspace.asRelativePath(project.dir, true), stack: project.manifest.stack },
      hints: this.hints()[ref.projectId]?.[ref.milestoneId] ?? {},
      watch: watching && { focus: watching.current === ref.milestoneId, state: watching.current === ref.milestoneId ? phaseWords(watching.phase).text : `${idea.milestones.find((m) => m.id === watching.current)?.title ?? 'every milestone'}: ${phaseWords(watching.phase).text}` },
      reference: !!project && hasReference(this.deps.distDir, project),
    });
  }

  async act(ref: MilestoneRef, action: MilestoneAction): Promise<void> {
    const project = this.projectFor(ref.projectId);
    switch (action) {
      case 'hint': {
        const key = `${ref.projectId}/${ref.milestoneId}`;
        const total = this.view(ref)?.hints.total ?? 0;
        const opened = this.deps.store.practice(this.roadmapId, key).hints ?? 0;
        if (opened < total) await this.deps.store.openHints(this.roadmapId, key, opened + 1);
        return;
      }
      case 'watch':
        await this.watchMilestone({ dir: project?.dir, milestone: ref.milestoneId });
        return;
      case 'stopWatch':
        await this.stopWatching();
        return;
      case 'reference':
        if (project) await this.showReference(project);
        return;
    }
  }

  /** "Show the Reference Diff": for a Testing view item, `{ dir }`, the only project, or a pick. */
  async showReferenceFor(arg?: unknown): Promise<void> {
    const projects = await this.controller.projectItems().then(() => this.controller.projectList);
    const fromItem = arg && typeof arg === 'object' && 'children' in arg ? this.controller.itemData(arg as vscode.TestItem)?.project : undefined;
    const dir = arg && typeof arg === 'object' && 'dir' in arg ? (arg as { dir: unknown }).dir : undefined;
    let project = fromItem ?? projects.find((p) => p.dir === dir) ?? (projects.length === 1 ? projects[0] : undefined);
    if (!project && projects.length > 1) project = await this.pickProject(projects, 'Show the reference of which project?');
    if (!project) {
      if (!projects.length) void vscode.window.showInformationMessage('Backend Roadmap: there is no project with milestone checks in this workspace.');
      return;
    }
    await this.showReference(project);
  }

  private async pickProject(projects: Project[], title: string): Promise<Project | undefined> {
    return (await vscode.window.showQuickPick(projects.map((p) => ({ label: p.item.label, description: vscode.workspace.asRelativePath(p.dir, true), p })), { title }))?.p;
  }

  async showReference(project: Project): Promise<void> {
    try {
      if (await showReferenceDiff(project, { ...this.deps, roadmapId: this.roadmapId, documents: this.documents })) this.changed.fire();
    } catch (err) {
      this.deps.log.error(`reference of ${project.dir}: ${(err as Error).message}`);
      void vscode.window.showErrorMessage(`Backend Roadmap: the reference could not be shown: ${(err as Error).message}`);
    }
  }

  /** The command's argument: a Testing view item, `{ dir, milestone }`, or nothing (then it asks). */
  watchFrom(arg?: unknown): Promise<void> {
    if (arg && typeof arg === 'object' && 'children' in arg) {
      const data = this.controller.itemData(arg as vscode.TestItem);
      return this.watchMilestone(data && { dir: data.project.dir, ...(data.milestone ? { milestone: data.milestone } : {}) });
    }
    const { dir, milestone } = (arg && typeof arg === 'object' ? arg : {}) as { dir?: unknown; milestone?: unknown };
    return this.watchMilestone({ ...(typeof dir === 'string' ? { dir } : {}), ...(typeof milestone === 'string' ? { milestone } : {}) });
  }

  /**
   * "Roadmap: Watch Milestone": asks for the project (when there are several) and the milestone
   * (the next one not passed by default), then watches until stopped.
   */
  async watchMilestone(arg?: { dir?: string; milestone?: string }): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Backend Roadmap: watch mode runs the project\'s code, so it needs a trusted workspace.', 'Manage Workspace Trust').then((c) => c && vscode.commands.executeCommand('workbench.trust.manage'));
      return;
    }
    const projects = await this.controller.projectItems().then(() => this.controller.projectList);
    let project = arg?.dir ? projects.find((p) => p.dir === arg.dir) : projects.length === 1 ? projects[0] : undefined;
    if (!project && projects.length > 1) {
      project = await this.pickProject(projects, 'Watch which project?');
      if (!project) return;
    }
    if (!project) {
      void vscode.window.showInformationMessage('Backend Roadmap: there is no project with milestone checks in this workspace. Scaffold one first ("Roadmap: Scaffold Starter Project").', 'Scaffold Starter Project').then((c) => c && vscode.commands.executeCommand('backendRoadmap.scaffold'));
      return;
    }
    let milestone = arg?.milestone;
    if (milestone === undefined) {
      const items = [
        { label: '$(debug-step-over) The next milestone not passed yet', description: 'moves on as each one passes', id: undefined as string | undefined },
        ...project.idea.milestones.filter((m) => project!.checks.milestones[m.id]).map((m) => ({ label: m.title, description: m.id, id: m.id as string | undefined })),
      ];
      const pick = await vscode.window.showQuickPick(items, { title: `Watch which milestone of ${project.item.label}?` });
      if (!pick) return;
      milestone = pick.id;
    }
    await this.startWatch(project, milestone);
  }

  /** Watches an exercise folder that discovery has found: every save runs its checks. */
  async watchExercise(dir: string, topic: string): Promise<MilestoneWatch | undefined> {
    await this.controller.refresh();
    const project = this.controller.projectList.find((p) => p.dir === dir);
    if (!project) {
      void vscode.window.showWarningMessage(`Backend Roadmap: ${vscode.workspace.asRelativePath(dir, true)} cannot be checked: see its starter.json in the Problems panel.`);
      return undefined;
    }
    return this.startWatch(project, topic);
  }

  private async startWatch(project: Project, focus: string | undefined): Promise<MilestoneWatch> {
    await this.stopWatching();
    const watch = (this.watch = new MilestoneWatch(this.controller, project.dir, focus));
    const exercise = project.manifest.exercise;
    const update = () => {
      if (this.watch !== watch) return;
      const words = phaseWords(watch.phase);
      if (exercise !== undefined) {
        // An exercise has one milestone, its topic: the status bar opens the topic's lesson.
        this.statusBar.text = `$(${words.icon}) Exercise: ${words.text}`;
        this.statusBar.tooltip = `Watching the exercise in ${vscode.workspace.asRelativePath(project.dir, true)}: every save runs its checks. Click for the lesson; "Roadmap: Stop Watching" stops.`;
        this.statusBar.command = { command: 'backendRoadmap.openLesson', title: 'Open Lesson', arguments: [exercise] };
        this.statusBar.show();
        this.changed.fire();
        return;
      }
      const title = project.idea.milestones.find((m) => m.id === watch.current)?.title ?? 'every milestone';
      this.statusBar.text = `$(${words.icon}) ${title}: ${words.text}`;
      this.statusBar.tooltip = `Watching ${vscode.workspace.asRelativePath(project.dir, true)}: every save rebuilds, restarts the server and checks "${title}", then the milestones before it. Click for the milestone page; "Roadmap: Stop Watching" stops.`;
      this.statusBar.command = watch.current ? { command: 'backendRoadmap.openMilestone', title: 'Open Milestone', arguments: [{ projectId: project.idea.id, milestoneId: watch.current }] } : undefined;
      this.statusBar.show();
      this.changed.fire();
    };
    watch.onDidChange(update);
    update();
    void vscode.commands.executeCommand('setContext', 'backendRoadmap.watching', true);
    if (watch.current && exercise === undefined) this.deps.showMilestone({ roadmapId: this.roadmapId, projectId: project.idea.id, milestoneId: watch.current });
    return watch;
  }

  async stopWatching(): Promise<void> {
    const watch = this.watch;
    this.watch = undefined;
    this.statusBar.hide();
    void vscode.commands.executeCommand('setContext', 'backendRoadmap.watching', false);
    if (watch) {
      this.changed.fire();
      await watch.stop();
    }
  }

  /** The watch under way (tests). */
  get watching(): MilestoneWatch | undefined {
    return this.watch;
  }

  /** The Testing view's watch toggle: a milestone item focuses on it; a project or check, on the next not passed. */
  private async continuous(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const first = request.include?.[0];
    const data = first ? this.controller.itemData(first) : undefined;
    const project = data?.project ?? this.controller.projectList[0];
    if (!project) return;
    const watch = await this.startWatch(project, data?.milestone);
    await new Promise<void>((resolve) => token.onCancellationRequested(() => resolve()));
    if (this.watch === watch) await this.stopWatching();
  }

  /** "Open Milestone": from a Testing view item, a page reference, a topic of the tree, or a pick. */
  async openMilestone(arg?: unknown): Promise<void> {
    const ref = await this.resolveMilestone(arg);
    if (ref) this.deps.showMilestone(ref);
  }

  private async resolveMilestone(arg: unknown): Promise<MilestoneRef | undefined> {
    const roadmapId = this.roadmapId;
    const checked = (ideaId: string, milestoneId: string) => !!(this.projectFor(ideaId)?.checks ?? this.controller.checksOf(ideaId))?.milestones[milestoneId];
    if (arg && typeof arg === 'object' && 'projectId' in arg && 'milestoneId' in arg) {
      const { projectId, milestoneId } = arg as { projectId: unknown; milestoneId: unknown };
      if (typeof projectId === 'string' && typeof milestoneId === 'string' && checked(projectId, milestoneId)) return { roadmapId, projectId, milestoneId };
      void vscode.window.showWarningMessage(`Backend Roadmap: '${String(milestoneId)}' is not a milestone with checks of '${String(projectId)}'.`);
      return undefined;
    }
    const data = arg && typeof arg === 'object' && 'id' in arg && 'children' in arg ? this.controller.itemData(arg as vscode.TestItem) : undefined;
    if (data) {
      const milestoneId = data.milestone ?? this.watchFocus(data.project) ?? data.project.idea.milestones[0].id;
      return { roadmapId, projectId: data.project.idea.id, milestoneId };
    }
    // A topic (the tree passes its node id): the milestones that verify it.
    const nodeId = typeof arg === 'string' ? arg : arg && typeof arg === 'object' && 'nodeId' in arg ? String((arg as { nodeId: unknown }).nodeId) : undefined;
    const candidates = this.deps.index.roadmap.projects.flatMap((idea) => idea.milestones.filter((m) => (!nodeId || m.nodes.includes(nodeId)) && checked(idea.id, m.id)).map((m) => ({ idea, m })));
    if (!candidates.length) {
      void vscode.window.showInformationMessage(`Backend Roadmap: ${nodeId ? `no milestone with checks verifies '${this.deps.index.node(nodeId)?.title ?? nodeId}'` : 'no milestone has checks'}.`);
      return undefined;
    }
    const pick = candidates.length === 1 ? { c: candidates[0] } : await vscode.window.showQuickPick(candidates.map((c) => ({ label: c.m.title, description: c.idea.title, detail: c.m.description, c })), { title: 'Open which milestone?', matchOnDescription: true });
    return pick && { roadmapId, projectId: pick.c.idea.id, milestoneId: pick.c.m.id };
  }

  private watchFocus(project: Project): string | undefined {
    return this.watch?.dir === project.dir ? this.watch.current : undefined;
  }
}
