import * as path from 'path';
import * as vscode from 'vscode';
import { bundles } from './bundles';
import { registerCommands, registerCommandsWithoutRoadmap, writeRetrospective, type CommandServices } from './commands';
import type { DashboardPanel } from './dashboard/dashboardPanel';
import type { Dashboards } from './dashboard/dashboards';
import type { Graphs } from './graph/graphs';
import { CONTEXT_KEYS, DASHBOARD_PANEL, GRAPH_PANEL, LESSON_PANEL, REVIEW_PANEL, TREE_VIEW } from './ids';
import { lessonActions } from './lesson/actions';
import type { LessonPanel } from './lesson/lessonPanel';
import { NotesService } from './notes/notesService';
import { openProgressStore } from './progress/openStore';
import { LanguageChoice } from './progress/languageChoice';
import { ProgressStatusBar } from './progress/statusBar';
import type { ReviewPanel } from './review/reviewPanel';
import type { ProgressStore, RoadmapProgress } from './progress/store';
import { LessonStore, loadCompiledRoadmap } from './roadmap/load';
import { BUILTIN_ROADMAP_ID, type RoadmapIndex } from './roadmap/model';
import { builtinRoadmap, Roadmaps } from './roadmaps/registry';
import { WorkspaceRoadmaps } from './roadmaps/workspace';
import { RoadmapView } from './tree/roadmapView';
import type { Practice } from './practice/practice';
import { checkedIdeaIds } from './practice/checkedIdeas';
import { loadExerciseIndex, type ExerciseSummary } from './exercise/summary';
import type { VerifyController } from './verify/controller';
import { watchForProjects } from './verify/discover';
import { trackVerifiedOnce } from './progress/walkthrough';
import { loadCompiledQuizzes, loadQuizIndex, type CompiledQuiz } from './quiz/compiled';
import { loadGlossary, type GlossaryTerm } from './glossary/terms';

/** What tests and other extensions can reach. */
export interface BackendRoadmapApi {
  /** The built-in roadmap. */
  index: RoadmapIndex | undefined;
  store: ProgressStore;
  /** The built-in roadmap's progress. */
  progress: RoadmapProgress;
  /** Every roadmap shown: the built-in one and the workspace's own. */
  roadmaps?: Roadmaps;
  lessons?: LessonPanel;
  view?: RoadmapView;
  statusBar?: ProgressStatusBar;
  notes?: NotesService;
  /** The built-in roadmap's dashboard; `dashboards` has one per roadmap. */
  dashboard?: DashboardPanel;
  dashboards?: Dashboards;
  /** Graph pages (one per roadmap) and the progress exports. */
  graphs?: Graphs;
  verify?: VerifyController;
  /** Watch mode, milestone pages, hints and references. */
  practice?: Practice;
  /** Disposes everything and activates again on the same state: a deactivate/activate cycle. */
  restart(): BackendRoadmapApi;
}

export function activate(context: vscode.ExtensionContext): BackendRoadmapApi {
  const log = vscode.window.createOutputChannel('Backend Roadmap', { log: true });
  context.subscriptions.push(log);
  let session: vscode.Disposable[] = [];
  let current: Omit<BackendRoadmapApi, 'restart'>;
  context.subscriptions.push({ dispose: () => disposeAll(session) });
  const start = () => {
    disposeAll(session);
    session = [];
    current = startSession(context, log, session);
  };
  start();
  // The same object always shows the current session, so callers keep a valid handle after restart().
  const api: BackendRoadmapApi = {
    get index() { return current.index; },
    get store() { return current.store; },
    get progress() { return current.progress; },
    get lessons() { return current.lessons; },
    get view() { return current.view; },
    get statusBar() { return current.statusBar; },
    get notes() { return current.notes; },
    get dashboard() { return current.dashboard; },
    get roadmaps() { return current.roadmaps; },
    get dashboards() { return current.dashboards; },
    get graphs() { return current.graphs; },
    get verify() { return current.verify; },
    get practice() { return current.practice; },
    restart: () => (start(), api),
  };
  return api;
}

/** Quiz items due at `now` in the topics of every roadmap shown (answers of topics a roadmap no longer has are left out). */
function dueInAll(roadmaps: Roadmaps, store: ProgressStore, now: Date): number {
  return roadmaps.list().reduce((n, r) => {
    const byTopic = store.dueByTopic(r.id, now);
    return byTopic.size ? n + r.index.order.reduce((m, id) => m + (byTopic.get(id) ?? 0), 0) : n;
  }, 0);
}

