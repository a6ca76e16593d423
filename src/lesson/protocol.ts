/** Messages between the lesson page and the extension. Both sides import these types. */
import { NODE_STATUSES, type DisplayStatus, type NodeStatus } from '../progress/store';
import type { ProjectLevel, Resource } from '../roadmap/model';
import type { Ready } from '../webview/protocol';
import { MILESTONE_ACTIONS, type MilestoneAction } from '../practice/milestoneActions';
import type { MilestoneView } from '../practice/milestoneView';
import type { Graded, QuizSummary, QuizView } from './quizView';

export type { MilestoneAction };

export interface NodeLink {
  id: string;
  title: string;
  status: DisplayStatus;
}

export interface ProjectCard {
  id: string;
  title: string;
  level: ProjectLevel;
  summary: string;
  milestones: { id: string; title: string }[];
  /** A starter project exists, so the page offers to scaffold it. */
  hasStarter: boolean;
  /** The idea has milestone checks: each milestone links to its page. */
  checked: boolean;
}

export interface LessonView {
  /** The roadmap the node belongs to: the page saves it with the node for a reload. */
  roadmapId: string;
  nodeId: string;
  title: string;
  section: string;
  summary: string;
  /** Absent when the node gives no estimate (a roadmap of the workspace's own may leave it out). */
  hours?: number;
  status: DisplayStatus;
  /** Verified, but only by milestones passed after a look at their reference: marked, and counted apart. */
  peeked: boolean;
  html: string;
  hasNotes: boolean;
  prerequisites: NodeLink[];
  resources: Resource[];
  previous?: NodeLink;
  next?: NodeLink;
  projects: ProjectCard[];
  /** "Check yourself": the topic's self-check with model answers and its graded items, where it has a quiz. */
  quiz?: QuizView;
  /** The code blocks (by number) that offer "Run in Terminal": the shell blocks, in a trusted workspace only. */
  runnable: number[];
  /** Glossary terms the lesson uses: the page links each one's first use to the lesson that teaches it. */
  terms?: LessonTerm[];
  /** The topic's exercise, where it has one: the page offers "Start Exercise". */
  exercise?: { title: string; stacks: string[] };
  /** Why the topic counts towards no total, when it does not: marked optional, or a language other than the one chosen. */
  optional?: string;
  /** A topic of the language choice: the learner's chosen language, or another one the page offers to choose. */
  language?: 'chosen' | 'other';
}

export interface LessonTerm {
  /** The term and its other forms, as the page looks for them. */
  forms: string[];
  /** The topic that teaches it, and its title. */
  topic: string;
  title: string;
  /** Plain text, shown on hover and read by screen readers. */
  definition: string;
  /** This lesson is the one that teaches it: marked as a definition, not linked. */
  own: boolean;
}

export type ToWebview =
  | { type: 'show'; lesson: LessonView }
  | { type: 'status'; nodeId: string; status: DisplayStatus }
  | { type: 'notes'; nodeId: string; hasNotes: boolean }
  | { type: 'milestone'; milestone: MilestoneView }
  | { type: 'graded'; nodeId: string; graded: Graded }
  | { type: 'rated'; nodeId: string; question: number; due: string }
  | { type: 'quiz'; nodeId: string; summary: QuizSummary }
  | { type: 'copied'; nodeId: string; index: number };

export type FromWebview =
  | Ready
  | { type: 'setStatus'; nodeId: string; status: NodeStatus }
  | { type: 'openNode'; nodeId: string }
  | { type: 'openExternal'; url: string }
  | { type: 'openNotes'; nodeId: string }
  | { type: 'openDashboard' }
  | { type: 'scaffold'; projectId: string }
  | { type: 'openMilestone'; projectId: string; milestoneId: string }
  | { type: 'milestoneAction'; action: MilestoneAction }
  | { type: 'answerItem'; nodeId: string; itemId: string; picked?: number[]; typed?: string }
  | { type: 'rateQuestion'; nodeId: string; question: number; outcome: 1 | 2 | 3 }
  | { type: 'copyCode'; nodeId: string; index: number }
  | { type: 'runCode'; nodeId: string; index: number }
  | { type: 'startExercise'; nodeId: string }
  /** With a node: make that language the learner's; without: pick one from the list. */
  | { type: 'chooseLanguage'; nodeId?: string };

