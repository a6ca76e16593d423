import * as vscode from 'vscode';
import { PROJECT_EXCLUDE_GLOB, PROJECT_GLOB } from '../scaffold/names';

/**
 * Calls `found` once the workspace holds a scaffolded project (a starter.json), now or later, so the
 * Testing view's controller loads only in workspaces that need it.
 */
export function watchForProjects(found: () => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher(PROJECT_GLOB, false, true, true);
  void vscode.workspace.findFiles(PROJECT_GLOB, PROJECT_EXCLUDE_GLOB, 1).then((uris) => uris.length > 0 && found());
  return vscode.Disposable.from(watcher, watcher.onDidCreate(() => found()));
}
