import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { LessonPanel } from '../lesson/lessonPanel';
import type { ProgressStore } from '../progress/store';
import type { RoadmapIndex } from '../roadmap/model';
import type { TreeElement } from '../tree/roadmapTree';

export interface CommandServices {
  index: RoadmapIndex;
  progress: ProgressStore;
  lessons: LessonPanel;
  log: vscode.LogOutputChannel;
}

/** A command's node argument: an id (palette, links, tests) or a tree element (menus). */
function nodeIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && (arg as TreeElement).kind === 'node') return (arg as Extract<TreeElement, { kind: 'node' }>).node.id;
  return undefined;
}

/** Asks for a node with a searchable list when a command was run without one. */
async function pickNode(index: RoadmapIndex, progress: ProgressStore, placeHolder: string): Promise<string | undefined> {
  const items = index.order.map((id) => {
    const node = index.node(id)!;
    return { label: node.title, description: index.sectionOf.get(id)?.title, detail: `${progress.status(id)} · ${node.hours} h`, id };
  });
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked?.id;
}

async function resolveNode(s: CommandServices, arg: unknown, placeHolder: string): Promise<string | undefined> {
  const id = nodeIdOf(arg) ?? (await pickNode(s.index, s.progress, placeHolder));
  if (id !== undefined && !s.index.node(id)) {
    void vscode.window.showErrorMessage(`Backend Roadmap: there is no node '${id}' in the roadmap.`);
    return undefined;
  }
  return id;
}

/** Every command of the extension, registered in one place. */
export function registerCommands(s: CommandServices): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.openLesson, async (arg?: unknown) => {
      const id = await resolveNode(s, arg, 'Open the lesson of…');
      if (id) s.lessons.show(id);
    }),
    vscode.commands.registerCommand(COMMANDS.markDone, async (arg?: unknown) => {
      const id = await resolveNode(s, arg, 'Mark done…');
      if (!id) return;
      try {
        await s.progress.setStatus(id, 'done');
      } catch (err) {
        s.log.error(String(err));
        void vscode.window.showErrorMessage(`Backend Roadmap: ${(err as Error).message}`);
      }
    }),
    vscode.commands.registerCommand(COMMANDS.showLog, () => s.log.show()),
  ];
}
