import { execFile } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { COMMANDS, SETTINGS } from '../ids';
import type { ProjectIdea } from '../roadmap/model';
import type * as ScaffoldBundle from '../scaffold/bundle';
import type { Starter } from '../scaffold/engine';
import { STACK_NAMES } from '../scaffold/names';
import { lazyBundle } from '../util/lazy';
import type { CommandServices } from './index';
import { nodeIdOf } from './pickNode';

/** The engine lives in dist/scaffoldEngine.js, loaded when a scaffold command first runs. */
const engine = lazyBundle<typeof ScaffoldBundle>('scaffoldEngine');

/** Options that tests (and the lesson page) pass to skip questions. */
export interface ScaffoldOptions {
  stack?: string;
  parent?: vscode.Uri;
  name?: string;
  git?: boolean;
  open?: 'newWindow' | 'addToWorkspace' | 'currentWindow' | 'none';
}

type OpenIn = 'ask' | NonNullable<ScaffoldOptions['open']>;

export function scaffoldCommands(s: CommandServices, startersRoot: string): Record<string, (...args: unknown[]) => unknown> {
  return {
    [COMMANDS.scaffold]: async (arg?: unknown, given?: unknown) => {
      const options: ScaffoldOptions = given && typeof given === 'object' ? (given as ScaffoldOptions) : {};
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('Backend Roadmap: scaffolding writes files and runs git, so it needs a trusted workspace. Trust this workspace first ("Workspaces: Manage Workspace Trust").');
        return undefined;
      }
      const { starters, problems } = engine().listStarters(startersRoot);
      for (const p of problems) s.log.warn(`starter skipped: ${p}`);
      const idea = await pickIdea(s, starters, arg);
      if (!idea) return undefined;
      const forIdea = starters.filter((st) => st.manifest.idea === idea.id);
      const starter = await pickStack(forIdea, options.stack);
      if (!starter) return undefined;
      const parent = options.parent ?? (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Create the project here', title: `Where should "${idea.title}" go?` }))?.[0];
      if (!parent) return undefined;
      const variable = starter.manifest.variables.find((v) => v.name === 'name');
      const name = options.name ?? (await vscode.window.showInputBox({
        title: 'Project name',
        prompt: variable ? `Folder and project name: ${variable.description}` : 'Folder name',
        value: variable?.default ?? idea.id,
        validateInput: (value) => {
          if (variable && !new RegExp(`^(?:${variable.pattern})$`).test(value)) return `Use ${variable.description}.`;
          return engine().targetProblem(path.join(parent.fsPath, value));
        },
      }));
      if (!name) return undefined;
      const target = path.join(parent.fsPath, name);
      let result;
      try {
        result = engine().scaffold({ starter, target, variables: variable ? { name } : {} });
      } catch (err) {
        if (err instanceof engine().ScaffoldError) throw new Error(`scaffold refused: ${err.message}`);
        throw err;
      }
      s.log.info(`scaffolded ${idea.id} (${starter.manifest.stack}) into ${target}: ${result.files.length} files`);
      const todo = [...new Set([...idea.nodes, ...starter.manifest.nodes])].filter((id) => s.index.node(id) && s.progress.status(id) === 'todo');
      await s.store.setMany(s.progress.roadmapId, todo, 'in-progress');
      if (options.git ?? (await askGit())) await gitInit(target, s.log);
      await openResult(vscode.Uri.file(target), options.open);
      return { target, files: result.files, inProgress: todo };
    },
  };
}

