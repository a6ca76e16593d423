import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { COMMANDS, LESSON_PANEL, TREE_VIEW } from './ids';
import { LessonPanel } from './lesson/lessonPanel';
import { ProgressStore } from './progress/store';
import { LessonStore, loadCompiledRoadmap } from './roadmap/load';
import type { RoadmapIndex } from './roadmap/model';
import { RoadmapTreeProvider } from './tree/roadmapTree';

/** What tests and other extensions can reach. */
export interface BackendRoadmapApi {
  index: RoadmapIndex | undefined;
  progress: ProgressStore;
  lessons: LessonPanel | undefined;
  tree: RoadmapTreeProvider | undefined;
}

export function activate(context: vscode.ExtensionContext): BackendRoadmapApi {
  const log = vscode.window.createOutputChannel('Backend Roadmap', { log: true });
  context.subscriptions.push(log);
  const progress = new ProgressStore(context.workspaceState);
  if (progress.loadProblem) {
    log.error(`saved progress could not be read: ${progress.loadProblem}. It was left untouched.`);
    void vscode.window.showWarningMessage(`Backend Roadmap: saved progress could not be read (${progress.loadProblem}). It was left as it is; see the log.`);
  }
  const distDir = vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath;
  let index: RoadmapIndex;
  try {
    index = loadCompiledRoadmap(distDir);
  } catch (err) {
    // The tree stays empty and its welcome view offers the log.
    log.error(`the built-in roadmap could not be loaded: ${(err as Error).message}`);
    context.subscriptions.push(vscode.window.createTreeView(TREE_VIEW, { treeDataProvider: { getTreeItem: (e: vscode.TreeItem) => e, getChildren: () => [] } }));
    context.subscriptions.push(...registerCommandsWithoutRoadmap(log));
    return { index: undefined, progress, lessons: undefined, tree: undefined };
  }
  const tree = new RoadmapTreeProvider(index, progress);
  const lessons = new LessonPanel(context.extensionUri, index, new LessonStore(distDir), progress, log);
  context.subscriptions.push(
    tree,
    lessons,
    vscode.window.createTreeView(TREE_VIEW, { treeDataProvider: tree, showCollapseAll: true }),
    vscode.window.registerWebviewPanelSerializer(LESSON_PANEL, {
      deserializeWebviewPanel: async (panel, state: unknown) => lessons.revive(panel, state as { nodeId?: string } | undefined),
    }),
    ...registerCommands({ index, progress, lessons, log }),
  );
  return { index, progress, lessons, tree };
}

/** With no roadmap, commands still exist (so the palette does not show errors) and explain. */
function registerCommandsWithoutRoadmap(log: vscode.LogOutputChannel): vscode.Disposable[] {
  const explain = () => void vscode.window.showErrorMessage('Backend Roadmap: the roadmap could not be loaded; see the log.');
  return [
    vscode.commands.registerCommand(COMMANDS.openLesson, explain),
    vscode.commands.registerCommand(COMMANDS.markDone, explain),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
  ];
}

export function deactivate(): void {}