function disposeAll(disposables: vscode.Disposable[]): void {
  for (const d of disposables.splice(0).reverse()) {
    try {
      d.dispose();
    } catch {
      // Keep disposing the rest.
    }
  }
}

function startSession(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, subscriptions: vscode.Disposable[]): Omit<BackendRoadmapApi, 'restart'> {
  /** Parts created after activation are disposed with the session too. */
  const track = <T extends vscode.Disposable>(d: T): T => (subscriptions.push(d), d);
  let disposed = false;
  const store = openProgressStore(context, log, subscriptions);
  const progress = store.scope(BUILTIN_ROADMAP_ID);
  const distDir = vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath;
  let index: RoadmapIndex;
  try {
    index = loadCompiledRoadmap(distDir);
  } catch (err) {
    // The tree stays empty and its welcome view offers the log.
    log.error(`the built-in roadmap could not be loaded: ${(err as Error).message}`);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.loadFailed, true);
    subscriptions.push(vscode.window.createTreeView(TREE_VIEW, { treeDataProvider: { getTreeItem: (e: vscode.TreeItem) => e, getChildren: () => [] } }), ...registerCommandsWithoutRoadmap(log));
    return { index: undefined, store, progress };
  }
  const startersRoot = vscode.Uri.joinPath(context.extensionUri, 'roadmap', 'starters').fsPath;
  const builtinLessons = new LessonStore(distDir);
  // Quizzes are read on first need: the ids alone (quiz-index.json) tell a checked topic, the text only a page needs.
  let quizIndex: Record<string, string[]> | undefined;
  let quizzes: Record<string, CompiledQuiz> | undefined;
  let glossary: GlossaryTerm[] | undefined;
  const builtinQuizzes = { items: (id: string) => (quizIndex ??= loadQuizIndex(distDir))[id], quiz: (id: string) => (quizzes ??= loadCompiledQuizzes(distDir))[id], glossary: () => (glossary ??= loadGlossary(distDir)), verifiable: (id: string) => hasMilestone(id, BUILTIN_ROADMAP_ID) || hasExercise(id, BUILTIN_ROADMAP_ID) };
  // Before the tree's first rows: the chosen language decides what counts.
  const language = new LanguageChoice(index, log);
  const roadmaps = new Roadmaps(builtinRoadmap(index, (id) => builtinLessons.html(id), startersRoot, builtinQuizzes), new WorkspaceRoadmaps(path.join(distDir, 'roadmapWorker.js'), log));
  // A topic whose quiz is done shows as checked, in any roadmap that carries quizzes.
  store.useQuizItems((roadmapId, id) => roadmaps.get(roadmapId)?.quizItems(id));
  const notes = new NotesService(roadmaps);
  let checkedIdeas: Set<string> | undefined;
  const checked = (): Set<string> => (checkedIdeas ??= checkedIdeaIds(distDir));
  let milestoneNodes: Set<string> | undefined;
  // Topics a milestone with checks verifies: their context menu opens the milestone's page.
  const hasMilestone = (id: string, roadmapId: string) => roadmapId === BUILTIN_ROADMAP_ID && (milestoneNodes ??= new Set(index.roadmap.projects.filter((p) => checked().has(p.id)).flatMap((p) => p.milestones.flatMap((m) => m.nodes)))).has(id);
  let exerciseTopics: Record<string, ExerciseSummary> | undefined;
  const exerciseIndex = (): Record<string, ExerciseSummary> => (exerciseTopics ??= loadExerciseIndex(distDir));
  // Topics with an exercise: their context menu and lesson page offer "Start Exercise".
  const hasExercise = (id: string, roadmapId: string) => roadmapId === BUILTIN_ROADMAP_ID && id in exerciseIndex();
  const view = new RoadmapView(roadmaps, store, context.workspaceState, (id, roadmapId) => notes.has(id, roadmapId), hasMilestone, hasExercise);
  let lessons: LessonPanel | undefined;
  const milestonePages = { hasChecks: (id: string) => checked().has(id), milestones: () => practiceOf(), exercise: (id: string) => exerciseIndex()[id] };
  const lessonPanel = (): LessonPanel => (lessons ??= track(new (bundles.lessonPanel().LessonPanel)(context.extensionUri, store, lessonActions(roadmaps, view, notes, milestonePages, language), log)));
  let review: ReviewPanel | undefined;
  const reviewPanel = (): ReviewPanel => (review ??= track(new (bundles.reviewPanel().ReviewPanel)(context.extensionUri, roadmaps, store, (roadmapId, nodeId) => lessonPanel().show(nodeId, roadmapId), log)));
  let dashboards: Dashboards | undefined;
  const dashboardsOf = (): Dashboards => (dashboards ??= track(new (bundles.dashboards().Dashboards)(context.extensionUri, roadmaps, store, view, (roadmapId) => writeRetrospective(services, roadmapId), log)));
  let graphs: Graphs | undefined;
  const graphsOf = (): Graphs => (graphs ??= track(new (bundles.graphs().Graphs)(context.extensionUri, roadmaps, store, view, (roadmapId, nodeId) => lessonPanel().show(nodeId, roadmapId), log, vscode.Uri.joinPath(context.globalStorageUri, 'graph-layouts').fsPath)));
  const statusBar = new ProgressStatusBar(index, progress, () => view.next(), (now) => dueInAll(roadmaps, store, now));
  let verify: VerifyController | undefined;
  const verifyController = (): VerifyController => (verify ??= track(bundles.verifyUi().createVerifyController({ workspaceState: context.workspaceState, index, progress, distDir, log })));
  let practice: Practice | undefined;
  const practiceOf = (): Practice =>
    (practice ??= track(new (bundles.verifyUi().Practice)(verifyController(), { store, index, distDir, startersRoot, log, showMilestone: (ref) => lessonPanel().showMilestone(ref) })));
  const services: CommandServices = {
    roadmaps, store, view, notes, log, language,
    verifyProject: (arg) => bundles.verifyUi().verifyProjectCommand(verifyController(), arg),
    verifyOwnProject: (arg) => bundles.verifyUi().verifyOwnProjectCommand(verifyController(), arg),
    verifyDeployed: (arg, url) => bundles.verifyUi().verifyDeployedCommand(verifyController(), arg, url),
    startExercise: (arg) => bundles.verifyUi().startExerciseCommand(verifyController(), practiceOf(), { index, distDir, workspaceState: context.workspaceState, log }, arg),
    practice: () => practiceOf(),
    get lessons() {
      return lessonPanel();
    },
    get review() {
      return reviewPanel();
    },
    get dashboards() {
      return dashboardsOf();
    },
    get graphs() {
      return graphsOf();
    },
  };
  subscriptions.push(
    language,
    roadmaps,
    notes,
    view,
    statusBar,
    notes.onDidChange(() => view.tree.refresh()),
    // Another language moves the counts, "next up" and the plans' groups (the dashboards follow the tree).
    language.onDidChange(() => view.tree.rebuild()),
    // The tree changes with progress and with the view's groupings: both move "next" and the counts.
    view.tree.onDidChangeTreeData(() => statusBar.update()),
    vscode.window.registerWebviewPanelSerializer(LESSON_PANEL, { deserializeWebviewPanel: (panel, state: unknown) => lessonPanel().revive(panel, state as { nodeId?: string; roadmapId?: string } | undefined) }),
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_PANEL, { deserializeWebviewPanel: (panel, state: unknown) => dashboardsOf().revive(panel, state) }),
    vscode.window.registerWebviewPanelSerializer(GRAPH_PANEL, { deserializeWebviewPanel: (panel, state: unknown) => graphsOf().revive(panel, state) }),
    vscode.window.registerWebviewPanelSerializer(REVIEW_PANEL, { deserializeWebviewPanel: async (panel) => reviewPanel().revive(panel) }),
  );
  // While the view is opening, its first rows go to the workbench before the 22 commands, which
  // follow a moment later on the same ordered channel, well before a learner can click a row.
  // Otherwise (a command or a panel activated the extension) they are registered at once,
  // before activate() returns.
  const commandsFirst = !view.view.visible;
  if (commandsFirst) subscriptions.push(...registerCommands(services));
  // What the first rows of the tree do not need starts once they are drawn: looking for notes and
  // scaffolded projects (whose milestones go to the Testing view), and the status bar; the
  // workspace's roadmap files are looked for once the tree has shown (or a command asks).
  void view.tree.firstPaint.then(() => disposed || void roadmaps.start());
  void view.afterFirstPaint.then(() => {
    if (disposed) return;
    if (!commandsFirst) subscriptions.push(...registerCommands(services));
    notes.start();
    statusBar.show();
    subscriptions.push(watchForProjects(() => verifyController()), trackVerifiedOnce(progress));
  });
  subscriptions.push({ dispose: () => (disposed = true) });
  return {
    index, store, progress, view, statusBar, notes, roadmaps,
    get lessons() {
      return lessonPanel();
    },
    get dashboards() {
      return dashboardsOf();
    },
    get dashboard() {
      return dashboardsOf().get();
    },
    get graphs() {
      return graphsOf();
    },
    get verify() {
      return verifyController();
    },
    get practice() {
      return practiceOf();
    },
  };
}

export function deactivate(): void {}
