import * as path from 'path';
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import { countNodes, formatHours, groupNodes, passesFilter, type Grouping, type NodeFilter, type NodeGroup } from '../progress/plan';
import type { DisplayStatus, ProgressStore } from '../progress/store';
import { REVIEW_GROUP, reviewGroup, reviewGroupItem } from './reviewGroup';
import type { NodeRef, RoadmapIndex } from '../roadmap/model';
import type { RoadmapSource, ShownRoadmap } from '../roadmaps/registry';
import type { WorkspaceRoadmapFile } from '../roadmaps/workspace';
import { isHint } from '../roadmap/problems';
import { Disposable } from '../util/dispose';
import { escapeMarkdown } from './markdownText';

/**
 * A roadmap root (shown only when the workspace brings roadmaps of its own), a group (section or
 * plan phase) and a node. Groups and nodes carry their roadmap's id: node ids repeat across roadmaps.
 */
export type TreeElement =
  | { kind: 'roadmap'; key: string }
  | { kind: 'group'; roadmapId: string; group: NodeGroup }
  | { kind: 'node'; roadmapId: string; nodeId: string; groupId: string };

type GroupElement = Extract<TreeElement, { kind: 'group' }>;
type NodeElement = Extract<TreeElement, { kind: 'node' }>;
type RootElement = Extract<TreeElement, { kind: 'roadmap' }>;

/** The root key of the built-in roadmap; a custom roadmap's root key is its file's URI. */
export const BUILTIN_ROOT = 'builtin';

export const STATUS_ICONS: Record<DisplayStatus, { icon: string; color?: string }> = {
  todo: { icon: 'circle-large-outline' },
  'in-progress': { icon: 'circle-large-filled', color: 'charts.yellow' },
  done: { icon: 'pass', color: 'charts.green' },
  verified: { icon: 'verified-filled', color: 'charts.blue' },
  checked: { icon: 'mortar-board', color: 'charts.purple' },
  skipped: { icon: 'circle-slash', color: 'disabledForeground' },
};

export const STATUS_WORDS: Record<DisplayStatus, string> = { todo: 'to do', 'in-progress': 'in progress', done: 'done', verified: 'verified by a milestone check', checked: 'checked by its quiz', skipped: 'skipped' };

export interface TreeOptions {
  filter: NodeFilter;
  /** Each roadmap's grouping by roadmap id; a roadmap not named groups by its sections. */
  groupings: Readonly<Record<string, Grouping>>;
}

/** The elements of one roadmap in its grouping, built when first needed and kept until either changes. */
interface RoadmapElements {
  roadmap: ShownRoadmap;
  grouping: Grouping;
  groups: NodeGroup[];
  groupElements: Map<string, GroupElement>;
  nodeElements: Map<string, NodeElement>;
}

/** Which grouping a roadmap follows: its saved one, else its sections. */
export function groupingOf(options: TreeOptions, roadmapId: string): Grouping {
  return options.groupings[roadmapId] ?? TOPICS;
}

const TOPICS: Grouping = { kind: 'topics' };

/**
 * Every roadmap shown (one root each once the workspace brings roadmap files of its own), its
 * groups (sections or a plan's phases) and their nodes, with statuses, counts and hours.
 */
