import * as vscode from 'vscode';
import { SETTINGS } from '../ids';
import { PROGRESS_KEY, ProgressStore } from './store';

/**
 * The learner's progress: workspace state, mirrored into synced global state while the setting
 * asks for it. Saved progress that cannot be read is reported and left untouched.
 */
export function openProgressStore(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, subscriptions: vscode.Disposable[]): ProgressStore {
  const syncEnabled = () => vscode.workspace.getConfiguration(SETTINGS.section).get<boolean>(SETTINGS.syncProgress, false);
  context.globalState.setKeysForSync([PROGRESS_KEY]);
  const store = new ProgressStore(context.workspaceState, undefined, syncEnabled() ? context.globalState : undefined);
  if (store.loadProblem) {
    log.error(`saved progress could not be read: ${store.loadProblem}. It was left untouched.`);
    void vscode.window.showWarningMessage(`Backend Roadmap: saved progress could not be read (${store.loadProblem}). It was left as it is; see the log.`);
  }
  subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.syncProgress}`)) void store.setMirror(syncEnabled() ? context.globalState : undefined);
    }),
  );
  return store;
}
