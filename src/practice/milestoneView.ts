/**
 * What the milestone page shows: what to build, how it will be tested (from the check data), its
 * topics, the last result of each check, the hints opened so far, and watch mode's state. Pure.
 */
import type { DisplayStatus, MilestonePractice } from '../progress/state';
import type { ProjectIdea } from '../roadmap/model';
import type { Check } from '../verify/checks';
import type { CheckRun } from '../verify/lastRuns';
import { checksInWords, type CheckInWords } from './checkWords';


export interface MilestoneRef {
  roadmapId: string;
  projectId: string;
  milestoneId: string;
}

export interface MilestoneView extends MilestoneRef {
  ideaTitle: string;
  title: string;
  description: string;
  /** 1-based place among the idea's milestones, and how many it has. */
  position: number;
  count: number;
  previous?: { id: string; title: string };
  next?: { id: string; title: string };
  nodes: { id: string; title: string; status: DisplayStatus; peeked: boolean }[];
  /** Every node of the milestone verified by it; `peeked` when that pass came after a look at the reference. */
  verified: boolean;
  peeked: boolean;
  checks: (CheckInWords & { last?: CheckRun })[];
  /** The project in the workspace the page is about (relative folder and stack), when there is one. */
  project?: { folder: string; stack: string };
  hints: {
    /** The hints opened so far, as HTML, in order. */
    opened: string[];
    total: number;
    /** The stack the hints are written for. */
    stack: string;
    /** Said when the hints are not for the project's own stack. */
    note?: string;
  };
  watch?: { focus: boolean; state: string };
  /** A reference solution ships for the project's stack. */
  reference: boolean;
}

export interface MilestoneSources {
  idea: ProjectIdea;
  milestoneId: string;
  roadmapId: string;
  checks: readonly Check[];
  healthPath?: string;
  nodeTitle: (id: string) => string | undefined;
  statusOf: (id: string) => DisplayStatus;
  peeked: (id: string) => boolean;
  /** The node's verified check keys (`idea/milestone` to ISO time). */
  verifiedBy: (id: string) => Record<string, string> | undefined;
  practice: MilestonePractice;
  lastRuns?: Record<string, CheckRun>;
  project?: { folder: string; stack: string };
  /** Stack to the milestone's hints (HTML). */
  hints: Record<string, string[]>;
  watch?: { focus: boolean; state: string };
  reference: boolean;
}

/** The stacks hints are written for, in the order one is picked when the project's is not among them. */
const HINT_STACK_ORDER = ['ts', 'python', 'go'];

export function buildMilestoneView(src: MilestoneSources): MilestoneView {
  const { idea, milestoneId } = src;
  const at = idea.milestones.findIndex((m) => m.id === milestoneId);
  if (at < 0) throw new Error(`no milestone '${milestoneId}' in the project idea '${idea.id}'`);
  const milestone = idea.milestones[at];
  const key = `${idea.id}/${milestoneId}`;
  const nodes = milestone.nodes.filter((id) => src.nodeTitle(id) !== undefined).map((id) => ({ id, title: src.nodeTitle(id)!, status: src.statusOf(id), peeked: src.peeked(id) }));
  const verifiedAt = nodes.map((n) => src.verifiedBy(n.id)?.[key]);
  const verified = nodes.length > 0 && verifiedAt.every((t) => t !== undefined);
  const peekedAt = src.practice.peekedAt;
  const stack = src.project && src.hints[src.project.stack] ? src.project.stack : HINT_STACK_ORDER.find((s) => src.hints[s]) ?? Object.keys(src.hints)[0] ?? '';
  const list = src.hints[stack] ?? [];
  const opened = Math.min(src.practice.hints ?? 0, list.length);
  const link = (i: number) => idea.milestones[i] && { id: idea.milestones[i].id, title: idea.milestones[i].title };
  return {
    roadmapId: src.roadmapId,
    projectId: idea.id,
    milestoneId,
    ideaTitle: idea.title,
    title: milestone.title,
    description: milestone.description,
    position: at + 1,
    count: idea.milestones.length,
    ...(at > 0 ? { previous: link(at - 1) } : {}),
    ...(at < idea.milestones.length - 1 ? { next: link(at + 1) } : {}),
    nodes,
    verified,
    peeked: verified && peekedAt !== undefined && verifiedAt.every((t) => t! >= peekedAt),
    checks: checksInWords(src.checks, src.healthPath).map((c) => {
      const last = src.lastRuns?.[String(c.index)];
      return last ? { ...c, last } : c;
    }),
    ...(src.project ? { project: src.project } : {}),
    hints: {
      opened: list.slice(0, opened),
      total: list.length,
      stack,
      ...(src.project && stack !== src.project.stack && list.length ? { note: `There are no hints written for ${src.project.stack}; these are for ${stack}.` } : {}),
    },
    ...(src.watch ? { watch: src.watch } : {}),
    reference: src.reference,
  };
}
