/**
 * "Roadmap: Start Exercise": writes a topic's exercise into exercises/<topic>/ of the workspace,
 * prepares it (its setup and install commands, in a trusted workspace only), opens the file to edit
 * and watches it: every save runs its checks in the Testing view, and passing turns the topic
 * verified. A folder that already holds the exercise is opened again, never overwritten.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { loadCompiledExercises } from '../exercise/files';
import { STACK_LABELS, type Exercise } from '../exercise/model';
import { exerciseFolder, writeExercise } from '../exercise/write';
import { BUILTIN_ROADMAP_ID, type RoadmapIndex } from '../roadmap/model';
import type { VerifyController } from '../verify/controller';
import { parseProjectManifest, MANIFEST_FILE } from '../verify/manifest';
import { runToEnd } from '../verify/processes';
import type { Practice } from './practice';

const LAST_STACK_KEY = 'backendRoadmap.exerciseStack';

export interface StartExerciseDeps {
  index: RoadmapIndex;
  distDir: string;
  workspaceState: vscode.Memento;
  log: vscode.LogOutputChannel;
}

let loaded: Record<string, Exercise> | undefined;
/** The built-in exercises (dist/exercises.json), read on first use. */
export function compiledExercises(distDir: string): Record<string, Exercise> {
  return (loaded ??= loadCompiledExercises(distDir));
}

/** The topic a command argument names: a node id, a tree node, a lesson page's { nodeId }, or { topic, stack }. */
function topicOf(arg: unknown): { topic?: string; stack?: string } {
  if (typeof arg === 'string') return { topic: arg };
  if (!arg || typeof arg !== 'object') return {};
  const o = arg as { nodeId?: unknown; topic?: unknown; stack?: unknown; roadmapId?: unknown };
  if (o.roadmapId !== undefined && o.roadmapId !== BUILTIN_ROADMAP_ID) return {};
  const topic = typeof o.topic === 'string' ? o.topic : typeof o.nodeId === 'string' ? o.nodeId : undefined;
  return { topic, stack: typeof o.stack === 'string' ? o.stack : undefined };
}

/** The folder it went into, or undefined when the learner stopped or nothing could be written. */
export async function startExerciseCommand(controller: VerifyController, practice: Practice, deps: StartExerciseDeps, arg?: unknown): Promise<string | undefined> {
  const exercises = compiledExercises(deps.distDir);
  let { topic, stack } = topicOf(arg);
  if (topic !== undefined && !exercises[topic]) {
    void vscode.window.showInformationMessage(`Backend Roadmap: "${deps.index.node(topic)?.title ?? topic}" has no exercise yet: its quiz checks it instead.`);
    return undefined;
  }
  if (topic === undefined) {
    const items = deps.index.order.filter((id) => exercises[id]).map((id) => ({ label: deps.index.node(id)?.title ?? id, description: exercises[id].title, detail: Object.keys(exercises[id].stacks).map((s) => STACK_LABELS[s] ?? s).join(' · '), id }));
    const picked = await vscode.window.showQuickPick(items, { title: 'Start the exercise of which topic?', matchOnDescription: true });
    if (!picked) return undefined;
    topic = picked.id;
  }
  const exercise = exercises[topic];
  const folder = await workspaceFolder();
  if (!folder) return undefined;
  const target = path.join(folder.uri.fsPath, exerciseFolder(topic));
  if (holdsExercise(target, topic)) {
    await openAndWatch(controller, practice, exercise, target, deps);
    return target;
  }
  if (stack === undefined) stack = await pickStack(exercise, deps.workspaceState);
  if (!stack) return undefined;
  if (!exercise.stacks[stack]) throw new Error(`the exercise of '${topic}' has no '${stack}' stack (it has ${Object.keys(exercise.stacks).join(', ')})`);
  writeExercise(exercise, stack, target);
  await deps.workspaceState.update(LAST_STACK_KEY, stack);
  deps.log.info(`start exercise ${topic} (${stack}) in ${target}`);
  await openAndWatch(controller, practice, exercise, target, deps, true);
  return target;
}

async function workspaceFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0];
  if (folders.length > 1) return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Write the exercise into which folder?' });
  const choice = await vscode.window.showInformationMessage('Backend Roadmap: an exercise is written into exercises/<topic>/ of your workspace. Open a folder first.', 'Open Folder');
  if (choice) void vscode.commands.executeCommand('vscode.openFolder');
  return undefined;
}

/** True when `dir` is this topic's exercise already; an error when it is something else that is not empty. */
function holdsExercise(dir: string, topic: string): boolean {
  if (!fs.existsSync(dir)) return false;
  const manifest = path.join(dir, MANIFEST_FILE);
  if (fs.existsSync(manifest)) {
    const parsed = parseProjectManifest(fs.readFileSync(manifest, 'utf8'));
    if (parsed.manifest?.exercise === topic) return true;
  }
  if (fs.readdirSync(dir).length) throw new Error(`${dir} exists and is not this exercise: nothing was overwritten. Move or rename it, then start the exercise again.`);
  return false;
}

async function pickStack(exercise: Exercise, state: vscode.Memento): Promise<string | undefined> {
  const stacks = Object.keys(exercise.stacks);
  if (stacks.length === 1) return stacks[0];
  const last = state.get<string>(LAST_STACK_KEY);
  const ordered = last && stacks.includes(last) ? [last, ...stacks.filter((s) => s !== last)] : stacks;
  const picked = await vscode.window.showQuickPick(ordered.map((s) => ({ label: STACK_LABELS[s] ?? s, description: s === last ? 'last used' : undefined, stack: s })), { title: `"${exercise.title}": in which language?` });
  return picked?.stack;
}

/** Opens the file to edit; in a trusted workspace, prepares the folder and watches it. */
async function openAndWatch(controller: VerifyController, practice: Practice, exercise: Exercise, dir: string, deps: StartExerciseDeps, fresh = false): Promise<void> {
  const manifest = parseProjectManifest(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')).manifest;
  const stack = manifest?.stack ?? Object.keys(exercise.stacks)[0];
  const open = exercise.stacks[stack]?.open;
  if (open) await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, open)), { preview: false });
  await controller.refresh();
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Backend Roadmap: the exercise is written. Its checks run its code, so they need a trusted workspace.', 'Manage Workspace Trust').then((c) => c && vscode.commands.executeCommand('workbench.trust.manage'));
    return;
  }
  if (fresh) {
    const commands = [...exercise.setup, ...(exercise.stacks[stack]?.install ?? [])];
    const failed = await prepare(commands, dir, deps.log);
    if (failed) {
      void vscode.window.showErrorMessage(`Backend Roadmap: preparing the exercise failed: ${failed}`, 'Show Log').then((c) => c && deps.log.show());
      return;
    }
  }
  await practice.watchExercise(dir, exercise.topic);
}

/** Runs the setup and install commands in order, with progress; why one failed, or undefined. */
async function prepare(commands: string[], dir: string, log: vscode.LogOutputChannel): Promise<string | undefined> {
  if (!commands.length) return undefined;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Preparing the exercise', cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    for (const command of commands) {
      progress.report({ message: command });
      log.info(`$ ${command}   (in ${dir})`);
      const r = await runToEnd(command, { cwd: dir, env: process.env, signal: abort.signal, onOutput: (text) => log.info(text.trimEnd()) });
      if (abort.signal.aborted) return 'cancelled';
      if (r.code !== 0) return `'${command}' exited with code ${r.code}: ${r.tail.trim().split('\n').slice(-3).join(' ')}`;
    }
    return undefined;
  });
}
