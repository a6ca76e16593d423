/**
 * A review session: the quiz items and self-check questions due now in every roadmap shown, topic by
 * topic in each roadmap's order, as the review page shows them, and what the learner has answered in
 * it so far. The list is fixed when the session starts, so an answered item stays on the page with
 * its verdict. Pure: no `vscode`.
 */
import { buildQuizView, type Graded, type QuizView } from '../lesson/quizView';
import { dueByTopic, type ReviewRecord } from '../progress/state';
import type { CompiledQuiz } from '../quiz/compiled';

/** One roadmap as a session reads it. */
export interface SessionRoadmap {
  id: string;
  /** Shown above its topics when the session spans more than the built-in roadmap. */
  title: string;
  /** Node ids in the order topics are reviewed. */
  order: readonly string[];
  nodeTitle(nodeId: string): string | undefined;
  quiz(nodeId: string): CompiledQuiz | undefined;
  reviews: Readonly<Record<string, ReviewRecord>>;
}

export interface ReviewTopic {
  roadmapId: string;
  roadmapTitle: string;
  nodeId: string;
  title: string;
  /** Only what is due: the items and questions of the topic that came back. */
  quiz: QuizView;
  /** Answers given in this session, shown again when the page is redrawn. */
  graded: Graded[];
  rated: { question: number; due: string }[];
}

export interface ReviewView {
  topics: ReviewTopic[];
  /** Items and questions in the session, and how many are answered. */
  total: number;
  answered: number;
  /** Whether topics of more than one roadmap are in it (the page then names each roadmap). */
  roadmaps: number;
}

export class ReviewSession {
  private readonly topics: ReviewTopic[];

  constructor(roadmaps: readonly SessionRoadmap[], now: Date) {
    this.topics = roadmaps.flatMap((r) => dueTopics(r, now));
  }

  get isEmpty(): boolean {
    return this.topics.length === 0;
  }

  topic(roadmapId: string, nodeId: string): ReviewTopic | undefined {
    return this.topics.find((t) => t.roadmapId === roadmapId && t.nodeId === nodeId);
  }

  /** Whether the session shows this item (only those may be answered from the page). */
  hasItem(roadmapId: string, nodeId: string, itemId: string): boolean {
    return this.topic(roadmapId, nodeId)?.quiz.items.some((i) => i.id === itemId) === true;
  }

  hasQuestion(roadmapId: string, nodeId: string, n: number): boolean {
    return this.topic(roadmapId, nodeId)?.quiz.questions.some((q) => q.n === n) === true;
  }

  /** Keeps an answer for a redraw; a second answer to the same item replaces the first. */
  recordGraded(roadmapId: string, nodeId: string, graded: Graded): void {
    const t = this.topic(roadmapId, nodeId);
    if (t) t.graded = [...t.graded.filter((g) => g.itemId !== graded.itemId), graded];
  }

  recordRated(roadmapId: string, nodeId: string, question: number, due: string): void {
    const t = this.topic(roadmapId, nodeId);
    if (t) t.rated = [...t.rated.filter((r) => r.question !== question), { question, due }];
  }

  view(): ReviewView {
    const total = this.topics.reduce((n, t) => n + t.quiz.items.length + t.quiz.questions.length, 0);
    const answered = this.topics.reduce((n, t) => n + t.graded.length + t.rated.length, 0);
    return { topics: this.topics.map((t) => ({ ...t })), total, answered, roadmaps: new Set(this.topics.map((t) => t.roadmapId)).size };
  }
}

/** A roadmap's topics with something due at `now`; items the quiz no longer has are left out. */
function dueTopics(r: SessionRoadmap, now: Date): ReviewTopic[] {
  const due = dueByTopic(r.reviews, now);
  if (!due.size) return [];
  const out: ReviewTopic[] = [];
  for (const nodeId of r.order) {
    if (!due.has(nodeId)) continue;
    const quiz = r.quiz(nodeId);
    if (!quiz) continue;
    const full = buildQuizView(nodeId, quiz, r.reviews, now);
    const ids = new Set(full.summary.dueIds);
    const view: QuizView = { ...full, items: full.items.filter((i) => ids.has(i.id)), questions: full.questions.filter((q) => ids.has(`q${q.n}`)) };
    if (view.items.length + view.questions.length === 0) continue;
    out.push({ roadmapId: r.id, roadmapTitle: r.title, nodeId, title: r.nodeTitle(nodeId) ?? nodeId, quiz: view, graded: [], rated: [] });
  }
  return out;
}
