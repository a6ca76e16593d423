/** What the graph page shows: the layout, each topic's title, hours and mark, the plan in use. Pure: no `vscode`. */
import type { DisplayStatus } from '../progress/state';
import type { RoadmapIndex } from '../roadmap/model';
import { DUE_LOOK, STATUS_LOOK, STATUS_ORDER, type GraphLayout, type NodeMark } from './model';

export interface GraphView {
  /** Saved by the page, so a reload restores the graph of the same roadmap. */
  roadmapId: string;
  roadmapTitle: string;
  /** Title and hours by topic id. */
  topics: Record<string, { title: string; hours?: number }>;
  /** Marks of topics that are not plain "to do" (the page takes the rest as to do). */
  marks: Record<string, NodeMark>;
  /** The plan the tree is grouped by: its topics are outlined. */
  plan?: { title: string; nodes: string[] };
  /** Undefined while the layout is computed. */
  layout?: GraphLayout;
  /** Why there is no layout, when it failed. */
  problem?: string;
  /** How each status looks (the one table, src/graph/model.ts), in legend order. */
  look: typeof STATUS_LOOK;
  order: typeof STATUS_ORDER;
  due: typeof DUE_LOOK;
}

export interface MarkSource {
  statusOf(id: string): DisplayStatus;
  dueOf(id: string): number;
  peeked(id: string): boolean;
}

/** Every topic's mark (to-do topics with nothing due left out). */
export function marksOf(index: RoadmapIndex, source: MarkSource): Record<string, NodeMark> {
  const marks: Record<string, NodeMark> = {};
  for (const id of index.order) {
    const status = source.statusOf(id);
    const due = source.dueOf(id);
    if (status === 'todo' && !due) continue;
    const mark: NodeMark = { status };
    if (due) mark.due = due;
    if (status === 'verified' && source.peeked(id)) mark.peeked = true;
    marks[id] = mark;
  }
  return marks;
}

export function buildGraphView(index: RoadmapIndex, input: { marks: Record<string, NodeMark>; planId?: string; layout?: GraphLayout; problem?: string }): GraphView {
  const topics: GraphView['topics'] = {};
  for (const id of index.order) {
    const n = index.node(id)!;
    topics[id] = n.hours === undefined ? { title: n.title || id } : { title: n.title || id, hours: n.hours };
  }
  const plan = input.planId ? index.plan(input.planId) : undefined;
  return {
    roadmapId: index.roadmap.id,
    roadmapTitle: index.roadmap.title || index.roadmap.id,
    topics,
    marks: input.marks,
    plan: plan && { title: plan.title || plan.id, nodes: [...new Set(plan.phases.flatMap((p) => p.nodes))] },
    layout: input.layout,
    problem: input.problem,
    look: STATUS_LOOK,
    order: STATUS_ORDER,
    due: DUE_LOOK,
  };
}