async function pickIdea(s: CommandServices, starters: Starter[], arg: unknown): Promise<ProjectIdea | undefined> {
  const withStarters = s.index.roadmap.projects.filter((p) => starters.some((st) => st.manifest.idea === p.id));
  if (typeof arg === 'string' && s.index.roadmap.projects.some((p) => p.id === arg)) {
    const idea = withStarters.find((p) => p.id === arg);
    if (!idea) throw new Error(`'${arg}' has no starter project yet; ideas with starters: ${withStarters.map((p) => p.title).join(', ')}`);
    return idea;
  }
  const nodeId = nodeIdOf(arg);
  const candidates = nodeId ? withStarters.filter((p) => p.nodes.includes(nodeId) || p.milestones.some((m) => m.nodes.includes(nodeId))) : withStarters;
  if (nodeId && candidates.length === 0) {
    void vscode.window.showInformationMessage(`Backend Roadmap: no starter project practises "${s.index.node(nodeId)?.title ?? nodeId}" yet. Pick from all starters instead.`);
  }
  const list = candidates.length ? candidates : withStarters;
  const items: (vscode.QuickPickItem & { idea?: ProjectIdea })[] = [];
  for (const level of ['beginner', 'intermediate', 'advanced'] as const) {
    const ideas = list.filter((p) => p.level === level);
    if (!ideas.length) continue;
    items.push({ label: level[0].toUpperCase() + level.slice(1), kind: vscode.QuickPickItemKind.Separator });
    for (const idea of ideas) {
      const stacks = starters.filter((st) => st.manifest.idea === idea.id).map((st) => STACK_NAMES[st.manifest.stack]);
      items.push({ label: idea.title, description: stacks.join(' · '), detail: `${idea.summary} Practises: ${idea.nodes.map((n) => s.index.node(n)?.title ?? n).join(', ')}`, idea });
    }
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Scaffold Starter Project', placeHolder: 'Which project?', matchOnDescription: true, matchOnDetail: true });
  return picked?.idea;
}

async function pickStack(starters: Starter[], wanted?: string): Promise<Starter | undefined> {
  if (wanted) {
    const found = starters.find((st) => st.manifest.stack === wanted);
    if (!found) throw new Error(`no '${wanted}' starter for this idea; stacks: ${starters.map((st) => st.manifest.stack).join(', ')}`);
    return found;
  }
  if (starters.length === 1) return starters[0];
  const picked = await vscode.window.showQuickPick(starters.map((st) => ({ label: STACK_NAMES[st.manifest.stack], description: st.manifest.services.length ? `needs ${st.manifest.services.join(', ')}` : 'no services needed', starter: st })), { title: 'Scaffold Starter Project', placeHolder: 'Which language?' });
  return picked?.starter;
}

async function askGit(): Promise<boolean> {
  const answer = await vscode.window.showInformationMessage('Initialise a git repository in the new project?', 'Yes', 'No');
  return answer === 'Yes';
}

function gitInit(cwd: string, log: vscode.LogOutputChannel): Promise<void> {
  return new Promise((resolve) => {
    execFile('git', ['init', '--quiet'], { cwd, timeout: 15_000 }, (err) => {
      if (err) {
        log.warn(`git init in ${cwd} failed: ${err.message}`);
        void vscode.window.showWarningMessage(`Backend Roadmap: the project was written, but git init failed (${err.message}). Is git installed?`);
      }
      resolve();
    });
  });
}

async function openResult(uri: vscode.Uri, forced?: ScaffoldOptions['open']): Promise<void> {
  let where: OpenIn = forced ?? vscode.workspace.getConfiguration(SETTINGS.section).get<OpenIn>(SETTINGS.scaffoldOpenIn, 'ask');
  if (where === 'ask') {
    const choice = await vscode.window.showInformationMessage(`The starter project is ready in ${uri.fsPath}. Open it?`, 'New Window', 'Add to Workspace', 'This Window');
    where = choice === 'New Window' ? 'newWindow' : choice === 'Add to Workspace' ? 'addToWorkspace' : choice === 'This Window' ? 'currentWindow' : 'none';
  }
  if (where === 'newWindow') await vscode.commands.executeCommand('vscode.openFolder', uri, { forceNewWindow: true });
  else if (where === 'currentWindow') await vscode.commands.executeCommand('vscode.openFolder', uri, { forceNewWindow: false });
  else if (where === 'addToWorkspace') vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri });
}
