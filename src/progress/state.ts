/**
 * The shape of saved progress, its versions and how two states merge: what the store reads and
 * writes, apart from when and where it does. Pure: no `vscode`.
 */
import { BUILTIN_ROADMAP_ID } from '../roadmap/model';

export const NODE_STATUSES = ['todo', 'in-progress', 'done', 'skipped'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];
/** What the learner sees: a done node whose milestone check passed shows as verified. */
export type DisplayStatus = NodeStatus | 'verified';

export interface NodeProgress {
  status: NodeStatus;
  /** ISO timestamps. */
  updatedAt: string;
  startedAt?: string;
  doneAt?: string;
  /** Milestone checks that passed for this node: check key (project/milestone) -> ISO time. */
  verified?: Record<string, string>;
}

/** What the learner asked for while working on a milestone (`idea/milestone`). */
export interface MilestonePractice {
  /** How many of its hints have been opened. */
  hints?: number;
  /** ISO time the reference solution was first shown: a pass after it is marked as peeked. */
  peekedAt?: string;
}

export interface RoadmapProgressState {
  nodes: Record<string, NodeProgress>;
  /** Plan checklist items the learner ticked ("plan/phase/index" -> ISO time). */
  signals?: Record<string, string>;
  /** Hints opened and references shown, by milestone check key (`idea/milestone`). */
  practice?: Record<string, MilestonePractice>;
}

export interface ProgressState {
  version: typeof PROGRESS_VERSION;
  roadmaps: Record<string, RoadmapProgressState>;
}

export const PROGRESS_VERSION = 2;
export interface ProgressChange {
  roadmapId: string;
  nodeIds: string[];
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  /** Node ids by roadmap that the import changed. */
  changed: ProgressChange[];
}

/** Reads any stored version; older versions are migrated, newer or broken ones reported. */
export function parseState(raw: unknown, what: string, strict = false): { state: ProgressState; problem?: string } {
  const empty: ProgressState = { version: PROGRESS_VERSION, roadmaps: {} };
  if (raw === undefined || raw === null) return strict ? { state: empty, problem: `${what} holds no progress` } : { state: empty };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { state: empty, problem: `${what} is not an object but ${Array.isArray(raw) ? 'a list' : typeof raw}` };
  const r = raw as { version?: unknown; nodes?: unknown; roadmaps?: unknown };
  let roadmaps: unknown;
  if (r.version === 1) roadmaps = { [BUILTIN_ROADMAP_ID]: { nodes: r.nodes } }; // v1: the built-in roadmap's nodes only
  else if (r.version === PROGRESS_VERSION) roadmaps = r.roadmaps;
  else if (typeof r.version === 'number' && r.version > PROGRESS_VERSION) return { state: empty, problem: `${what} was written by a newer version of Backend Roadmap (format ${r.version}); update the extension` };
  else return { state: empty, problem: `${what} has an unknown format version ${JSON.stringify(r.version)}` };
  if (typeof roadmaps !== 'object' || roadmaps === null || Array.isArray(roadmaps)) return { state: empty, problem: `${what} has no 'roadmaps' object` };
  const out: ProgressState = { version: PROGRESS_VERSION, roadmaps: {} };
  for (const [roadmapId, entry] of Object.entries(roadmaps as Record<string, unknown>)) {
    const nodes = (entry as { nodes?: unknown } | null)?.nodes;
    if (typeof nodes !== 'object' || nodes === null || Array.isArray(nodes)) {
      if (strict) return { state: empty, problem: `${what}: roadmap '${roadmapId}' has no 'nodes' object` };
      continue;
    }
    const clean: Record<string, NodeProgress> = {};
    for (const [id, p] of Object.entries(nodes as Record<string, unknown>)) {
      const node = cleanNode(p);
      if (node) clean[id] = node;
      else if (strict) return { state: empty, problem: `${what}: node '${id}' of roadmap '${roadmapId}' is not a valid progress entry` };
    }
    out.roadmaps[roadmapId] = { nodes: clean };
    const signals = (entry as { signals?: unknown }).signals;
    if (signals && typeof signals === 'object' && !Array.isArray(signals)) {
      const kept = Object.entries(signals as Record<string, unknown>).filter(([, t]) => typeof t === 'string');
      if (kept.length) out.roadmaps[roadmapId].signals = Object.fromEntries(kept) as Record<string, string>;
    }
    const practice = cleanPractice((entry as { practice?: unknown }).practice);
    if (practice) out.roadmaps[roadmapId].practice = practice;
  }
  return { state: out };
}

