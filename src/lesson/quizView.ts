/**
 * "Check yourself" on the lesson page: what the page shows of a topic's quiz (no right answers until
 * the learner has answered), and each answer graded here, not on the page, then scheduled for
 * review. Pure: no `vscode` (the store is given).
 */
import type { ReviewRecord } from '../progress/state';
import type { CompiledQuiz } from '../quiz/compiled';
import { grade, type Response } from '../quiz/grade';
import type { QuizItem } from '../quiz/items';
import { review, type Outcome } from '../quiz/schedule';
import { isDue, itemKey, questionKey, topicReview, type TopicReview } from '../quiz/status';

const dueNow = (r: ReviewRecord | undefined, now: Date) => r !== undefined && isDue(r, now);

export interface QuizSummary extends TopicReview {
  /** Graded items and self-check questions in all. */
  total: number;
  /** The items (their ids) and self-check questions (`q1`...) due again now: the page marks them. */
  dueIds: string[];
}

export interface QuizView {
  /** The self-check questions (n: 1-based, as rated), each with its model answer (shown once the learner reveals it). */
  questions: { n: number; html: string; answer: string }[];
  /** The graded items as the learner sees them before answering (which are due is in the summary, so an answer never redraws them). */
  items: { id: string; kind: QuizItem['kind']; prompt: string; choices?: string[] }[];
  summary: QuizSummary;
}

/** What the page is told after an answer: right or not, and now every explanation. */
export interface Graded {
  itemId: string;
  right: boolean;
  choices?: { correct: boolean; why: string }[];
  why?: string;
  accept?: string[];
  /** ISO time the item comes back for review. */
  due: string;
}

export function quizSummary(topicId: string, quiz: CompiledQuiz, reviews: Readonly<Record<string, ReviewRecord>>, now: Date): QuizSummary {
  const dueIds = [...quiz.items.map((i) => [i.id, itemKey(topicId, i.id)]), ...quiz.questions.map((_, n) => [`q${n + 1}`, questionKey(topicId, n + 1)])]
    .filter(([, key]) => dueNow(reviews[key], now))
    .map(([id]) => id);
  return { ...topicReview(topicId, quiz.items.map((i) => i.id), quiz.questions.length, reviews, now), total: quiz.items.length + quiz.questions.length, dueIds };
}

export function buildQuizView(topicId: string, quiz: CompiledQuiz, reviews: Readonly<Record<string, ReviewRecord>>, now: Date): QuizView {
  return {
    questions: quiz.questions.map((html, i) => ({ n: i + 1, html, answer: quiz.answers[i] ?? '' })),
    items: quiz.items.map((i) => ({ id: i.id, kind: i.kind, prompt: i.prompt, ...(i.choices ? { choices: i.choices.map((c) => c.html) } : {}) })),
    summary: quizSummary(topicId, quiz, reviews, now),
  };
}

/** Grades an answer to item `itemId`: the reply for the page and the record to save; undefined for an unknown item. */
export function answerItem(topicId: string, quiz: CompiledQuiz, itemId: string, response: Response, reviews: Readonly<Record<string, ReviewRecord>>, now: Date): { graded: Graded; record: Record<string, ReviewRecord> } | undefined {
  const item = quiz.items.find((i) => i.id === itemId);
  if (!item) return undefined;
  if (item.choices && 'picked' in response && response.picked.some((p) => p >= item.choices!.length)) return undefined;
  const right = grade(item, response);
  const key = itemKey(topicId, itemId);
  const record = review(reviews[key], right ? 3 : 1, now);
  const graded: Graded = { itemId, right, due: record.due, ...(item.choices ? { choices: item.choices.map((c) => ({ correct: c.correct, why: c.why })) } : { why: item.why, accept: item.accept }) };
  return { graded, record: { [key]: record } };
}

/** Records how the learner did on self-check question n (1-based), by their own account. */
export function rateQuestion(topicId: string, quiz: CompiledQuiz, n: number, outcome: Outcome, reviews: Readonly<Record<string, ReviewRecord>>, now: Date): Record<string, ReviewRecord> | undefined {
  if (n < 1 || n > quiz.questions.length) return undefined;
  const key = questionKey(topicId, n);
  return { [key]: review(reviews[key], outcome, now) };
}
