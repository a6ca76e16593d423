/** Ordering, counting and "what next" over a roadmap and its progress. Pure: no `vscode`. */
import type { Plan, PlanPhase, RoadmapIndex } from '../roadmap/model';
import type { DisplayStatus } from './store';

/** How the tree groups nodes, and in which order "Continue" walks them. */
export type Grouping = { kind: 'topics' } | { kind: 'plan'; planId: string };

export interface NodeGroup {
  id: string;
  title: string;
  /** Why the group comes where it does (a section's description). */
  description?: string;
  /** Extra words shown after the counts, such as "weeks 1-6". */
  detail?: string;
  nodeIds: string[];
}

export type StatusOf = (nodeId: string) => DisplayStatus;

const isFinished = (s: DisplayStatus) => s === 'done' || s === 'verified' || s === 'checked';
const isSettled = (s: DisplayStatus) => isFinished(s) || s === 'skipped';

/**
 * Groups in display order. A plan's phases first, then the nodes the plan does not cover. Group
 * ids are unique even where a roadmap file with problems repeats a section or phase id. A phase
 * that names a node of a choice group (a language) shows the chosen one.
 */
export function groupNodes(index: RoadmapIndex, grouping: Grouping): NodeGroup[] {
  const plan = grouping.kind === 'plan' ? index.plan(grouping.planId) : undefined;
  if (!plan) return uniqueIds(index.roadmap.sections.map((s, i) => ({ id: s.id, title: s.title || s.id || `Section ${i + 1}`, ...(s.description ? { description: s.description } : {}), nodeIds: s.nodes.map((n) => n.id) })));
  const covered = new Set<string>();
  const groups: NodeGroup[] = plan.phases.map((phase, i) => {
    const nodeIds = phaseNodeIds(index, phase);
    nodeIds.forEach((id) => covered.add(id));
    return { id: phase.id, title: phase.title || phase.id || `Phase ${i + 1}`, detail: phaseRange(plan, phase), nodeIds };
  });
  const rest = index.order.filter((id) => !covered.has(id));
  if (rest.length) groups.push({ id: 'not-in-plan', title: 'Not in this plan', nodeIds: rest });
  return uniqueIds(groups);
}

function uniqueIds(groups: NodeGroup[]): NodeGroup[] {
  const seen = new Set<string>();
  return groups.map((g, i) => {
    const id = seen.has(g.id) || g.id === '' ? `${g.id}~${i}` : g.id;
    seen.add(id);
    return id === g.id ? g : { ...g, id };
  });
}

/** The nodes a phase covers, each node of a choice group standing for the chosen one, once each. */
export function phaseNodeIds(index: RoadmapIndex, phase: PlanPhase): string[] {
  return [...new Set(phase.nodes.filter((id) => index.node(id)).map((id) => index.resolve(id)))];
}

/** A phase's place in its plan in words: its own duration ("1-2 months"), else "weeks 1-6", else "6 weeks". */
export function phaseRange(plan: Plan, phase: PlanPhase): string | undefined {
  if (phase.duration) return phase.duration;
  if (phase.periods.length > 0) {
    const from = phase.periods[0].from;
    const to = phase.periods[phase.periods.length - 1].to;
    return from === to ? `${plan.unit} ${from}` : `${plan.unit}s ${from}-${to}`;
  }
  return phase.length ? `${phase.length} ${plan.unit}${phase.length === 1 ? '' : 's'}` : undefined;
}

/** Every node once, in the grouping's order. */
export function orderedNodeIds(index: RoadmapIndex, grouping: Grouping): string[] {
  return [...new Set(groupNodes(index, grouping).flatMap((g) => g.nodeIds))];
}

/**
 * Counts over the nodes that count for this learner: optional nodes and the choices not taken
 * (another language) add nothing, though they can still be opened and finished.
 */
export interface Counts {
  total: number;
  done: number;
  inProgress: number;
  skipped: number;
  /** The hours of the nodes that give them; `hoursUnknown` nodes give none and add nothing. */
  hoursTotal: number;
  hoursLeft: number;
  /** How many nodes have no hour estimate (a roadmap of the workspace's own may leave it out). */
  hoursUnknown: number;
  /** How many of those are not finished or skipped, so the hours left are a lower bound. */
  hoursUnknownLeft: number;
  /** Done share of the nodes that are not skipped, 0-100, rounded down. */
  percent: number;
  /** Nodes left out of every count above because they are optional for this learner. */
  optional: number;
}

export function countNodes(index: RoadmapIndex, nodeIds: string[], statusOf: StatusOf): Counts {
  const c: Counts = { total: 0, done: 0, inProgress: 0, skipped: 0, hoursTotal: 0, hoursLeft: 0, hoursUnknown: 0, hoursUnknownLeft: 0, percent: 0, optional: 0 };
  for (const id of new Set(nodeIds)) {
    const node = index.node(id);
    if (!node) continue;
    if (!index.counts(id)) {
      c.optional++;
      continue;
    }
    const s = statusOf(id);
    const hours = node.hours ?? 0;
    c.total++;
    c.hoursTotal += hours;
    if (node.hours === undefined) c.hoursUnknown++;
    if (isFinished(s)) c.done++;
    else if (s === 'skipped') c.skipped++;
    else {
      if (s === 'in-progress') c.inProgress++;
      c.hoursLeft += hours;
      if (node.hours === undefined) c.hoursUnknownLeft++;
    }
  }
  const counted = c.total - c.skipped;
  c.percent = counted === 0 ? 0 : Math.floor((100 * c.done) / counted);
  return c;
}

/**
 * The node to continue with: the first one in progress, else the first to-do node whose
 * prerequisites are all done, verified or skipped, in the grouping's order. Optional nodes are
 * passed over; a prerequisite in a choice group means the chosen node, and an optional one waits for nothing.
 */
export function nextNode(index: RoadmapIndex, grouping: Grouping, statusOf: StatusOf): string | undefined {
  const order = orderedNodeIds(index, grouping).filter((id) => index.counts(id));
  const inProgress = order.find((id) => statusOf(id) === 'in-progress');
  if (inProgress) return inProgress;
  const ready = (p: string) => {
    const id = index.resolve(p);
    return !index.node(id) || !index.counts(id) || isSettled(statusOf(id));
  };
  return order.find((id) => statusOf(id) === 'todo' && index.node(id)!.prerequisites.every(ready));
}

export type NodeFilter = 'all' | 'hide-done' | 'in-progress';

export function passesFilter(filter: NodeFilter, status: DisplayStatus): boolean {
  if (filter === 'hide-done') return !isFinished(status);
  if (filter === 'in-progress') return status === 'in-progress';
  return true;
}

/**
 * Hours for display. Unknown hours are not 0: a node without an estimate shows '? h', and a sum
 * that leaves out `unknown` nodes is a lower bound ('4 h+', or '? h' when nothing is known).
 */
export function formatHours(h: number | undefined, unknown = 0): string {
  if (h === undefined || (h === 0 && unknown > 0)) return '? h';
  const text = Number.isInteger(h) ? `${h} h` : `${h.toFixed(1)} h`;
  return unknown > 0 ? `${text}+` : text;
}
