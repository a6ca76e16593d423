import * as vscode from 'vscode';
import type { BackendRoadmapApi } from '../../src/extension';
import { COMMANDS } from '../../src/ids';
import type { LessonPanel } from '../../src/lesson/lessonPanel';
import { sleep } from './measure';

export const OURS = 'backend-roadmap.backend-roadmap';
/** bench/baseline-extension: an extension that does nothing, loaded into the same host. */
export const BASELINE = 'backend-roadmap-bench.bench-baseline';

export function extension<T>(id: string): vscode.Extension<T> {
  const ext = vscode.extensions.getExtension<T>(id);
  if (!ext) {
    const loaded = vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => `${e.id} (${e.extensionPath})`);
    throw new Error(`extension ${id} is not loaded in this extension host (loaded besides VS Code's own: ${loaded.join(', ') || 'none'}): bench/run.mjs installs both .vsix files into each code-server it starts`);
  }
  return ext;
}

/** Activates ours (timed elsewhere when it matters) and returns its API. */
export async function activateOurs(): Promise<{ api: BackendRoadmapApi; extensionPath: string }> {
  const ext = extension<BackendRoadmapApi>(OURS);
  const api = await ext.activate();
  // Not api.lessons: reading it would load the lesson page's bundle before a cold open is timed.
  if (!api.index || !api.view) throw new Error('the extension activated without its roadmap: see its log (Roadmap: Show Log)');
  return { api, extensionPath: ext.extensionPath };
}

/**
 * Opens a lesson through the command, as a click in the tree does, and returns how long the
 * command took: the content is on the page when it returns (the first time as the panel's HTML,
 * afterwards as a message to the page, which show() posts in the same turn, before the command's
 * promise settles).
 */
export async function openLessonMs(api: BackendRoadmapApi, nodeId: string): Promise<number> {
  const t = performance.now();
  await vscode.commands.executeCommand(COMMANDS.openLesson, nodeId);
  const ms = performance.now() - t;
  const lessons = api.lessons!;
  if (!lessons.isOpen || lessons.currentNodeId !== nodeId) throw new Error(`opening the lesson of '${nodeId}' did not show it (shown: ${lessons.currentNodeId ?? 'nothing'})`);
  return ms;
}

/** Waits for the lesson page to say it is ready: until then, show() keeps the lesson for later instead of posting it. */
export async function lessonPageReady(lessons: LessonPanel, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!lessons.isReady) {
    if (Date.now() > deadline) throw new Error(`the lesson page did not post 'ready' within ${timeoutMs / 1000} s`);
    await sleep(25);
  }
}
