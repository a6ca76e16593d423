import * as vscode from 'vscode';
import type { CommandServices } from './index';
import { STATUS_ICONS, STATUS_WORDS, type TreeElement } from '../tree/roadmapTree';
import { formatHours } from '../progress/plan';

/** A command's node argument: an id (palette, links, tests) or a tree element (menus). */
export function nodeIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && (arg as TreeElement).kind === 'node') return (arg as Extract<TreeElement, { kind: 'node' }>).nodeId;
  return undefined;
}

/** A searchable list of every node: title, section and status. */
export async function pickNode(s: CommandServices, placeHolder: string): Promise<string | undefined> {
  const items = s.index.order.map((id) => {
    const node = s.index.node(id)!;
    const status = s.progress.displayStatus(id);
    return {
      label: `$(${STATUS_ICONS[status].icon}) ${node.title}`,
      description: s.index.sectionOf.get(id)?.title,
      detail: `${STATUS_WORDS[status]} · ${formatHours(node.hours)}${node.summary ? ` · ${node.summary}` : ''}`,
      id,
    };
  });
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked?.id;
}

/** The node a command acts on: its argument, else the tree's focused node, else one the learner picks. */
export async function resolveNode(s: CommandServices, arg: unknown, placeHolder: string, useFocus = false): Promise<string | undefined> {
  const id = nodeIdOf(arg) ?? (useFocus ? s.view.focusedNodeId() : undefined) ?? (await pickNode(s, placeHolder));
  if (id !== undefined && !s.index.node(id)) throw new Error(`there is no node '${id}' in the roadmap`);
  return id;
}