export interface MessageChecks {
  knownNode: (id: string) => boolean;
  knownProject: (id: string) => boolean;
  /** A milestone with checks, whose page can be shown. */
  knownMilestone?: (projectId: string, milestoneId: string) => boolean;
  /** Whether the page shows a milestone (its actions are refused otherwise). */
  showsMilestone?: boolean;
  /** Whether a topic has an exercise to start. */
  hasExercise?: (nodeId: string) => boolean;
  /** Whether a topic is one of the languages to choose from. */
  isLanguage?: (nodeId: string) => boolean;
}

/** Checks an incoming message's shape and ids; anything else is refused (undefined). */
export function parseWebviewMessage(raw: unknown, checks: MessageChecks): FromWebview | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  const node = typeof m.nodeId === 'string' && checks.knownNode(m.nodeId) ? m.nodeId : undefined;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openDashboard':
      return { type: 'openDashboard' };
    case 'setStatus':
      return node && (NODE_STATUSES as readonly unknown[]).includes(m.status) ? { type: 'setStatus', nodeId: node, status: m.status as NodeStatus } : undefined;
    case 'openNode':
      return node ? { type: 'openNode', nodeId: node } : undefined;
    case 'openNotes':
      return node ? { type: 'openNotes', nodeId: node } : undefined;
    case 'openExternal':
      return typeof m.url === 'string' && isWebUrl(m.url) ? { type: 'openExternal', url: m.url } : undefined;
    case 'startExercise':
      return node && checks.hasExercise?.(node) ? { type: 'startExercise', nodeId: node } : undefined;
    case 'chooseLanguage':
      if (m.nodeId === undefined) return { type: 'chooseLanguage' };
      return node && checks.isLanguage?.(node) ? { type: 'chooseLanguage', nodeId: node } : undefined;
    case 'scaffold':
      return typeof m.projectId === 'string' && checks.knownProject(m.projectId) ? { type: 'scaffold', projectId: m.projectId } : undefined;
    case 'openMilestone':
      return typeof m.projectId === 'string' && typeof m.milestoneId === 'string' && checks.knownMilestone?.(m.projectId, m.milestoneId) ? { type: 'openMilestone', projectId: m.projectId, milestoneId: m.milestoneId } : undefined;
    case 'answerItem': {
      const answer = node ? readAnswer(m) : undefined;
      return answer && node !== undefined ? { type: 'answerItem', nodeId: node, ...answer } : undefined;
    }
    case 'rateQuestion': {
      const rating = node ? readRating(m) : undefined;
      return rating && node !== undefined ? { type: 'rateQuestion', nodeId: node, ...rating } : undefined;
    }
    case 'copyCode':
    case 'runCode':
      // The block is looked up in the lesson's own HTML by its number; no text comes from the page.
      return node && Number.isInteger(m.index) && (m.index as number) >= 0 && (m.index as number) < 1000 ? { type: m.type, nodeId: node, index: m.index as number } : undefined;
    case 'milestoneAction':
      return checks.showsMilestone && (MILESTONE_ACTIONS as readonly unknown[]).includes(m.action) ? { type: 'milestoneAction', action: m.action as MilestoneAction } : undefined;
    default:
      return undefined;
  }
}

/** The shape of an answer to a graded item (the item itself is looked up when it is graded): one of picked choices or typed text. */
export function readAnswer(m: Record<string, unknown>): { itemId: string; picked?: number[]; typed?: string } | undefined {
  if (typeof m.itemId !== 'string' || !/^[a-z0-9-]{1,80}$/.test(m.itemId)) return undefined;
  const picked = Array.isArray(m.picked) && m.picked.length <= 10 && m.picked.every((p) => Number.isInteger(p) && (p as number) >= 0 && (p as number) < 10) ? (m.picked as number[]) : undefined;
  const typed = typeof m.typed === 'string' && m.typed.length <= 200 ? m.typed : undefined;
  return (picked === undefined) === (typed === undefined) ? undefined : { itemId: m.itemId, ...(picked ? { picked } : { typed }) };
}

/** The shape of a learner's rating of a self-check question: its number (1-based) and knew it (3), partly (2), not yet (1). */
export function readRating(m: Record<string, unknown>): { question: number; outcome: 1 | 2 | 3 } | undefined {
  return Number.isInteger(m.question) && (m.question as number) >= 1 && (m.question as number) <= 10 && [1, 2, 3].includes(m.outcome as number) ? { question: m.question as number, outcome: m.outcome as 1 | 2 | 3 } : undefined;
}

/** Only http(s) URLs leave the editor. */
export function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}
