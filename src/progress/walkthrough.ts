import * as vscode from 'vscode';
import { CONTEXT_KEYS } from '../ids';
import type { RoadmapProgress } from './store';

/**
 * The Getting Started walkthrough's last step ("verify it") completes once any topic of the roadmap
 * is verified: on start when progress already has one, else when a milestone check turns one.
 */
export function trackVerifiedOnce(progress: RoadmapProgress): vscode.Disposable {
  let done = false;
  const update = (): void => {
    if (done || !progress.ids().some((id) => progress.displayStatus(id) === 'verified')) return;
    done = true;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.verifiedOnce, true);
  };
  update();
  return progress.store.onDidChange((change) => change.roadmapId === progress.roadmapId && update());
}
