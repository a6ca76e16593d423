import * as path from 'path';
import * as vscode from 'vscode';
import { registerCommands, registerCommandsWithoutRoadmap, writeRetrospective, type CommandServices } from './commands';
import type * as DashboardBundle from './dashboard/bundle';
import type { DashboardPanel } from './dashboard/dashboardPanel';
import { CustomRoadmaps } from './custom/customRoadmaps';
import { COMMANDS, DASHBOARD_PANEL, LESSON_PANEL, SETTINGS, TREE_VIEW } from './ids';
import type * as LessonBundle from './lesson/bundle';
import type { LessonPanel } from './lesson/lessonPanel';
import { NotesService } from './notes/notesService';
import { ProgressStatusBar } from './progress/statusBar';
import { BUILTIN_ROADMAP_ID, PROGRESS_KEY, ProgressStore, type RoadmapProgress } from './progress/store';
import type * as Loader from './roadmap/customLoader';
import { LessonStore, loadCompiledRoadmap } from './roadmap/load';
import type { RoadmapIndex } from './roadmap/model';
import { orderedNodeIds } from './progress/plan';
import type * as ScaffoldBundle from './scaffold/bundle';
import { RoadmapView } from './tree/roadmapView';
import { lazyBundle } from './util/lazy';
import { PROJECT_EXCLUDE_GLOB, PROJECT_GLOB } from './scaffold/names';
import type * as VerifyUi from './verify/controller';
import type { VerifyController } from './verify/controller';

