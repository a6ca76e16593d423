import * as vscode from 'vscode';
import { CONTEXT_KEYS, STATE_KEYS, TREE_VIEW } from '../ids';
import { countNodes, nextNode, type Grouping, type NodeFilter } from '../progress/plan';
import type { CustomRoadmaps } from '../custom/customRoadmaps';
import type { RoadmapProgress } from '../progress/store';
import type { NodeRef, RoadmapIndex } from '../roadmap/model';
import { Disposable } from '../util/dispose';
import { RoadmapTreeProvider, type TreeElement, type TreeOptions } from './roadmapTree';

const FILTERS: readonly NodeFilter[] = ['all', 'hide-done', 'in-progress'];

/** The Roadmap tree view: its options (saved per workspace), its title line, and reveal. */
export class RoadmapView extends Disposable {
  readonly tree: RoadmapTreeProvider;
  readonly view: vscode.TreeView<TreeElement>;
  private lastSelected: TreeElement | undefined;

  constructor(
    private readonly index: RoadmapIndex,
    private readonly progress: RoadmapProgress,
    private readonly state: vscode.Memento,
    hasNotes: (nodeId: string, roadmapId: string) => boolean,
    customs?: CustomRoadmaps,
  ) {
    super();
    this.tree = this._register(new RoadmapTreeProvider(index, progress, this.savedOptions(), hasNotes, customs));
    this.view = this._register(vscode.window.createTreeView(TREE_VIEW, { treeDataProvider: this.tree, showCollapseAll: true }));
    this._register(progress.store.onDidChange(() => this.updateTitle()));
    this._register(this.view.onDidChangeSelection((e) => {
      if (e.selection.length > 0) this.lastSelected = e.selection[0];
    }));
    this.updateTitle();
    void this.updateContext();
  }

  get options(): TreeOptions {
    return this.tree.current;
  }

  async setOptions(options: Partial<TreeOptions>): Promise<void> {
    const next = { ...this.tree.current, ...options };
    this.tree.setOptions(next);
    await this.state.update(STATE_KEYS.view, next);
    this.updateTitle();
    await this.updateContext();
  }

  /**
   * The node selected in the tree. A refresh empties the view's selection for a moment, so the
   * last one the view reported stands in until it comes back.
   */
  focusedNodeId(): string | undefined {
    return this.focusedNode()?.nodeId;
  }

  /** The selected node with its roadmap. */
  focusedNode(): NodeRef | undefined {
    const el = this.view.selection[0] ?? this.lastSelected;
    return el?.kind === 'node' ? { roadmapId: el.roadmapId, nodeId: el.nodeId } : undefined;
  }

  async reveal(nodeId: string, focus = false, roadmapId = this.progress.roadmapId): Promise<void> {
    let el = this.tree.element(nodeId, roadmapId);
    if (!el && this.tree.current.filter !== 'all') {
      await this.setOptions({ filter: 'all' });
      el = this.tree.element(nodeId, roadmapId);
    }
    if (el) {
      await this.view.reveal(el, { select: true, focus, expand: true });
      this.lastSelected = el;
    }
  }

  next(): string | undefined {
    return nextNode(this.index, this.tree.current.grouping, (id) => this.progress.displayStatus(id));
  }

  private savedOptions(): TreeOptions {
    const saved = this.state.get<Partial<TreeOptions>>(STATE_KEYS.view);
    const filter = FILTERS.includes(saved?.filter as NodeFilter) ? (saved!.filter as NodeFilter) : 'all';
    let grouping: Grouping = { kind: 'topics' };
    const g = saved?.grouping as Grouping | undefined;
    if (g?.kind === 'plan' && typeof g.planId === 'string' && this.index.plan(g.planId)) grouping = { kind: 'plan', planId: g.planId };
    return { grouping, filter };
  }

  private updateTitle(): void {
    const c = countNodes(this.index, this.index.order, (id) => this.progress.displayStatus(id));
    const filter = this.tree.current.filter;
    const plan = this.tree.current.grouping.kind === 'plan' ? this.index.plan(this.tree.current.grouping.planId)?.title : undefined;
    this.view.description = [`${c.percent}% done`, plan, filter === 'hide-done' ? 'hiding done' : filter === 'in-progress' ? 'in progress only' : undefined].filter(Boolean).join(' · ');
    this.view.badge = c.done > 0 ? { value: c.percent, tooltip: `${c.percent}% of the roadmap done (${c.done} of ${c.total - c.skipped} topics)` } : undefined;
    this.view.message = filter === 'in-progress' && c.inProgress === 0 ? 'No topic is in progress. Change the filter to see all topics.' : undefined;
  }

  private async updateContext(): Promise<void> {
    const { filter, grouping } = this.tree.current;
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filter, filter);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.grouping, grouping.kind === 'plan' ? grouping.planId : 'topics');
  }
}