function cleanNode(p: unknown): NodeProgress | undefined {
  if (typeof p !== 'object' || p === null) return undefined;
  const n = p as Record<string, unknown>;
  if (!(NODE_STATUSES as readonly unknown[]).includes(n.status) || typeof n.updatedAt !== 'string') return undefined;
  const out: NodeProgress = { status: n.status as NodeStatus, updatedAt: n.updatedAt };
  if (typeof n.startedAt === 'string') out.startedAt = n.startedAt;
  if (typeof n.doneAt === 'string') out.doneAt = n.doneAt;
  if (n.verified && typeof n.verified === 'object' && !Array.isArray(n.verified)) {
    const v = Object.entries(n.verified as Record<string, unknown>).filter(([, t]) => typeof t === 'string');
    if (v.length) out.verified = Object.fromEntries(v) as Record<string, string>;
  }
  return out;
}

function cleanPractice(raw: unknown): Record<string, MilestonePractice> | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out: Record<string, MilestonePractice> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!value || typeof value !== 'object') continue;
    const v = value as Record<string, unknown>;
    const entry: MilestonePractice = {};
    if (typeof v.hints === 'number' && Number.isInteger(v.hints) && v.hints > 0) entry.hints = v.hints;
    if (typeof v.peekedAt === 'string') entry.peekedAt = v.peekedAt;
    if (entry.hints !== undefined || entry.peekedAt !== undefined) out[key] = entry;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Two records of the same milestone: the most hints opened, the first peek (neither can be taken back). */
export function mergePractice(a: MilestonePractice | undefined, b: MilestonePractice | undefined): MilestonePractice {
  const hints = Math.max(a?.hints ?? 0, b?.hints ?? 0);
  const peeks = [a?.peekedAt, b?.peekedAt].filter((t): t is string => t !== undefined).sort();
  return { ...(hints ? { hints } : {}), ...(peeks.length ? { peekedAt: peeks[0] } : {}) };
}

/** Per node, the entry with the later updatedAt wins. */
export function mergeStates(base: ProgressState, incoming: ProgressState): { state: ProgressState; summary: ImportSummary } {
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, changed: [] };
  const roadmaps: Record<string, RoadmapProgressState> = { ...base.roadmaps };
  for (const [roadmapId, r] of Object.entries(incoming.roadmaps)) {
    const nodes = { ...(roadmaps[roadmapId]?.nodes ?? {}) };
    const changed: string[] = [];
    for (const [id, p] of Object.entries(r.nodes)) {
      const mine = nodes[id];
      if (!mine) {
        nodes[id] = p;
        summary.added++;
        changed.push(id);
      } else if (p.updatedAt > mine.updatedAt && JSON.stringify(p) !== JSON.stringify(mine)) {
        nodes[id] = p;
        summary.updated++;
        changed.push(id);
      } else summary.unchanged++;
    }
    const signals = { ...(roadmaps[roadmapId]?.signals ?? {}), ...(r.signals ?? {}) };
    const signalsChanged = Object.keys(signals).length !== Object.keys(roadmaps[roadmapId]?.signals ?? {}).length;
    const mine = roadmaps[roadmapId]?.practice ?? {};
    const practice = { ...mine };
    for (const [key, p] of Object.entries(r.practice ?? {})) practice[key] = mergePractice(mine[key], p);
    const practiceChanged = JSON.stringify(practice) !== JSON.stringify(mine);
    roadmaps[roadmapId] = { nodes, ...(Object.keys(signals).length ? { signals } : {}), ...(Object.keys(practice).length ? { practice } : {}) };
    if (changed.length || signalsChanged || practiceChanged) summary.changed.push({ roadmapId, nodeIds: changed });
  }
  return { state: { version: PROGRESS_VERSION, roadmaps }, summary };
}
