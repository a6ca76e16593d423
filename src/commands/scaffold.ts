import { execFile } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { COMMANDS, CONTEXT_KEYS, SETTINGS } from '../ids';
import type { ProjectIdea } from '../roadmap/model';
import type { ShownRoadmap } from '../roadmaps/registry';
import * as engine from '../scaffold/engine';
import type { Starter } from '../scaffold/engine';
import { STACK_NAMES } from '../scaffold/names';
import type { CommandServices } from './services';
import { nodeRefOf } from './pickNode';

/** A project idea that has starters, with its roadmap. */
interface IdeaWithStarters {
  roadmap: ShownRoadmap;
  idea: ProjectIdea;
  starters: Starter[];
}

/** Options that tests (and the lesson page) pass to skip questions. */
export interface ScaffoldOptions {
  stack?: string;
  parent?: vscode.Uri;
  name?: string;
  git?: boolean;
  open?: 'newWindow' | 'addToWorkspace' | 'currentWindow' | 'none';
}

type OpenIn = 'ask' | NonNullable<ScaffoldOptions['open']>;

export function scaffoldCommands(s: CommandServices): Record<string, (...args: unknown[]) => unknown> {
  return {
    [COMMANDS.scaffold]: async (arg?: unknown, given?: unknown) => {
      const options: ScaffoldOptions = given && typeof given === 'object' ? (given as ScaffoldOptions) : {};
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('Backend Roadmap: scaffolding writes files and runs git, so it needs a trusted workspace. Trust this workspace first ("Workspaces: Manage Workspace Trust").');
        return undefined;
      }
      const chosen = await pickIdea(s, await ideasWithStarters(s), arg);
      if (!chosen) return undefined;
      const { idea, roadmap } = chosen;
      const starter = await pickStack(chosen.starters, options.stack);
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
          return engine.targetProblem(path.join(parent.fsPath, value));
        },
      }));
      if (!name) return undefined;
      const target = path.join(parent.fsPath, name);
      let result;
      try {
        result = engine.scaffold({ starter, target, variables: variable ? { name } : {} });
      } catch (err) {
        if (err instanceof engine.ScaffoldError) throw new Error(`scaffold refused: ${err.message}`);
        throw err;
      }
      s.log.info(`scaffolded ${idea.id} (${starter.manifest.stack}) into ${target}: ${result.files.length} files`);
      const todo = [...new Set([...idea.nodes, ...starter.manifest.nodes])].filter((id) => roadmap.index.node(id) && s.store.status(roadmap.id, id) === 'todo');
      await s.store.setMany(roadmap.id, todo, 'in-progress');
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.scaffolded, true);
      if (options.git ?? (await askGit())) await gitInit(target, s.log);
      await openResult(vscode.Uri.file(target), options.open);
      return { target, files: result.files, inProgress: todo };
    },
  };
}

/** Every project idea of every roadmap shown that has starters on disk; broken manifests go to the log. */
async function ideasWithStarters(s: CommandServices): Promise<IdeaWithStarters[]> {
  await s.roadmaps.start();
  return s.roadmaps.list().flatMap((roadmap) => roadmap.index.roadmap.projects.flatMap((idea) => {
    const folder = roadmap.starterFolder(idea.id);
    if (!folder) return [];
    const { starters, problems } = engine.startersIn(folder);
    for (const p of problems) s.log.warn(`starter skipped: ${p}`);
    const own = starters.filter((st) => st.manifest.idea === idea.id);
    if (own.length < starters.length) s.log.warn(`starters in ${folder} that name another idea than '${idea.id}' are skipped`);
    return own.length ? [{ roadmap, idea, starters: own }] : [];
  }));
}

/**
 * The idea to scaffold: named by the argument (a project id of the built-in roadmap, or
 * `{ roadmapId, projectId }`), narrowed to a node's ideas (a topic's context menu), or picked.
 */
