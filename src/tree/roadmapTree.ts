import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import { countNodes, formatHours, groupNodes, passesFilter, type Grouping, type NodeFilter, type NodeGroup } from '../progress/plan';
import type { DisplayStatus, RoadmapProgress } from '../progress/store';
import type { RoadmapIndex } from '../roadmap/model';
import { Disposable } from '../util/dispose';

export type TreeElement = { kind: 'group'; group: NodeGroup } | { kind: 'node'; nodeId: string; groupId: string };

export const STATUS_ICONS: Record<DisplayStatus, { icon: string; color?: string }> = {
  todo: { icon: 'circle-large-outline' },
  'in-progress': { icon: 'circle-large-filled', color: 'charts.yellow' },
  done: { icon: 'pass', color: 'charts.green' },
  verified: { icon: 'verified-filled', color: 'charts.blue' },
  skipped: { icon: 'circle-slash', color: 'disabledForeground' },
};

export const STATUS_WORDS: Record<DisplayStatus, string> = { todo: 'to do', 'in-progress': 'in progress', done: 'done', verified: 'verified by a milestone check', skipped: 'skipped' };

export interface TreeOptions {
  grouping: Grouping;
  filter: NodeFilter;
}

/** Roadmap groups (sections or plan phases) and their nodes, with statuses, counts and hours. */
export class RoadmapTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeElement> {
  private readonly changed = this._register(new vscode.EventEmitter<TreeElement | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private groups: NodeGroup[] = [];
  private readonly groupElements = new Map<string, Extract<TreeElement, { kind: 'group' }>>();
  private readonly nodeElements = new Map<string, Extract<TreeElement, { kind: 'node' }>>();
  private options: TreeOptions;

  constructor(
    private readonly index: RoadmapIndex,
    private readonly progress: RoadmapProgress,
    options: TreeOptions,
    private readonly hasNotes: (nodeId: string) => boolean = () => false,
  ) {
    super();
    this.options = options;
    this.rebuild();
    this._register(progress.store.onDidChange((c) => {
      if (c.roadmapId === progress.roadmapId) this.changed.fire(undefined);
    }));
  }

  get current(): TreeOptions {
    return this.options;
  }

  setOptions(options: TreeOptions): void {
    this.options = options;
    this.rebuild();
    this.changed.fire(undefined);
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  private rebuild(): void {
    this.groups = groupNodes(this.index, this.options.grouping);
    this.groupElements.clear();
    this.nodeElements.clear();
    for (const group of this.groups) {
      this.groupElements.set(group.id, { kind: 'group', group });
      for (const nodeId of group.nodeIds) {
        this.nodeElements.set(`${group.id}/${nodeId}`, { kind: 'node', nodeId, groupId: group.id });
      }
    }
  }

  /** The first element showing a node in the current grouping (for reveal). */
  element(nodeId: string): TreeElement | undefined {
    for (const group of this.groups) {
      if (group.nodeIds.includes(nodeId)) return this.nodeElements.get(`${group.id}/${nodeId}`);
    }
    return undefined;
  }

  getChildren(element?: TreeElement): TreeElement[] {
    const status = (id: string) => this.progress.displayStatus(id);
    if (!element) {
      return this.groups.filter((g) => this.options.filter === 'all' || g.nodeIds.some((id) => passesFilter(this.options.filter, status(id)))).map((g) => this.groupElements.get(g.id)!);
    }
    if (element.kind === 'group') {
      return element.group.nodeIds.filter((id) => passesFilter(this.options.filter, status(id))).map((id) => this.nodeElements.get(`${element.group.id}/${id}`)!);
    }
    return [];
  }

  getParent(element: TreeElement): TreeElement | undefined {
    return element.kind === 'node' ? this.groupElements.get(element.groupId) : undefined;
  }

  getTreeItem(element: TreeElement): vscode.TreeItem {
    if (element.kind === 'group') {
      const { group } = element;
      const c = countNodes(this.index, group.nodeIds, (id) => this.progress.displayStatus(id));
      // "In progress only" shows a handful of topics: open every group, under ids of their own so
      // the expansion VS Code remembers for the full view is left alone.
      const focused = this.options.filter === 'in-progress';
      const item = new vscode.TreeItem(group.title, focused ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = focused ? `group:${group.id}:in-progress` : `group:${group.id}`;
      item.description = `${c.done}/${c.total} · ${formatHours(c.hoursLeft)} left${group.detail ? ` · ${group.detail}` : ''}`;
      item.contextValue = 'group';
      item.accessibilityInformation = { label: `${group.title}: ${c.done} of ${c.total} done, ${c.hoursLeft} hours left` };
      return item;
    }
    const node = this.index.node(element.nodeId)!;
    const status = this.progress.displayStatus(node.id);
    const notes = this.hasNotes(node.id);
    const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.None);
    item.id = `node:${element.groupId}/${node.id}${this.options.filter === 'in-progress' ? ':in-progress' : ''}`;
    item.description = `${formatHours(node.hours)}${notes ? ' · notes' : ''}`;
    const look = STATUS_ICONS[status];
    item.iconPath = new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    item.contextValue = `node.${status}${notes ? '.notes' : ''}`;
    item.accessibilityInformation = { label: `${node.title}, ${STATUS_WORDS[status]}, ${node.hours} hours${notes ? ', has notes' : ''}` };
    item.command = { command: COMMANDS.openLesson, title: 'Open Lesson', arguments: [node.id] };
    return item;
  }

  /** Tooltips are built only when the learner hovers. */
  resolveTreeItem(item: vscode.TreeItem, element: TreeElement): vscode.TreeItem {
    if (element.kind !== 'node') return item;
    const node = this.index.node(element.nodeId)!;
    const status = this.progress.displayStatus(node.id);
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMd(node.title)}** · ${formatHours(node.hours)}\n\n`);
    if (node.summary) md.appendMarkdown(`${escapeMd(node.summary)}\n\n`);
    const prereqs = node.prerequisites.map((id) => this.index.node(id)?.title ?? id);
    md.appendMarkdown(`Prerequisites: ${prereqs.length ? prereqs.map(escapeMd).join(', ') : 'none'}\n\n`);
    md.appendMarkdown(`$(${STATUS_ICONS[status].icon}) ${STATUS_WORDS[status]}`);
    item.tooltip = md;
    return item;
  }
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
