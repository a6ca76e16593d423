/**
 * Quizzes a roadmap of your own carries in its nodes (`quiz:`), in the format of the built-in quiz
 * files: checked with every problem at its line and column in the roadmap file, then rendered as the
 * built-in quizzes are. Pure: no `vscode`.
 */
import type { Fields, PathPart } from '../roadmap/fields';
import { selfCheckQuestions } from '../roadmap/editorial';
import { createLessonRenderer } from '../roadmap/markdown';
import type { Problem } from '../roadmap/problems';
import type { LessonSource } from '../roadmap/readContext';
import type { Location } from '../roadmap/source';
import { compileQuiz, type CompiledQuiz } from './compiled';
import { parseTopicQuiz, repeatedPrompts, type TopicQuiz } from './items';

type Locate = (obj: object, sub: readonly PathPart[], isKey?: boolean) => Location;

/** Reads the `quiz` of each node in `nodes` against its lesson's Self-check; a prompt asked twice in the file is reported at the later node. */
export function readInlineQuizzes(nodes: Map<string, Fields>, lessons: Map<string, LessonSource>, locate: Locate): { quizzes: Map<string, TopicQuiz>; problems: Problem[] } {
  const quizzes = new Map<string, TopicQuiz>();
  const problems: Problem[] = [];
  for (const [id, node] of nodes) {
    const lesson = lessons.get(id);
    const result = parseTopicQuiz(node.quiz, id, (lesson && selfCheckQuestions(lesson.markdown)) ?? 0);
    for (const p of result.problems) problems.push({ ...locate(node, ['quiz', ...p.path], p.key), message: `quiz of '${id}': ${p.message}` });
    if (result.quiz) quizzes.set(id, result.quiz);
  }
  for (const r of repeatedPrompts(quizzes)) {
    const items = (nodes.get(r.topic)!.quiz as { items: { id?: unknown }[] }).items;
    const i = items.findIndex((item) => item?.id === r.item);
    problems.push({ ...locate(nodes.get(r.topic)!, ['quiz', 'items', i, 'prompt']), message: `quiz of '${r.topic}': item '${r.item}' asks what '${r.first}' already asks: write a question of this node's own` });
  }
  return { quizzes, problems };
}

/** Renders quizzes read from a roadmap of your own, each with its lesson's self-check questions. */
export function renderQuizzes(quizzes: Map<string, TopicQuiz>, lessons: Map<string, LessonSource>): Record<string, CompiledQuiz> {
  if (!quizzes.size) return {};
  const render = createLessonRenderer();
  return Object.fromEntries([...quizzes].map(([id, quiz]) => [id, compileQuiz(quiz, lessons.get(id)?.markdown ?? '', render)]));
}
