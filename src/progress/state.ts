/**
 * The shape of saved progress, its versions and how two states merge: what the store reads and
 * writes, apart from when and where it does. Pure: no `vscode`.
 */
import { BUILTIN_ROADMAP_ID } from '../roadmap/model';

export const NODE_STATUSES = ['todo', 'in-progress', 'done', 'skipped'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];
/**
 * What the learner sees: a done node whose milestone check passed shows as verified; a node whose
 * quiz items were all answered right on two different days shows as checked (unless verified or skipped).
 */
export type DisplayStatus = NodeStatus | 'verified' | 'checked';

/** Days with a right answer an item needs for its topic to count as checked. */
export const CHECKED_DAYS = 2;

/** Whether every graded item of a topic was answered right on CHECKED_DAYS different days; never for a topic without items. */
export function isQuizChecked(topicId: string, items: readonly string[], reviews: Readonly<Record<string, ReviewRecord>>): boolean {
  return items.length > 0 && items.every((id) => new Set(reviews[`${topicId}/${id}`]?.rightOn ?? []).size >= CHECKED_DAYS);
}

/** Whether an answered item is due at `now`: its due time has come. */
export function isDue(r: ReviewRecord, now: Date): boolean {
  return Date.parse(r.due) <= now.getTime();
}

/** How many of a topic's answered items and questions are due at `now`. */
export function dueCount(topicId: string, reviews: Readonly<Record<string, ReviewRecord>>, now: Date): number {
  const prefix = `${topicId}/`;
  return Object.entries(reviews).filter(([key, r]) => key.startsWith(prefix) && isDue(r, now)).length;
}

/** Topic to how many of its items are due at `now`, in one pass over the answers (topics with none left out). */
export function dueByTopic(reviews: Readonly<Record<string, ReviewRecord>>, now: Date): Map<string, number> {
  const due = new Map<string, number>();
  for (const [key, r] of Object.entries(reviews)) {
    if (!isDue(r, now)) continue;
    const topic = key.slice(0, key.lastIndexOf('/'));
    due.set(topic, (due.get(topic) ?? 0) + 1);
  }
  return due;
}

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

/**
 * A graded item's spaced-review state (`<topic>/<item>`, or `<topic>/q<n>` for a self-check
 * question): the scheduler's card as plain data, when it was last answered, and the days it was
 * answered right (a topic turns checked when every item has been right on two different days).
 */
export interface ReviewRecord {
  /** ISO time the item is due again. */
  due: string;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  /** The scheduler's state: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  /** ISO time of the last answer. */
  lastAt: string;
  /** The last rating: 1 not yet (wrong), 2 partly, 3 knew it (right). */
  lastRating: number;
  /** Days (YYYY-MM-DD, the learner's own calendar) with a right answer, the last few. */
  rightOn?: string[];
}

export interface RoadmapProgressState {
  nodes: Record<string, NodeProgress>;
  /** Plan checklist items the learner ticked ("plan/phase/index" -> ISO time). */
  signals?: Record<string, string>;
  /** Hints opened and references shown, by milestone check key (`idea/milestone`). */
  practice?: Record<string, MilestonePractice>;
  /** Quiz items answered, by item key (`topic/item`); kept for ids the roadmap no longer has. */
  review?: Record<string, ReviewRecord>;
}

export interface ProgressState {
  version: typeof PROGRESS_VERSION;
  roadmaps: Record<string, RoadmapProgressState>;
}

