/**
 * `quiz <topic>`: a topic's graded items and self-check questions in the terminal, graded as the
 * lesson page grades them (the compiled dist/quiz.json, the same grading code). Answers are read a
 * line at a time, so it works typed or piped; nothing is saved.
 */
import * as path from 'path';
import * as readline from 'readline';
import { loadCompiledQuizzes, type CompiledItem, type CompiledQuiz } from '../quiz/compiled';
import { grade, type Response } from '../quiz/grade';
import { UsageError, type Command } from './command';
import { distDir } from './content';
import { formatProblem, isHint, sortProblems } from '../roadmap/problems';
import { readCustomRoadmapFile } from '../roadmaps/readFile';
import { display, type Io } from './io';

/** HTML rendered from Markdown, as terminal text: code in backticks, entities decoded, tags dropped. */
export function htmlToText(html: string): string {
  return html
    .replace(/<code>([\s\S]*?)<\/code>/g, '`$1`')
    .replace(/<li>/g, '- ')
    .replace(/<\/(p|li|pre|h\d)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** "2" or "1, 3" for choices 1..n (0-based out), or undefined when the line is not that. */
function parsePicks(line: string, n: number): number[] | undefined {
  const parts = line.split(/[\s,]+/).filter(Boolean);
  if (!parts.length || parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > n)) return undefined;
  return [...new Set(parts.map((p) => Number(p) - 1))];
}

/** Runs one topic's quiz over the lines given; returns how many graded items were right. */
export async function runQuiz(quiz: CompiledQuiz, lines: AsyncIterator<string>, out: (s: string) => void): Promise<{ right: number; asked: number; finished: boolean }> {
  const next = async (): Promise<string | undefined> => {
    const r = await lines.next();
    return r.done ? undefined : String(r.value);
  };
  let right = 0;
  for (const [i, item] of quiz.items.entries()) {
    out(`\n${i + 1}/${quiz.items.length}. ${htmlToText(item.prompt)}`);
    const response = await ask(item, next, out);
    if (!response) return { right, asked: i, finished: false };
    const ok = grade(item, response);
    if (ok) right++;
    out(ok ? 'Right.' : 'Not quite.');
    const mine = 'picked' in response ? response.picked : [];
    if (item.choices) item.choices.forEach((c, j) => out(`  ${j + 1}. ${c.correct ? '[right] ' : ''}${mine.includes(j) ? '[yours] ' : ''}${htmlToText(c.why)}`));
    else out(`  Accepted: ${(item.accept ?? []).join(', ')}. ${htmlToText(item.why ?? '')}`);
  }
  for (const [i, q] of quiz.questions.entries()) {
    out(`\nIn your own words, ${i + 1}/${quiz.questions.length}: ${htmlToText(q)}\n(Answer for yourself, then press Enter for the model answer.)`);
    if ((await next()) === undefined) return { right, asked: quiz.items.length, finished: false };
    out(htmlToText(quiz.answers[i] ?? ''));
  }
  return { right, asked: quiz.items.length, finished: true };
}

async function ask(item: CompiledItem, next: () => Promise<string | undefined>, out: (s: string) => void): Promise<Response | undefined> {
  if (item.choices) {
    item.choices.forEach((c, j) => out(`  ${j + 1}. ${htmlToText(c.html)}`));
    out(item.kind === 'multiple' ? 'Every right choice, by number (such as 1,3):' : 'The right choice, by number:');
  } else out('Your answer:');
  for (;;) {
    const line = await next();
    if (line === undefined) return undefined;
    if (!item.choices) return { typed: line };
    const picked = parsePicks(line, item.choices.length);
    if (picked && (item.kind === 'multiple' || picked.length === 1)) return { picked };
    out(`Type ${item.kind === 'multiple' ? 'one or more numbers' : 'one number'} from 1 to ${item.choices.length}.`);
  }
}

export const quizCommand: Command = {
  name: 'quiz',
  summary: "Answer a topic's graded items and self-check questions in the terminal, graded as on the lesson page (nothing is saved).",
  positionals: [{ name: 'topic-id', help: 'The topic, such as docker or jwt (the ids the lesson links and the tree use).' }],
  options: {
    roadmap: { type: 'string', help: 'A *.roadmap.yaml of your own whose node carries the quiz (default: the built-in roadmap).' },
  },
  async run({ positionals: [topic], strings }, io: Io) {
    const quizzes = strings.roadmap === undefined ? loadCompiledQuizzes(distDir) : ownQuizzes(strings.roadmap, io);
    if (!quizzes) return 1;
    const quiz = quizzes[topic];
    if (!quiz) {
      const near = Object.keys(quizzes).filter((id) => id.includes(topic) || topic.includes(id)).slice(0, 5);
      throw new UsageError(`no quiz for '${topic}'${near.length ? `; did you mean ${near.join(', ')}?` : ''} (a topic id, as in the lesson's links)`, 'quiz');
    }
    const rl = readline.createInterface({ input: process.stdin, terminal: false });
    try {
      const result = await runQuiz(quiz, rl[Symbol.asyncIterator](), io.out);
      io.out(`\n${result.right} of ${quiz.items.length} graded items right${result.finished ? '' : ' (stopped: the input ended)'}.`);
      return result.finished ? 0 : 1;
    } finally {
      rl.close();
    }
  },
};

/** The quizzes of a roadmap file of your own; undefined, with its problems printed, when it cannot be read. */
function ownQuizzes(file: string, io: Io): Record<string, CompiledQuiz> | undefined {
  const result = readCustomRoadmapFile(path.resolve(file), { displayPath: display });
  if (!result) {
    io.err(`${file}: file not found`);
    return undefined;
  }
  const errors = sortProblems(result.problems).filter((p) => !isHint(p));
  if (errors.length || !result.roadmap) {
    for (const p of errors) io.err(formatProblem(p));
    io.err(`${display(result.file)} has problems: fix them first (lint ${file})`);
    return undefined;
  }
  return result.quizzes ?? {};
}
