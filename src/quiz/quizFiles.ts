/** Reads roadmap/backend/quiz/<topic>.yaml with every problem at file:line:column (CLI and build only: YAML). */
import * as path from 'path';
import { selfCheckQuestions } from '../roadmap/editorial';
import type { Problem } from '../roadmap/problems';
import { readKeyedFiles } from '../verify/files';
import { parseTopicQuiz, repeatedPrompts, type TopicQuiz } from './items';

/**
 * Every quiz file of a folder, each against its topic's lesson (`lessons`: topic id to Markdown):
 * one model answer per self-check question, graded items to the bar, no prompt written twice.
 */
export function readQuizFiles(dir: string, lessons: Map<string, string>, display: (f: string) => string = (f) => f): { quizzes: Record<string, TopicQuiz>; problems: Problem[] } {
  const { values, problems } = readKeyedFiles<TopicQuiz>(dir, display, (raw, id) => {
    const lesson = lessons.get(id);
    if (lesson === undefined) return `'${id}' is not a topic with a lesson: name the file after a node id of the roadmap`;
    const result = parseTopicQuiz(raw, id, selfCheckQuestions(lesson) ?? 0);
    return { value: result.quiz, problems: result.problems };
  });
  for (const r of repeatedPrompts(new Map(Object.entries(values)))) {
    problems.push({ file: display(path.join(dir, `${r.topic}.yaml`)), line: 1, column: 1, message: `item '${r.item}' asks what '${r.first}' already asks: write a question of this topic's own` });
  }
  return { quizzes: values, problems };
}
