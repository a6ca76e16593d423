import * as path from 'path';
import * as vscode from 'vscode';
import { uriExists } from '../util/uriExists';
import { COMMANDS, DIAGNOSTIC_SOURCE } from '../ids';
import { CUSTOM_ROADMAP_SUFFIX } from '../roadmaps/encoding';
import { exampleRoadmap } from '../roadmap/example';
import { ID_PATTERN } from '../roadmap/model';
import { BUILTIN_ROOT, type TreeElement } from '../tree/roadmapTree';
import type { CommandServices } from './services';

/** Writing a roadmap file of one's own, and opening one at its first problem. */
export function roadmapFileCommands(s: CommandServices): Record<string, (...args: unknown[]) => unknown> {
  return {
    /** Accepts a target URI or a file name (tests); asks otherwise. Never overwrites. */
    [COMMANDS.newRoadmapFile]: async (arg?: unknown) => {
      const target = arg instanceof vscode.Uri ? arg : await askTarget(typeof arg === 'string' ? arg : undefined);
      if (!target) return undefined;
      if (await uriExists(target)) throw new Error(`${vscode.workspace.asRelativePath(target)} already exists; nothing was written. Choose another name.`);
      const base = path.basename(target.path);
      const stem = base.endsWith(CUSTOM_ROADMAP_SUFFIX) ? base.slice(0, -CUSTOM_ROADMAP_SUFFIX.length) : base.replace(/\.ya?ml$/, '');
      const id = ID_PATTERN.test(stem) ? stem : 'my-roadmap';
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(exampleRoadmap(id)));
      s.log.info(`wrote the example roadmap ${target.fsPath}`);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: false });
      if (!base.endsWith(CUSTOM_ROADMAP_SUFFIX)) {
        void vscode.window.showWarningMessage(`Backend Roadmap: only files named *${CUSTOM_ROADMAP_SUFFIX} show in the Roadmap view; rename ${base} to show it.`);
      }
      void s.roadmaps.start();
      return target;
    },
    /** Opens a workspace roadmap's file at its first problem (the tree's error roots use it). */
    [COMMANDS.openRoadmapFile]: async (arg?: unknown) => {
      const uri = arg instanceof vscode.Uri ? arg : rootUri(arg);
      if (!uri) return undefined;
      const first = vscode.languages.getDiagnostics(uri).find((d) => d.source === DIAGNOSTIC_SOURCE);
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false, selection: first?.range });
      if (first) await vscode.commands.executeCommand('workbench.actions.view.problems');
      return editor.document.uri;
    },
  };
}

function rootUri(arg: unknown): vscode.Uri | undefined {
  const el = arg as TreeElement | undefined;
  return el && typeof el === 'object' && el.kind === 'roadmap' && el.key !== BUILTIN_ROOT ? vscode.Uri.parse(el.key) : undefined;
}

async function askTarget(given?: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) {
    return vscode.window.showSaveDialog({ title: 'New Roadmap File', saveLabel: 'Create', filters: { 'Roadmap YAML': ['yaml'] } });
  }
  const name = given ?? (await vscode.window.showInputBox({
    title: 'New Roadmap File',
    prompt: `The file is written to the workspace as <name>${CUSTOM_ROADMAP_SUFFIX}; the name is also the roadmap's id.`,
    value: 'my-roadmap',
    validateInput: (value) => (ID_PATTERN.test(value) ? undefined : 'Use lowercase letters, digits and single hyphens, such as team-backend.'),
  }));
  if (!name) return undefined;
  if (!ID_PATTERN.test(name)) throw new Error(`'${name}' is not a roadmap id: use lowercase letters, digits and single hyphens`);
  return vscode.Uri.joinPath(folder, `${name}${CUSTOM_ROADMAP_SUFFIX}`);
}