/** 3 added review state (quizzes); 2 and 1 are read and migrated. */
export const PROGRESS_VERSION = 3;
export interface ProgressChange {
  roadmapId: string;
  nodeIds: string[];
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  /** Quiz items whose review state the import added or changed. */
  reviews: number;
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
  else if (r.version === 2 || r.version === PROGRESS_VERSION) roadmaps = r.roadmaps; // v2: the same, without review state
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
    const review = cleanReview((entry as { review?: unknown }).review);
    if (review) out.roadmaps[roadmapId].review = review;
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

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** How many days with a right answer a record keeps: enough for "two different days". */
export const RIGHT_DAYS_KEPT = 5;

function cleanReview(raw: unknown): Record<string, ReviewRecord> | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out: Record<string, ReviewRecord> = {};
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!value || typeof value !== 'object') continue;
    const v = value as Record<string, unknown>;
    if (typeof v.due !== 'string' || Number.isNaN(Date.parse(v.due)) || typeof v.lastAt !== 'string' || Number.isNaN(Date.parse(v.lastAt))) continue;
    if (![v.stability, v.difficulty, v.reps, v.lapses, v.state, v.lastRating].every(finite)) continue;
    const record: ReviewRecord = { due: v.due, stability: v.stability as number, difficulty: v.difficulty as number, reps: v.reps as number, lapses: v.lapses as number, state: v.state as number, lastAt: v.lastAt, lastRating: v.lastRating as number };
    const days = Array.isArray(v.rightOn) ? v.rightOn.filter((d): d is string => typeof d === 'string' && DAY.test(d)) : [];
    if (days.length) record.rightOn = days.slice(-RIGHT_DAYS_KEPT);
    out[key] = record;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The topics of review keys (`topic/item`), each once. */
export function reviewTopics(keys: string[]): string[] {
  return [...new Set(keys.map((k) => k.slice(0, k.lastIndexOf('/'))).filter(Boolean))];
}

/** Two records of the same item: the later answer's schedule, the days right of both. */
export function mergeReview(a: ReviewRecord | undefined, b: ReviewRecord): ReviewRecord {
  if (!a) return b;
  const later = b.lastAt > a.lastAt ? b : a;
  const days = [...new Set([...(a.rightOn ?? []), ...(b.rightOn ?? [])])].sort().slice(-RIGHT_DAYS_KEPT);
  const { rightOn: _, ...rest } = later;
  return { ...rest, ...(days.length ? { rightOn: days } : {}) };
}

/** Two records of the same milestone: the most hints opened, the first peek (neither can be taken back). */
export function mergePractice(a: MilestonePractice | undefined, b: MilestonePractice | undefined): MilestonePractice {
  const hints = Math.max(a?.hints ?? 0, b?.hints ?? 0);
  const peeks = [a?.peekedAt, b?.peekedAt].filter((t): t is string => t !== undefined).sort();
  return { ...(hints ? { hints } : {}), ...(peeks.length ? { peekedAt: peeks[0] } : {}) };
}

/** Per node, the entry with the later updatedAt wins. */
export function mergeStates(base: ProgressState, incoming: ProgressState): { state: ProgressState; summary: ImportSummary } {
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, reviews: 0, changed: [] };
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
    const myReview = roadmaps[roadmapId]?.review ?? {};
    const review = { ...myReview };
    const reviewed: string[] = [];
    for (const [key, rec] of Object.entries(r.review ?? {})) {
      review[key] = mergeReview(myReview[key], rec);
      if (JSON.stringify(review[key]) === JSON.stringify(myReview[key])) continue;
      summary.reviews++;
      reviewed.push(key);
    }
    // A topic whose quiz answers changed is a changed node: its marks and page follow.
    for (const topic of reviewTopics(reviewed)) if (!changed.includes(topic)) changed.push(topic);
    const reviewChanged = JSON.stringify(review) !== JSON.stringify(myReview);
    roadmaps[roadmapId] = { nodes, ...(Object.keys(signals).length ? { signals } : {}), ...(Object.keys(practice).length ? { practice } : {}), ...(Object.keys(review).length ? { review } : {}) };
    if (changed.length || signalsChanged || practiceChanged || reviewChanged) summary.changed.push({ roadmapId, nodeIds: changed });
  }
  return { state: { version: PROGRESS_VERSION, roadmaps }, summary };
}
