/**
 * The compiled quizzes (dist/quiz.json): per topic, the self-check questions, their model answers and
 * the graded items, Markdown rendered to HTML at build time; read without YAML. Pure: no `vscode`.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ItemKind, TopicQuiz } from './items';

export const QUIZ_JSON = 'quiz.json';
/** Each topic's graded item ids alone: what the tree needs at start to tell a checked topic, without the quizzes' text. */
export const QUIZ_INDEX_JSON = 'quiz-index.json';

export interface CompiledItem {
  id: string;
  kind: ItemKind;
  /** HTML. */
  prompt: string;
  /** HTML of each choice and of its explanation. */
  choices?: { html: string; correct: boolean; why: string }[];
  accept?: string[];
  /** HTML. */
  why?: string;
}

export interface CompiledQuiz {
  /** The lesson's self-check questions and their model answers, as HTML, in order. */
  questions: string[];
  answers: string[];
  items: CompiledItem[];
}

/** The numbered questions of a lesson's Self-check, as written (Markdown). */
export function selfCheckTexts(markdown: string): string[] {
  const part = markdown.replace(/^```[\s\S]*?^```/gm, '').split(/^## Self-check\s*$/m)[1] ?? '';
  return [...part.matchAll(/^\d+\. (.+(?:\n(?!\d+\. |\s*$).+)*)/gm)].map((m) => m[1].replace(/\s*\n\s*/g, ' ').trim());
}

/** One topic's quiz with every text rendered (`render`: the lessons' Markdown renderer, block output). */
export function compileQuiz(quiz: TopicQuiz, lessonMarkdown: string, render: (markdown: string) => string): CompiledQuiz {
  return {
    questions: selfCheckTexts(lessonMarkdown).map(render),
    answers: quiz.answers.map(render),
    items: quiz.items.map((item) => ({
      id: item.id,
      kind: item.kind,
      prompt: render(item.prompt),
      ...(item.choices ? { choices: item.choices.map((c) => ({ html: render(c.text), correct: c.correct, why: render(c.why) })) } : {}),
      ...(item.accept ? { accept: item.accept } : {}),
      ...(item.why !== undefined ? { why: render(item.why) } : {}),
    })),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function validItem(v: unknown): v is CompiledItem {
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.prompt !== 'string' || !['single', 'multiple', 'exact'].includes(v.kind as string)) return false;
  if (v.kind === 'exact') return strings(v.accept) && typeof v.why === 'string';
  return Array.isArray(v.choices) && v.choices.every((c) => isObject(c) && typeof c.html === 'string' && typeof c.correct === 'boolean' && typeof c.why === 'string');
}

/** The compiled quizzes; a file that is missing gives none, and a topic not of this shape is left out. */
export function loadCompiledQuizzes(distDir: string): Record<string, CompiledQuiz> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(distDir, QUIZ_JSON), 'utf8'));
  } catch {
    return {};
  }
  const out: Record<string, CompiledQuiz> = {};
  if (!isObject(raw)) return out;
  for (const [topic, q] of Object.entries(raw)) {
    if (isObject(q) && strings(q.questions) && strings(q.answers) && Array.isArray(q.items) && q.items.every(validItem)) out[topic] = q as unknown as CompiledQuiz;
  }
  return out;
}

/** Topic id to its graded item ids, from QUIZ_INDEX_JSON; none when the file is missing or broken. */
export function loadQuizIndex(distDir: string): Record<string, string[]> {
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(distDir, QUIZ_INDEX_JSON), 'utf8'));
    return isObject(raw) ? (Object.fromEntries(Object.entries(raw).filter(([, ids]) => strings(ids))) as Record<string, string[]>) : {};
  } catch {
    return {};
  }
}
