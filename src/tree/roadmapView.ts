import * as vscode from 'vscode';
import { CONTEXT_KEYS, STATE_KEYS, TREE_VIEW } from '../ids';
import { countNodes, nextNode, type Grouping, type NodeFilter } from '../progress/plan';
import type { ProgressStore } from '../progress/store';
import type { NodeRef } from '../roadmap/model';
import type { RoadmapSource } from '../roadmaps/registry';
import { Disposable } from '../util/dispose';
import { groupingOf, RoadmapTreeProvider, type TreeElement, type TreeOptions } from './roadmapTree';

const FILTERS: readonly NodeFilter[] = ['all', 'hide-done', 'in-progress'];

/** The Roadmap tree view: its options (saved per workspace), its title line, and reveal. */
export class RoadmapView extends Disposable {
  readonly tree: RoadmapTreeProvider;
  readonly view: vscode.TreeView<TreeElement>;
  /**
   * Resolves once the tree's first rows are drawn; when the view is not shown (activated by a
   * command, a restored lesson, a scaffolded project in the workspace), after a moment instead.
   * The view may also report itself hidden while it is being opened: the moment covers that.
   */
  readonly afterFirstPaint: Promise<void>;
  private lastSelected: TreeElement | undefined;

  constructor(
    private readonly roadmaps: RoadmapSource,
    private readonly store: ProgressStore,
    private readonly state: vscode.Memento,
    hasNotes: (nodeId: string, roadmapId: string) => boolean,
    hasMilestone: (nodeId: string, roadmapId: string) => boolean = () => false,
    hasExercise: (nodeId: string, roadmapId: string) => boolean = () => false,
  ) {
    super();
    this.tree = this._register(new RoadmapTreeProvider(roadmaps, store, this.savedOptions(), hasNotes, hasMilestone, hasExercise));
    this.view = this._register(vscode.window.createTreeView(TREE_VIEW, { treeDataProvider: this.tree, showCollapseAll: true }));
    const wait = this.view.visible ? 2000 : 250;
    this.afterFirstPaint = Promise.race([this.tree.firstPaint, new Promise<void>((resolve) => setTimeout(resolve, wait))]);
    this._register(store.onDidChange(() => this.updateTitle()));
    this._register(this.view.onDidChangeSelection((e) => {
      if (e.selection.length > 0) this.lastSelected = e.selection[0];
    }));
    // The title line, the badge and the menus' context keys are not part of the first rows.
    void this.afterFirstPaint.then(() => {
      if (this.isDisposed) return;
      this.updateTitle();
      return this.updateContext();
    });
  }

  get options(): TreeOptions {
    return this.tree.current;
  }

  /** The grouping a roadmap's nodes follow in the tree, in "Continue" and on its dashboard. */
  grouping(roadmapId = this.roadmaps.main.id): Grouping {
    return groupingOf(this.tree.current, roadmapId);
  }

  /** Changes the filter, and the grouping of one roadmap (the built-in one unless `roadmapId` says). */
  async setOptions(options: { filter?: NodeFilter; grouping?: Grouping; roadmapId?: string }): Promise<void> {
    const { filter, grouping, roadmapId = this.roadmaps.main.id } = options;
    const current = this.tree.current;
    const next: TreeOptions = { filter: filter ?? current.filter, groupings: grouping ? { ...current.groupings, [roadmapId]: grouping } : current.groupings };
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

  async reveal(nodeId: string, focus = false, roadmapId = this.roadmaps.main.id): Promise<void> {
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

  /** The built-in roadmap's next node in its grouping's order. */
  next(): string | undefined {
    const { index, id } = this.roadmaps.main;
    return nextNode(index, this.grouping(id), (nodeId) => this.store.displayStatus(id, nodeId));
  }

  /**
   * The saved filter and groupings. Groupings are kept by roadmap id (a workspace roadmap's plan is
   * checked when it is used, since its file is read later); states saved before held one grouping,
   * the built-in roadmap's.
   */
  private savedOptions(): TreeOptions {
    const saved = this.state.get<{ filter?: unknown; grouping?: unknown; groupings?: unknown }>(STATE_KEYS.view);
    const filter = FILTERS.includes(saved?.filter as NodeFilter) ? (saved!.filter as NodeFilter) : 'all';
    const groupings: Record<string, Grouping> = {};
    const given = saved?.groupings && typeof saved.groupings === 'object' ? (saved.groupings as Record<string, unknown>) : { [this.roadmaps.main.id]: saved?.grouping };
    for (const [roadmapId, g] of Object.entries(given)) if (isPlanGrouping(g)) groupings[roadmapId] = { kind: 'plan', planId: g.planId };
    const main = groupings[this.roadmaps.main.id];
    if (main?.kind === 'plan' && !this.roadmaps.main.index.plan(main.planId)) delete groupings[this.roadmaps.main.id];
    return { filter, groupings };
  }

  private updateTitle(): void {
    const { index, id } = this.roadmaps.main;
    const c = countNodes(index, index.order, (nodeId) => this.store.displayStatus(id, nodeId));
    const filter = this.tree.current.filter;
    const grouping = this.grouping(id);
    const plan = grouping.kind === 'plan' ? index.plan(grouping.planId)?.title : undefined;
    this.view.description = [`${c.percent}% done`, plan, filter === 'hide-done' ? 'hiding done' : filter === 'in-progress' ? 'in progress only' : undefined].filter(Boolean).join(' · ');
    this.view.badge = c.done > 0 ? { value: c.percent, tooltip: `${c.percent}% of the roadmap done (${c.done} of ${c.total - c.skipped} topics)` } : undefined;
    this.view.message = filter === 'in-progress' && c.inProgress === 0 ? 'No topic is in progress. Change the filter to see all topics.' : undefined;
  }

  private async updateContext(): Promise<void> {
    const filter = this.tree.current.filter;
    const grouping = this.grouping();
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filter, filter);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.grouping, grouping.kind === 'plan' ? grouping.planId : 'topics');
  }
}

function isPlanGrouping(g: unknown): g is { kind: 'plan'; planId: string } {
  return !!g && typeof g === 'object' && (g as Grouping).kind === 'plan' && typeof (g as { planId?: unknown }).planId === 'string';
}
