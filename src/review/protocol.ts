/** Messages between the review page and the extension. Both sides import these types. */
import type { Graded } from '../lesson/quizView';
import { isWebUrl, readAnswer, readRating } from '../lesson/protocol';
import type { Ready } from '../webview/protocol';
import type { ReviewView } from './session';

export type ToReviewPage =
  | { type: 'review'; review: ReviewView }
  | { type: 'graded'; roadmapId: string; nodeId: string; graded: Graded }
  | { type: 'rated'; roadmapId: string; nodeId: string; question: number; due: string };

export type FromReviewPage =
  | Ready
  | { type: 'answerItem'; roadmapId: string; nodeId: string; itemId: string; picked?: number[]; typed?: string }
  | { type: 'rateQuestion'; roadmapId: string; nodeId: string; question: number; outcome: 1 | 2 | 3 }
  | { type: 'openLesson'; roadmapId: string; nodeId: string }
  | { type: 'openExternal'; url: string };

/** What the session shows: a message about anything else is refused. */
export interface ReviewChecks {
  /** A node of a roadmap shown (a link in an answer may lead to any lesson of its roadmap). */
  knownNode(roadmapId: string, nodeId: string): boolean;
  hasTopic(roadmapId: string, nodeId: string): boolean;
  hasItem(roadmapId: string, nodeId: string, itemId: string): boolean;
  hasQuestion(roadmapId: string, nodeId: string, n: number): boolean;
}

/** Checks an incoming message's shape and that it names what the session shows; anything else is undefined. */
export function parseReviewMessage(raw: unknown, checks: ReviewChecks): FromReviewPage | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  if (m.type === 'ready') return { type: 'ready' };
  if (m.type === 'openExternal') return typeof m.url === 'string' && isWebUrl(m.url) ? { type: 'openExternal', url: m.url } : undefined;
  if (typeof m.roadmapId !== 'string' || typeof m.nodeId !== 'string') return undefined;
  const topic = { roadmapId: m.roadmapId, nodeId: m.nodeId };
  if (m.type === 'openLesson') return checks.knownNode(topic.roadmapId, topic.nodeId) ? { type: 'openLesson', ...topic } : undefined;
  if (!checks.hasTopic(topic.roadmapId, topic.nodeId)) return undefined;
  switch (m.type) {
    case 'answerItem': {
      const answer = readAnswer(m);
      return answer && checks.hasItem(topic.roadmapId, topic.nodeId, answer.itemId) ? { type: 'answerItem', ...topic, ...answer } : undefined;
    }
    case 'rateQuestion': {
      const rating = readRating(m);
      return rating && checks.hasQuestion(topic.roadmapId, topic.nodeId, rating.question) ? { type: 'rateQuestion', ...topic, ...rating } : undefined;
    }
    default:
      return undefined;
  }
}
