import * as assert from 'assert';
import * as vscode from 'vscode';
import type { BackendRoadmapApi } from '../../../src/extension';

export const EXTENSION_ID = 'backend-roadmap.backend-roadmap';

export async function activateExtension(): Promise<{ api: BackendRoadmapApi; manifest: { contributes: { commands: { command: string; category?: string }[] } } }> {
  const ext = vscode.extensions.getExtension<BackendRoadmapApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  return { api, manifest: ext.packageJSON };
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function countWebviewTabs(): number {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview).length;
}
