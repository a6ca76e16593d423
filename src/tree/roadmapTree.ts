import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { RoadmapIndex, RoadmapNode, Section } from '../roadmap/model';
import type { NodeStatus, ProgressStore } from '../progress/store';
import { Disposable } from '../util/dispose';

export type TreeElement = { kind: 'section'; section: Section } | { kind: 'node'; node: RoadmapNode };

const STATUS_ICON: Record<NodeStatus, vscode.ThemeIcon> = {
  todo: new vscode.ThemeIcon('circle-large-outline'),
  'in-progress': new vscode.ThemeIcon('circle-large-filled', new vscode.ThemeColor('charts.yellow')),
  done: new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green')),
  skipped: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

const STATUS_WORDS: Record<NodeStatus, string> = { todo: 'to do', 'in-progress': 'in progress', done: 'done', skipped: 'skipped' };

/** Sections and their nodes, with each node's status. */
export class RoadmapTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeElement> {
  private readonly changed = this._register(new vscode.EventEmitter<TreeElement | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sectionElements = new Map<string, TreeElement>();
  private readonly nodeElements = new Map<string, TreeElement>();

  constructor(private readonly index: RoadmapIndex, private readonly progress: ProgressStore) {
    super();
    for (const section of index.roadmap.sections) {
      this.sectionElements.set(section.id, { kind: 'section', section });
      for (const node of section.nodes) this.nodeElements.set(node.id, { kind: 'node', node });
    }
    this._register(progress.onDidChange(() => this.changed.fire(undefined)));
  }

  element(nodeId: string): TreeElement | undefined {
    return this.nodeElements.get(nodeId);
  }

  getChildren(element?: TreeElement): TreeElement[] {
    if (!element) return [...this.sectionElements.values()];
    if (element.kind === 'section') return element.section.nodes.map((n) => this.nodeElements.get(n.id)!);
    return [];
  }

  getParent(element: TreeElement): TreeElement | undefined {
    if (element.kind === 'section') return undefined;
    const section = this.index.sectionOf.get(element.node.id);
    return section && this.sectionElements.get(section.id);
  }

  getTreeItem(element: TreeElement): vscode.TreeItem {
    if (element.kind === 'section') {
      const { section } = element;
      const done = section.nodes.filter((n) => this.progress.status(n.id) === 'done').length;
      const item = new vscode.TreeItem(section.title, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `section:${section.id}`;
      item.description = `${done}/${section.nodes.length}`;
      item.contextValue = 'section';
      return item;
    }
    const { node } = element;
    const status = this.progress.status(node.id);
    const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.None);
    item.id = `node:${node.id}`;
    item.description = `${node.hours} h`;
    item.iconPath = STATUS_ICON[status];
    item.contextValue = `node.${status}`;
    item.tooltip = new vscode.MarkdownString(`**${node.title}**\n\n${node.summary}\n\nStatus: ${STATUS_WORDS[status]}`);
    item.accessibilityInformation = { label: `${node.title}, ${node.hours} hours, ${STATUS_WORDS[status]}` };
    item.command = { command: COMMANDS.openLesson, title: 'Open Lesson', arguments: [node.id] };
    return item;
  }
}
