/** What the lesson page shows for a node. Pure: no `vscode`. */
import type { DisplayStatus } from '../progress/store';
import { LANGUAGE_CHOICE, type RoadmapIndex } from '../roadmap/model';
import type { LessonTerm, LessonView, NodeLink, ToWebview } from './protocol';
import { codeBlocks, isShellBlock } from './codeBlocks';
import type { QuizView } from './quizView';

export interface LessonViewSources {
  statusOf: (id: string) => DisplayStatus;
  html: (id: string) => string | undefined;
  hasNotes: (id: string) => boolean;
  /** Node ids in the order previous/next walk (the tree's grouping). */
  order: string[];
  /** Whether a project idea has a starter to scaffold. */
  hasStarter: (projectId: string) => boolean;
  /** Whether a verified node passed only after a look at the reference solution. */
  peeked?: (id: string) => boolean;
  /** Whether a project idea has milestone checks (its milestones have pages). */
  hasChecks?: (projectId: string) => boolean;
  /** Name the roadmap above the section (for roadmaps of the workspace's own). */
  showRoadmapTitle?: boolean;
  /** The topic's quiz as the page shows it, where it has one. */
  quiz?: (id: string) => QuizView | undefined;
  /** Whether the workspace is trusted, so shell blocks may be run in a terminal. */
  canRun?: boolean;
  /** The glossary terms a lesson uses. */
  terms?: (id: string) => LessonTerm[] | undefined;
  /** A topic's exercise, where it has one. */
  exercise?: (id: string) => { title: string; stacks: string[] } | undefined;
  /** Whether the learner's language choice applies (the built-in roadmap's), so language topics say which is chosen. */
  languages?: boolean;
}

export function buildLessonView(index: RoadmapIndex, nodeId: string, src: LessonViewSources): LessonView {
  const node = index.node(nodeId);
  if (!node) throw new Error(`no node '${nodeId}' in the roadmap`);
  const link = (id: string): NodeLink | undefined => {
    const n = index.node(id);
    return n && { id, title: n.title || n.id, status: src.statusOf(id) };
  };
  const at = src.order.indexOf(nodeId);
  const section = index.sectionOf.get(nodeId)?.title ?? '';
  const html = src.html(nodeId) ?? '<p>This topic has no lesson yet.</p>';
  return {
    roadmapId: index.roadmap.id,
    nodeId,
    title: node.title || node.id,
    section: src.showRoadmapTitle ? [index.roadmap.title, section].filter(Boolean).join(' · ') : section,
    summary: node.summary,
    ...(node.hours === undefined ? {} : { hours: node.hours }),
    status: src.statusOf(nodeId),
    peeked: src.statusOf(nodeId) === 'verified' && (src.peeked?.(nodeId) ?? false),
    html,
    hasNotes: src.hasNotes(nodeId),
    prerequisites: node.prerequisites.map(link).filter((l): l is NodeLink => l !== undefined),
    resources: node.resources,
    previous: at > 0 ? link(src.order[at - 1]) : undefined,
    next: at >= 0 && at < src.order.length - 1 ? link(src.order[at + 1]) : undefined,
    projects: index.roadmap.projects
      .filter((p) => p.nodes.includes(nodeId) || p.milestones.some((m) => m.nodes.includes(nodeId)))
      .map((p) => ({ id: p.id, title: p.title, level: p.level, summary: p.summary, milestones: p.milestones.map((m) => ({ id: m.id, title: m.title })), hasStarter: src.hasStarter(p.id), checked: src.hasChecks?.(p.id) ?? false })),
    ...optional('quiz', src.quiz?.(nodeId)),
    runnable: src.canRun ? codeBlocks(html).flatMap((b, i) => (isShellBlock(b) ? [i] : [])) : [],
    ...optional('terms', src.terms?.(nodeId)),
    ...optional('exercise', src.exercise?.(nodeId)),
    ...optional('optional', index.optionalReason(nodeId)),
    ...optional('language', src.languages && node.choice === LANGUAGE_CHOICE ? (index.chosenIn(LANGUAGE_CHOICE) === nodeId ? ('chosen' as const) : ('other' as const)) : undefined),
  };
}

/**
 * When only the node's own status or notes differ between two views of the same page, the
 * messages that update just those lines (the page keeps its scroll and focus); undefined when
 * anything else differs and the page must be drawn anew.
 */
export function lessonUpdates(before: LessonView, now: LessonView): ToWebview[] | undefined {
  // Both views come from buildLessonView, so their keys are in the same order. An answer changes
  // only the quiz's summary: the page keeps what it shows of the answers given.
  const quiz = before.quiz && now.quiz ? { ...before.quiz, summary: now.quiz.summary } : before.quiz;
  if (JSON.stringify({ ...before, status: now.status, hasNotes: now.hasNotes, ...optional('quiz', quiz) }) !== JSON.stringify(now)) return undefined;
  const messages: ToWebview[] = [];
  if (now.quiz && JSON.stringify(before.quiz?.summary) !== JSON.stringify(now.quiz.summary)) messages.push({ type: 'quiz', nodeId: now.nodeId, summary: now.quiz.summary });
  if (before.status !== now.status) messages.push({ type: 'status', nodeId: now.nodeId, status: now.status });
  if (before.hasNotes !== now.hasNotes) messages.push({ type: 'notes', nodeId: now.nodeId, hasNotes: now.hasNotes });
  return messages;
}

/** `{ [key]: value }`, or nothing when the value is undefined (a key left out, not set to undefined). */
function optional<K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [k in K]?: V };
}
