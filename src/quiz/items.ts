/**
 * A topic's quiz as data (roadmap/backend/quiz/<topic-id>.yaml): a model answer to each question of
 * the lesson's Self-check, in order, and graded items (single or multiple choice with an explanation
 * per option, or a short exact answer). Read and checked here with every problem at its path; the
 * build renders the Markdown. Pure: no `vscode`, no YAML.
 */
import { isMapping, type Fields } from '../roadmap/fields';
import { Parser, type CheckProblem } from '../verify/parser';

export type ItemKind = 'single' | 'multiple' | 'exact';

export interface Choice {
  text: string;
  correct: boolean;
  why: string;
}

export interface QuizItem {
  /** Unique within the topic; `<topic>/<id>` is the item's key in saved review state. */
  id: string;
  kind: ItemKind;
  prompt: string;
  /** single and multiple: at least three, each explained. */
  choices?: Choice[];
  /** exact: the accepted answers (compared without case and outer space). */
  accept?: string[];
  /** exact: why the answer is what it is. */
  why?: string;
}

export interface TopicQuiz {
  /** One model answer per Self-check question, in the lesson's order. */
  answers: string[];
  items: QuizItem[];
}

export const QUIZ_RULES = { minItems: 3, maxItems: 8, minChoices: 3, maxChoices: 6, minSentences: 2, maxSentences: 6, maxAccept: 5, maxPrompt: 400 };
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Sentences in a model answer: ends of sentences outside code spans. */
export function countSentences(text: string): number {
  const prose = text.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`\n]*`/g, 'code');
  return (prose.match(/[.!?](?=\s|$)/g) ?? []).length;
}

