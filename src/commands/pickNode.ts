import * as vscode from 'vscode';
import type { CommandServices } from './services';
import { STATUS_ICONS, STATUS_WORDS } from '../tree/roadmapTree';
import { formatHours } from '../progress/plan';
import { BUILTIN_ROADMAP_ID, type NodeRef } from '../roadmap/model';
import { BUILTIN_ROOT } from '../tree/roadmapTree';

/**
 * A command's node argument: an id of the built-in roadmap (palette, links, tests), a tree element
 * (menus), or `{ roadmapId, nodeId }` for a node of any roadmap.
 */
export function nodeRefOf(arg: unknown): NodeRef | undefined {
  if (typeof arg === 'string') return { roadmapId: BUILTIN_ROADMAP_ID, nodeId: arg };
  if (!arg || typeof arg !== 'object') return undefined;
  const o = arg as { kind?: unknown; roadmapId?: unknown; nodeId?: unknown };
  if (typeof o.nodeId !== 'string' || (o.kind !== undefined && o.kind !== 'node')) return undefined;
  return { roadmapId: typeof o.roadmapId === 'string' ? o.roadmapId : BUILTIN_ROADMAP_ID, nodeId: o.nodeId };
}

/**
 * The roadmap a command names: a roadmap id, a tree element (a root, a group or a node), or
 * nothing (the built-in roadmap). An id no roadmap has is an error, not a silent fallback.
 */
export function roadmapIdOf(s: Pick<CommandServices, 'roadmaps'>, arg: unknown): string {
  let id: string | undefined;
  if (typeof arg === 'string') id = arg;
  else if (arg && typeof arg === 'object') {
    const el = arg as { kind?: unknown; key?: unknown; roadmapId?: unknown };
    if (el.kind === 'roadmap' && typeof el.key === 'string') {
      id = el.key === BUILTIN_ROOT ? s.roadmaps.main.id : s.roadmaps.list().find((r) => r.uri?.toString() === el.key)?.id;
      if (!id) throw new Error(`${el.key} cannot be shown as a roadmap: see its problems in the Problems panel`);
    }
    else if (typeof el.roadmapId === 'string') id = el.roadmapId;
  }
  if (id === undefined) return s.roadmaps.main.id;
  if (!s.roadmaps.get(id)) throw new Error(`there is no roadmap '${id}' in this workspace`);
  return id;
}

/** A searchable list of every node of every roadmap: title, section, roadmap and status. */
export async function pickNode(s: CommandServices, placeHolder: string): Promise<NodeRef | undefined> {
  await s.roadmaps.start();
  const items = s.roadmaps.list().flatMap(({ id: roadmapId, index }) => {
    const main = roadmapId === s.roadmaps.main.id;
    return index.order.map((id) => {
      const node = index.node(id)!;
      const status = s.store.displayStatus(roadmapId, id);
      const section = index.sectionOf.get(id)?.title;
      return {
        label: `$(${STATUS_ICONS[status].icon}) ${node.title || id}`,
        description: main ? section : [section, index.roadmap.title].filter(Boolean).join(' · '),
        detail: `${STATUS_WORDS[status]} · ${formatHours(node.hours)}${node.summary ? ` · ${node.summary}` : ''}`,
        ref: { roadmapId, nodeId: id },
      };
    });
  });
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked?.ref;
}

/** The node a command acts on: its argument, else the tree's focused node, else one the learner picks. */
export async function resolveNode(s: CommandServices, arg: unknown, placeHolder: string, useFocus = false): Promise<NodeRef | undefined> {
  const ref = nodeRefOf(arg) ?? (useFocus ? s.view.focusedNode() : undefined) ?? (await pickNode(s, placeHolder));
  if (!ref) return undefined;
  const index = s.roadmaps.get(ref.roadmapId)?.index;
  if (!index) throw new Error(`there is no roadmap '${ref.roadmapId}' in this workspace`);
  if (!index.node(ref.nodeId)) throw new Error(`there is no node '${ref.nodeId}' in the roadmap '${index.roadmap.title || ref.roadmapId}'`);
  return ref;
}