export class RoadmapTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeElement> {
  private readonly changed = this._register(new vscode.EventEmitter<TreeElement | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  /** Elements by roadmap id, built lazily: a 5,000-node file costs nothing until it is opened. */
  private readonly built = new Map<string, RoadmapElements>();
  private readonly roots = new Map<string, RootElement>();
  private options: TreeOptions;

  constructor(
    private readonly roadmaps: RoadmapSource,
    private readonly store: ProgressStore,
    options: TreeOptions,
    private readonly hasNotes: (nodeId: string, roadmapId: string) => boolean = () => false,
    /** Whether a milestone with checks verifies the node (its context menu offers the milestone's page). */
    private readonly hasMilestone: (nodeId: string, roadmapId: string) => boolean = () => false,
    private readonly hasExercise: (nodeId: string, roadmapId: string) => boolean = () => false,
  ) {
    super();
    this.options = options;
    this._register(store.onDidChange((c) => {
      if (roadmaps.get(c.roadmapId)) this.changed.fire(undefined);
    }));
    this._register(roadmaps.onDidChange(() => this.changed.fire(undefined)));
  }

  private painted: () => void = () => undefined;
  /**
   * Resolves just after the tree first hands VS Code its top rows (their items are made in the
   * same turn): work the first paint does not need waits for it.
   */
  readonly firstPaint = new Promise<void>((resolve) => {
    this.painted = () => {
      this.painted = () => undefined;
      setTimeout(resolve, 0);
    };
  });

  get current(): TreeOptions {
    return this.options;
  }

  setOptions(options: TreeOptions): void {
    this.options = options;
    this.changed.fire(undefined);
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** A roadmap's elements; made again when its file was read again or its grouping changed. */
  private elements(roadmapId: string): RoadmapElements | undefined {
    const roadmap = this.roadmaps.get(roadmapId);
    if (!roadmap) return undefined;
    const grouping = groupingOf(this.options, roadmapId);
    const cached = this.built.get(roadmapId);
    if (cached && cached.roadmap === roadmap && cached.grouping === grouping) return cached;
    const elements = elementsOf(roadmap, grouping);
    this.built.set(roadmapId, elements);
    return elements;
  }

  /** Roots show only when the workspace has roadmap files; otherwise the tree looks as it always did. */
  private get multiRoot(): boolean {
    return this.roadmaps.files().length > 0;
  }

  private root(key: string): RootElement {
    let el = this.roots.get(key);
    if (!el) this.roots.set(key, (el = { kind: 'roadmap', key }));
    return el;
  }

  /** The first element showing a node in its roadmap's grouping (for reveal). */
  element(nodeId: string, roadmapId = this.roadmaps.main.id): TreeElement | undefined {
    const elements = this.elements(roadmapId);
    if (!elements) return undefined;
    for (const group of elements.groups) {
      if (group.nodeIds.includes(nodeId)) return elements.nodeElements.get(`${group.id}/${nodeId}`);
    }
    return undefined;
  }

  getChildren(element?: TreeElement): TreeElement[] {
    if (!element) {
      this.painted();
      if (!this.multiRoot) return this.groupsOf(this.roadmaps.main.id);
      return [this.root(BUILTIN_ROOT), ...this.roadmaps.files().map((f) => this.root(f.uri.toString()))];
    }
    if (element.kind === 'roadmap') {
      const roadmapId = element.key === BUILTIN_ROOT ? this.roadmaps.main.id : this.usableFile(element.key)?.loaded.roadmapId;
      return roadmapId ? this.groupsOf(roadmapId) : [];
    }
    if (element.kind === 'group') {
      const elements = this.elements(element.roadmapId);
      if (!elements) return [];
      return element.group.nodeIds
        .filter((id) => elements.roadmap.index.node(id) && (element.group.id === REVIEW_GROUP || passesFilter(this.options.filter, this.status(element.roadmapId, id))))
        .map((id) => elements.nodeElements.get(`${element.group.id}/${id}`)!);
    }
    return [];
  }

  private groupsOf(roadmapId: string): TreeElement[] {
    const elements = this.elements(roadmapId);
    if (!elements) return [];
    const shown = (g: NodeGroup) => this.options.filter === 'all' || g.nodeIds.some((id) => passesFilter(this.options.filter, this.status(roadmapId, id)));
    const groups = elements.groups.filter(shown).map((g) => elements.groupElements.get(g.id)!);
    // Topics with quiz items due come first, whatever the filter.
    const review = reviewGroup(this.store, roadmapId, elements.roadmap.index, new Date());
    if (!review) return groups;
    const element: GroupElement = { kind: 'group', roadmapId, group: review };
    elements.groupElements.set(REVIEW_GROUP, element);
    for (const nodeId of review.nodeIds) elements.nodeElements.set(`${REVIEW_GROUP}/${nodeId}`, { kind: 'node', roadmapId, nodeId, groupId: REVIEW_GROUP });
    return [element, ...groups];
  }

  getParent(element: TreeElement): TreeElement | undefined {
    if (element.kind === 'node') return this.elements(element.roadmapId)?.groupElements.get(element.groupId);
    if (element.kind === 'group') {
      if (!this.multiRoot) return undefined;
      const uri = this.roadmaps.get(element.roadmapId)?.uri;
      return this.root(uri ? uri.toString() : BUILTIN_ROOT);
    }
    return undefined;
  }

  getTreeItem(element: TreeElement): vscode.TreeItem {
    if (element.kind === 'roadmap') return element.key === BUILTIN_ROOT ? this.builtinRootItem() : this.customRootItem(element.key);
    // An element of a file that changed a moment ago: the refresh that replaces it is on its way.
    const index = this.elements(element.roadmapId)?.roadmap.index;
    if (!index || (element.kind === 'node' && !index.node(element.nodeId))) return new vscode.TreeItem('…', vscode.TreeItemCollapsibleState.None);
    if (element.kind === 'group') return this.groupItem(element, index);
    return this.nodeItem(element, index);
  }

  private builtinRootItem(): vscode.TreeItem {
    const { index, id } = this.roadmaps.main;
    const c = countNodes(index, index.order, (nodeId) => this.status(id, nodeId));
    const item = new vscode.TreeItem(index.roadmap.title, vscode.TreeItemCollapsibleState.Expanded);
    item.id = 'roadmap:builtin';
    item.description = `${c.done}/${c.total} · ${formatHours(c.hoursLeft, c.hoursUnknownLeft)} left · built in`;
    item.iconPath = new vscode.ThemeIcon('map');
    item.contextValue = 'roadmap.builtin';
    item.tooltip = `${index.roadmap.title}: the built-in roadmap`;
    return item;
  }

  private customRootItem(key: string): vscode.TreeItem {
    const entry = this.roadmaps.files().find((f) => f.uri.toString() === key);
    const uri = entry?.uri ?? vscode.Uri.parse(key);
    const relative = vscode.workspace.asRelativePath(uri);
    const index = entry?.loaded.index;
    // Hints (a node without a lesson, say) are not problems of the file.
    const problems = entry?.loaded.problems.filter((p) => !isHint(p)).length ?? 0;
    const problemWords = problems ? `${problems} problem${problems === 1 ? '' : 's'}` : '';
    const usable = entry && index && !entry.conflict && entry.loaded.roadmapId;
    const item = new vscode.TreeItem(index?.roadmap.title || path.basename(uri.fsPath), usable ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = `roadmap:${key}`;
    // The file's URI lets VS Code colour the label by the file's problems, as the Explorer does.
    item.resourceUri = uri;
    if (usable) {
      const c = countNodes(index, index.order, (id) => this.status(index.roadmap.id, id));
      item.description = [`${c.done}/${c.total}`, `${formatHours(c.hoursLeft, c.hoursUnknownLeft)} left`, problemWords].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon(problems ? 'warning' : 'map', problems ? new vscode.ThemeColor('list.warningForeground') : undefined);
    } else {
      item.description = entry?.conflict ? `id '${entry.loaded.roadmapId}' is taken by ${entry.conflict}` : `could not be read${problemWords ? ` · ${problemWords}` : ''}`;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.command = { command: COMMANDS.openRoadmapFile, title: 'Open Roadmap File', arguments: [uri] };
    }
    item.tooltip = `${relative}${problemWords ? `\n${problemWords}: see the Problems panel` : ''}`;
    item.contextValue = `roadmap.custom${problems || !usable ? '.problems' : ''}`;
    return item;
  }

  private groupItem(element: GroupElement, index: RoadmapIndex): vscode.TreeItem {
    const { group, roadmapId } = element;
    if (group.id === REVIEW_GROUP) return reviewGroupItem(this.store, roadmapId, group, new Date(), this.idPrefix(roadmapId));
    const c = countNodes(index, group.nodeIds, (id) => this.status(roadmapId, id));
    // "In progress only" shows a handful of topics: open every group, under ids of their own so
    // the expansion VS Code remembers for the full view is left alone.
    const focused = this.options.filter === 'in-progress';
    const item = new vscode.TreeItem(group.title, focused ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `${this.idPrefix(roadmapId)}group:${group.id}${focused ? ':in-progress' : ''}`;
    item.description = `${c.done}/${c.total} · ${formatHours(c.hoursLeft, c.hoursUnknownLeft)} left${group.detail ? ` · ${group.detail}` : ''}`;
    item.contextValue = 'group';
    item.accessibilityInformation = { label: `${group.title}: ${c.done} of ${c.total} done, ${c.hoursUnknownLeft ? 'at least ' : ''}${c.hoursLeft} hours left` };
    return item;
  }

  private nodeItem(element: NodeElement, index: RoadmapIndex): vscode.TreeItem {
    const { roadmapId } = element;
    const node = index.node(element.nodeId)!;
    const status = this.status(roadmapId, node.id);
    const notes = this.hasNotes(node.id, roadmapId);
    const title = node.title || node.id;
    const item = new vscode.TreeItem(title, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.idPrefix(roadmapId)}node:${element.groupId}/${node.id}${this.options.filter === 'in-progress' ? ':in-progress' : ''}`;
    // Verified after the reference was shown: still verified, marked so, and counted apart.
    const peeked = status === 'verified' && this.store.peeked(roadmapId, node.id);
    // Quiz items that have come due again: the topic keeps its status and says so.
    const due = this.store.dueCount(roadmapId, node.id, new Date());
    item.description = `${formatHours(node.hours)}${peeked ? ' · peeked' : ''}${notes ? ' · notes' : ''}${due ? ' · review due' : ''}`;
    const look = STATUS_ICONS[status];
    item.iconPath = new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    item.contextValue = `node.${status}${notes ? '.notes' : ''}${this.hasMilestone(node.id, roadmapId) ? '.milestone' : ''}${this.hasExercise(node.id, roadmapId) ? '.exercise' : ''}`;
    item.accessibilityInformation = { label: `${title}, ${STATUS_WORDS[status]}${peeked ? ' after a look at the reference' : ''}, ${node.hours === undefined ? 'hours unknown' : `${node.hours} hours`}${notes ? ', has notes' : ''}${due ? `, ${due} quiz item${due === 1 ? '' : 's'} due for review` : ''}` };
    // The built-in roadmap's nodes are named by id alone, as links and tests always have.
    const arg: string | NodeRef = roadmapId === this.roadmaps.main.id ? node.id : { roadmapId, nodeId: node.id };
    item.command = { command: COMMANDS.openLesson, title: 'Open Lesson', arguments: [arg] };
    return item;
  }

  /** Tooltips are built only when the learner hovers. */
  resolveTreeItem(item: vscode.TreeItem, element: TreeElement): vscode.TreeItem {
    if (element.kind !== 'node') return item;
    const index = this.elements(element.roadmapId)?.roadmap.index;
    const node = index?.node(element.nodeId);
    if (!index || !node) return item;
    const status = this.status(element.roadmapId, node.id);
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMarkdown(node.title || node.id)}** · ${formatHours(node.hours)}\n\n`);
    if (node.summary) md.appendMarkdown(`${escapeMarkdown(node.summary)}\n\n`);
    const prereqs = node.prerequisites.map((id) => index.node(id)?.title ?? id);
    md.appendMarkdown(`Prerequisites: ${prereqs.length ? prereqs.map(escapeMarkdown).join(', ') : 'none'}\n\n`);
    md.appendMarkdown(`$(${STATUS_ICONS[status].icon}) ${STATUS_WORDS[status]}`);
    if (status === 'verified' && this.store.peeked(element.roadmapId, node.id)) md.appendMarkdown(' (passed after a look at the reference solution)');
    item.tooltip = md;
    return item;
  }

  private status(roadmapId: string, nodeId: string): DisplayStatus {
    return this.store.displayStatus(roadmapId, nodeId);
  }

  /** The built-in roadmap keeps the item ids it always had, so VS Code's remembered expansion holds. */
  private idPrefix(roadmapId: string): string {
    return roadmapId === this.roadmaps.main.id ? '' : `custom:${roadmapId}:`;
  }

  /** A workspace root's file when it can be shown as a roadmap. */
  private usableFile(key: string): WorkspaceRoadmapFile | undefined {
    const file = this.roadmaps.files().find((f) => f.uri.toString() === key);
    return file && !file.conflict && file.loaded.roadmapId ? file : undefined;
  }
}

function elementsOf(roadmap: ShownRoadmap, grouping: Grouping): RoadmapElements {
  const roadmapId = roadmap.id;
  const groups = groupNodes(roadmap.index, grouping);
  const groupElements = new Map<string, GroupElement>();
  const nodeElements = new Map<string, NodeElement>();
  for (const group of groups) {
    groupElements.set(group.id, { kind: 'group', roadmapId, group });
    for (const nodeId of group.nodeIds) nodeElements.set(`${group.id}/${nodeId}`, { kind: 'node', roadmapId, nodeId, groupId: group.id });
  }
  return { roadmap, grouping, groups, groupElements, nodeElements };
}