async function pickIdea(s: CommandServices, ideas: IdeaWithStarters[], arg: unknown): Promise<IdeaWithStarters | undefined> {
  const project = projectRefOf(s, arg);
  if (project) {
    const roadmap = s.roadmaps.get(project.roadmapId);
    if (roadmap?.index.roadmap.projects.some((p) => p.id === project.projectId)) {
      const found = ideas.find((i) => i.roadmap.id === project.roadmapId && i.idea.id === project.projectId);
      if (!found) throw new Error(`'${project.projectId}' has no starter project yet; ideas with starters: ${ideas.map((i) => i.idea.title).join(', ')}`);
      return found;
    }
  }
  const node = nodeRefOf(arg);
  const practises = (i: IdeaWithStarters) => i.roadmap.id === node?.roadmapId && (i.idea.nodes.includes(node.nodeId) || i.idea.milestones.some((m) => m.nodes.includes(node.nodeId)));
  const candidates = node ? ideas.filter(practises) : ideas;
  if (node && candidates.length === 0) {
    void vscode.window.showInformationMessage(`Backend Roadmap: no starter project practises "${s.roadmaps.get(node.roadmapId)?.index.node(node.nodeId)?.title ?? node.nodeId}" yet. Pick from all starters instead.`);
  }
  const list = candidates.length ? candidates : ideas;
  // Ideas without a starter are listed too, so the picker shows the whole path and which part of it can be scaffolded.
  const withoutStarter = s.roadmaps.list().flatMap((roadmap) => roadmap.index.roadmap.projects.filter((idea) => !ideas.some((i) => i.roadmap.id === roadmap.id && i.idea.id === idea.id)).map((idea) => ({ roadmap, idea, starters: [] as Starter[] })));
  const shown = [...list, ...withoutStarter.filter((i) => !node || candidates.length === 0 || practises(i))];
  const several = new Set(shown.map((i) => i.roadmap.id)).size > 1;
  const items: (vscode.QuickPickItem & { idea?: IdeaWithStarters })[] = [];
  for (const level of ['beginner', 'intermediate', 'advanced'] as const) {
    const atLevel = shown.filter((i) => i.idea.level === level);
    if (!atLevel.length) continue;
    const ready = atLevel.filter((i) => i.starters.length).length;
    items.push({ label: `${level[0].toUpperCase() + level.slice(1)}: ${ready} of ${atLevel.length} with starters`, kind: vscode.QuickPickItemKind.Separator });
    for (const i of [...atLevel.filter((i) => i.starters.length), ...atLevel.filter((i) => !i.starters.length)]) {
      const stacks = i.starters.length ? i.starters.map((st) => STACK_NAMES[st.manifest.stack]) : ['no starter yet'];
      const nodes = i.idea.nodes.map((n) => i.roadmap.index.node(n)?.title ?? n).join(', ');
      items.push({ label: i.starters.length ? i.idea.title : `$(circle-slash) ${i.idea.title}`, description: [...(several ? [i.roadmap.index.roadmap.title] : []), ...stacks].join(' · '), detail: `${i.idea.summary} Practises: ${nodes}`, idea: i });
    }
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Scaffold Starter Project', placeHolder: 'Which project?', matchOnDescription: true, matchOnDetail: true });
  if (picked?.idea && !picked.idea.starters.length) {
    void vscode.window.showInformationMessage(`Backend Roadmap: "${picked.idea.idea.title}" has no starter project yet. Its milestones are on its project card in the lessons of ${picked.idea.idea.nodes.map((n) => picked.idea?.roadmap.index.node(n)?.title ?? n).slice(0, 3).join(', ')}.`);
    return undefined;
  }
  return picked?.idea;
}

/** A project idea named by a command's argument, if it names one. */
function projectRefOf(s: CommandServices, arg: unknown): { roadmapId: string; projectId: string } | undefined {
  if (typeof arg === 'string') return { roadmapId: s.roadmaps.main.id, projectId: arg };
  const o = arg as { roadmapId?: unknown; projectId?: unknown } | undefined;
  return o && typeof o === 'object' && typeof o.projectId === 'string' ? { roadmapId: typeof o.roadmapId === 'string' ? o.roadmapId : s.roadmaps.main.id, projectId: o.projectId } : undefined;
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