/** Answers are compared as a learner types them: no case, no outer space, inner runs of space as one. */
export function normalizeAnswer(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function parseTopicQuiz(raw: unknown, topicId: string, selfCheckQuestions: number): { quiz?: TopicQuiz; problems: CheckProblem[] } {
  if (!isMapping(raw)) return { problems: [{ path: [], message: 'a quiz file must be a mapping with answers and items' }] };
  const p = new Parser();
  p.track(raw, []);
  p.knownKeys(raw, ['answers', 'items'], 'the quiz file');
  const answers = readAnswers(p, raw, selfCheckQuestions);
  const list = p.list(raw, 'items', 'the quiz file', 'items', `add ${QUIZ_RULES.minItems} to ${QUIZ_RULES.maxItems} graded items`) ?? [];
  if (raw.items !== undefined && (list.length < QUIZ_RULES.minItems || list.length > QUIZ_RULES.maxItems)) p.fail(raw, 'items', `'${topicId}' has ${list.length} graded items: write ${QUIZ_RULES.minItems} to ${QUIZ_RULES.maxItems}`);
  const items: QuizItem[] = [];
  const ids = new Set<string>();
  for (const [entry, i] of p.mappings(list, 'each item is a mapping with id, kind, prompt and choices or accept')) {
    const item = readItem(p, entry, i);
    if (!item) continue;
    if (ids.has(item.id)) p.fail(entry, 'id', `item id '${item.id}' is used twice in this file`);
    ids.add(item.id);
    items.push(item);
  }
  return p.problems.length ? { problems: p.problems } : { quiz: { answers, items }, problems: [] };
}

function readAnswers(p: Parser, raw: Fields, questions: number): string[] {
  // A lesson without a Self-check (a roadmap of your own may have one) asks for no answers.
  if (questions === 0 && raw.answers === undefined) return [];
  const list = p.list(raw, 'answers', 'the quiz file', 'model answers', `add a model answer to each of the lesson's ${questions} self-check questions, in order`);
  if (!list) return [];
  if (list.length !== questions) p.fail(raw, 'answers', `the lesson asks ${questions} self-check questions, but ${list.length} answer${list.length === 1 ? ' is' : 's are'} written: one each, in order`);
  const out: string[] = [];
  list.forEach((a, i) => {
    const at = p.pathOf(list, i);
    if (typeof a !== 'string' || !a.trim()) return void p.failAt(at, `answer ${i + 1} must be non-empty Markdown text`);
    const n = countSentences(a);
    if (n < QUIZ_RULES.minSentences || n > QUIZ_RULES.maxSentences) p.failAt(at, `answer ${i + 1} has ${n} sentence(s): write ${QUIZ_RULES.minSentences} to ${QUIZ_RULES.maxSentences}, with the one idea that matters`);
    if (/<[a-z!/][^>]*>/i.test(a.replace(/```[\s\S]*?```|`[^`\n]*`/g, ''))) p.failAt(at, `answer ${i + 1} holds HTML: write Markdown only`);
    out.push(a.trim());
  });
  return out;
}

function readItem(p: Parser, entry: Fields, i: number): QuizItem | undefined {
  const what = `item ${i + 1}`;
  p.knownKeys(entry, ['id', 'kind', 'prompt', 'choices', 'accept', 'why'], what);
  const id = p.string(entry, 'id', what, 'add an id: lowercase words joined by hyphens, unique in the file');
  if (id !== undefined && !ID.test(id)) p.fail(entry, 'id', `the id of ${what} must be lowercase words joined by hyphens, not '${id}'`);
  const kind = p.string(entry, 'kind', what, 'add kind: single, multiple or exact');
  if (kind !== undefined && !['single', 'multiple', 'exact'].includes(kind)) p.fail(entry, 'kind', `the kind of ${what} must be single, multiple or exact, not '${kind}'`);
  const prompt = p.string(entry, 'prompt', what, 'add the question');
  if (prompt !== undefined && (!prompt.trim() || prompt.length > QUIZ_RULES.maxPrompt)) p.fail(entry, 'prompt', `the prompt of ${what} must be 1 to ${QUIZ_RULES.maxPrompt} characters`);
  if (!id || !kind || !prompt || !['single', 'multiple', 'exact'].includes(kind)) return undefined;
  const item: QuizItem = { id, kind: kind as ItemKind, prompt: prompt.trim() };
  if (kind === 'exact') {
    if (entry.choices !== undefined) p.fail(entry, 'choices', `${what} is exact: it takes accept, not choices`);
    const accept = p.strings(entry, 'accept', what);
    if (!accept.length || accept.length > QUIZ_RULES.maxAccept || accept.some((a) => !a.trim())) p.fail(entry, entry.accept === undefined ? undefined : 'accept', `${what} needs accept: 1 to ${QUIZ_RULES.maxAccept} answers a learner may type (a status code, a command)`);
    const why = p.string(entry, 'why', what, 'add why: what makes it the answer');
    for (const a of accept) if (givesAway(prompt, a)) p.fail(entry, 'prompt', `the prompt of ${what} gives its answer away ('${a}')`);
    return { ...item, accept: accept.map((a) => a.trim()), why: why?.trim() };
  }
  if (entry.accept !== undefined || entry.why !== undefined) p.fail(entry, entry.accept !== undefined ? 'accept' : 'why', `${what} is ${kind} choice: explain each choice under choices, with no accept or why of the item`);
  const list = p.list(entry, 'choices', what, 'choices', `add ${QUIZ_RULES.minChoices} to ${QUIZ_RULES.maxChoices} choices, each with text and why`) ?? [];
  if (list.length < QUIZ_RULES.minChoices || list.length > QUIZ_RULES.maxChoices) p.fail(entry, 'choices', `${what} has ${list.length} choices: give ${QUIZ_RULES.minChoices} to ${QUIZ_RULES.maxChoices}`);
  const choices: Choice[] = [];
  for (const [c, j] of p.mappings(list, 'each choice is a mapping with text, why and, for a right one, correct: true')) {
    const cwhat = `choice ${j + 1} of ${what}`;
    p.knownKeys(c, ['text', 'correct', 'why'], cwhat);
    const text = p.string(c, 'text', cwhat, 'add the text of the choice');
    const why = p.string(c, 'why', cwhat, 'add why: what makes this choice right or wrong');
    const correct = c.correct === undefined ? false : p.boolean(c, 'correct', cwhat);
    if (text === undefined || why === undefined || correct === undefined) continue;
    if (!why.trim()) p.fail(c, 'why', `${cwhat} needs an explanation`);
    if (correct && givesAway(prompt, text)) p.fail(entry, 'prompt', `the prompt of ${what} gives its right choice away ('${text}')`);
    choices.push({ text: text.trim(), correct, why: why.trim() });
  }
  const right = choices.filter((c) => c.correct).length;
  if (kind === 'single' && right !== 1) p.fail(entry, 'choices', `${what} is single choice: mark exactly one choice correct: true (${right} are)`);
  if (kind === 'multiple' && (right < 1 || right === choices.length)) p.fail(entry, 'choices', `${what} is multiple choice: mark at least one choice correct and leave at least one wrong`);
  // Case counts here (curl's -i and -I are two choices); space does not.
  if (new Set(choices.map((c) => c.text.replace(/\s+/g, ' '))).size !== choices.length) p.fail(entry, 'choices', `${what} lists the same choice twice`);
  return { ...item, choices };
}

/** Whether the prompt holds the answer word for word (an answer of three characters or fewer only as a whole word). */
function givesAway(prompt: string, answer: string): boolean {
  const a = normalizeAnswer(answer);
  const q = normalizeAnswer(prompt);
  if (!a) return false;
  if (a.length <= 3) return new RegExp(`(^|[^\\p{L}\\p{N}])${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(q);
  return q.includes(a);
}

/** Prompts written twice across topics (the later topic named, with the first). */
export function repeatedPrompts(quizzes: Map<string, TopicQuiz>): { topic: string; item: string; first: string }[] {
  const seen = new Map<string, string>();
  const out: { topic: string; item: string; first: string }[] = [];
  for (const [topic, quiz] of quizzes) {
    for (const item of quiz.items) {
      const key = normalizeAnswer(item.prompt);
      const first = seen.get(key);
      if (first !== undefined) out.push({ topic, item: item.id, first });
      else seen.set(key, topic);
    }
  }
  return out;
}