/** What tests and other extensions can reach. */
export interface BackendRoadmapApi {
  index: RoadmapIndex | undefined;
  store: ProgressStore;
  progress: RoadmapProgress;
  lessons?: LessonPanel;
  view?: RoadmapView;
  statusBar?: ProgressStatusBar;
  notes?: NotesService;
  dashboard?: DashboardPanel;
  verify?: VerifyController;
  /** The workspace's own roadmap files. */
  customs?: CustomRoadmaps;
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
    get customs() { return current.customs; },
    get verify() { return current.verify; },
    restart: () => (start(), api),
  };
  return api;
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
  const syncEnabled = () => vscode.workspace.getConfiguration(SETTINGS.section).get<boolean>(SETTINGS.syncProgress, false);
  context.globalState.setKeysForSync([PROGRESS_KEY]);
  const store = new ProgressStore(context.workspaceState, undefined, syncEnabled() ? context.globalState : undefined);
  if (store.loadProblem) {
    log.error(`saved progress could not be read: ${store.loadProblem}. It was left untouched.`);
    void vscode.window.showWarningMessage(`Backend Roadmap: saved progress could not be read (${store.loadProblem}). It was left as it is; see the log.`);
  }
  const progress = store.scope(BUILTIN_ROADMAP_ID);
  subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.syncProgress}`)) void store.setMirror(syncEnabled() ? context.globalState : undefined);
    }),
  );

  const distDir = vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath;
  let index: RoadmapIndex;
  try {
    index = loadCompiledRoadmap(distDir);
  } catch (err) {
    // The tree stays empty and its welcome view offers the log.
    log.error(`the built-in roadmap could not be loaded: ${(err as Error).message}`);
    subscriptions.push(
      vscode.window.createTreeView(TREE_VIEW, { treeDataProvider: { getTreeItem: (e: vscode.TreeItem) => e, getChildren: () => [] } }),
      ...registerCommandsWithoutRoadmap(log),
    );
    return { index: undefined, store, progress };
  }

  const startersRoot = vscode.Uri.joinPath(context.extensionUri, 'roadmap', 'starters').fsPath;
  // Which ideas have starters is read once, on first use, so activation does not walk the folder.
  let starterIdeaIds: Set<string> | undefined;
  const starterIdeas = { has: (id: string) => (starterIdeaIds ??= new Set(lazyBundle<typeof ScaffoldBundle>('scaffoldEngine')().listStarters(startersRoot).starters.map((st) => st.manifest.idea))).has(id) };
  // The workspace's *.roadmap.yaml files are read in a worker, and only once the tree first shows.
  // The loader (dist/roadmapLoader.js) is required, and its worker started, when a file is first read.
  const loaderBundle = lazyBundle<typeof Loader>('roadmapLoader');
  let loader: Loader.CustomRoadmapLoader | undefined;
  const customs = new CustomRoadmaps({
    load: (file) => (loader ??= new (loaderBundle().CustomRoadmapLoader)(path.join(distDir, 'roadmapWorker.js'))).load(file),
    dispose: () => loader?.dispose(),
  }, log);
  const indexOf = (roadmapId: string) => (roadmapId === BUILTIN_ROADMAP_ID ? index : customs.get(roadmapId)?.loaded.index);
  const notes = new NotesService(({ roadmapId, nodeId }) => {
    const node = indexOf(roadmapId)?.node(nodeId);
    return node && { title: node.title || node.id, section: indexOf(roadmapId)?.sectionOf.get(nodeId)?.title ?? '' };
  });
  const view = new RoadmapView(index, progress, context.workspaceState, (id, roadmapId) => notes.has(id, roadmapId), customs);
  const builtinLessons = new LessonStore(distDir);
  // The lesson page and the dashboard are bundles of their own (dist/lessonPanel.js,
  // dist/dashboardPanel.js), created when first shown or restored.
  const lessonBundle = lazyBundle<typeof LessonBundle>('lessonPanel');
  let lessons: LessonPanel | undefined;
  const lessonPanel = (): LessonPanel => lessons ?? (lessons = track(new (lessonBundle().LessonPanel)(context.extensionUri, store, {
    roadmap: (roadmapId) => {
      if (roadmapId === BUILTIN_ROADMAP_ID) return { index, html: (id) => builtinLessons.html(id), order: () => orderedNodeIds(index, view.options.grouping), hasStarter: (projectId) => starterIdeas.has(projectId) };
      const loaded = customs.get(roadmapId)?.loaded;
      // Starters belong to the built-in project ideas; a workspace roadmap's ideas have none.
      return loaded?.index && { index: loaded.index, html: (id) => loaded.lessonHtml(id), order: () => loaded.index!.order, hasStarter: () => false };
    },
    roadmapsLoaded: () => customs.settled(),
    onDidChangeRoadmaps: customs.onDidChange,
    hasNotes: (id, roadmapId) => notes.has(id, roadmapId),
    onDidChangeNotes: notes.onDidChange,
    openNotes: (id, roadmapId) => notes.open(id, roadmapId),
    openDashboard: () => vscode.commands.executeCommand(COMMANDS.openDashboard),
    scaffold: (projectId) => vscode.commands.executeCommand(COMMANDS.scaffold, projectId),
  }, log)));
  const dashboardBundle = lazyBundle<typeof DashboardBundle>('dashboardPanel');
  let dashboard: DashboardPanel | undefined;
  const dashboardPanel = (): DashboardPanel => dashboard ?? (dashboard = track(new (dashboardBundle().DashboardPanel)(context.extensionUri, index, progress, () => view.options.grouping, () => writeRetrospective(services), log)));
  const statusBar = new ProgressStatusBar(index, progress, () => view.next());
  // Milestone checks live in the Testing view of workspaces that hold a scaffolded project: the
  // controller (dist/verifyUi.js) is loaded once one is found, or when the command runs.
  const verifyUi = lazyBundle<typeof VerifyUi>('verifyUi');
  let verify: VerifyController | undefined;
  const verifyController = (): VerifyController => verify ?? (verify = track(new (verifyUi().VerifyController)({ index, progress, distDir, log })));
  const services: CommandServices = {
    index, store, progress, view, notes, log, startersRoot, customs,
    verifyProject: (arg) => verifyUi().verifyProjectCommand(verifyController(), arg),
    get lessons() {
      return lessonPanel();
    },
    get dashboard() {
      return dashboardPanel();
    },
  };
  subscriptions.push(
    customs,
    notes,
    view,
    statusBar,
    notes.onDidChange(() => view.tree.refresh()),
    // The tree changes with this roadmap's progress and with the view's grouping: both move
    // "next" and the counts, so this one event keeps the status bar and the dashboard current.
    view.tree.onDidChangeTreeData(() => statusBar.update()),
    vscode.window.registerWebviewPanelSerializer(LESSON_PANEL, {
      deserializeWebviewPanel: async (panel, state: unknown) => lessonPanel().revive(panel, state as { nodeId?: string; roadmapId?: string } | undefined),
    }),
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_PANEL, {
      deserializeWebviewPanel: async (panel) => dashboardPanel().revive(panel),
    }),
    view.tree.onDidChangeTreeData(() => dashboard?.refresh()),
    ...registerCommands(services),
  );
  const projects = vscode.workspace.createFileSystemWatcher(PROJECT_GLOB, false, true, true);
  void vscode.workspace.findFiles(PROJECT_GLOB, PROJECT_EXCLUDE_GLOB, 1).then((found) => found.length > 0 && verifyController());
  subscriptions.push(
    projects,
    projects.onDidCreate(() => verifyController()),
  );
  return {
    index, store, progress, view, statusBar, notes, customs,
    get lessons() {
      return lessonPanel();
    },
    get dashboard() {
      return dashboardPanel();
    },
    get verify() {
      return verifyController();
    },
  };
}

export function deactivate(): void {}
