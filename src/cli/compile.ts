/** `compile [file] --out <dir>`: the build step that turns roadmap YAML into the JSON the extension reads. */
import * as fs from 'fs';
import * as path from 'path';
import { renderLessons } from '../roadmap/compile';
import { LESSONS_JSON, ROADMAP_JSON } from '../roadmap/load';
import { diskReader } from '../roadmap/nodeFs';
import { formatProblem, sortProblems } from '../roadmap/problems';
import { readRoadmap } from '../roadmap/validate';
import { createLessonRenderer } from '../roadmap/markdown';
import { lessonDiagramProblems } from '../roadmap/diagrams';
import { diagramFolder, drawDiagrams } from '../roadmap/graphviz';
import { HINTS_JSON } from '../practice/compiledHints';
import { VERIFY_JSON } from '../verify/compiled';
import { compileQuiz, QUIZ_INDEX_JSON, QUIZ_JSON } from '../quiz/compiled';
import { readQuizFiles } from '../quiz/quizFiles';
import { type Command, PROGRAM } from './command';
import { builtinRoadmapFile, glossaryFile, quizRoot } from './content';
import { readGlossaryFile } from '../glossary/glossaryFile';
import { GLOSSARY_JSON } from '../glossary/terms';
import { readPracticeContent } from './practiceContent';
import { readExerciseContent } from './exerciseContent';
import { EXERCISES_JSON, exerciseIndex } from '../exercise/files';
import { EXERCISE_INDEX_JSON } from '../exercise/summary';
import { display, writeAtomic } from './io';

export const compileCommand: Command = {
  name: 'compile',
  summary: 'Check, then write roadmap.json and lessons.json (lessons as HTML); the built-in roadmap also writes its milestone checks as verify.json, their hints as hints.json and its quizzes as quiz.json.',
  positionals: [{ name: 'file', optional: true, help: 'The roadmap entry to compile. Without it: the built-in roadmap.' }],
  options: {
    out: { type: 'string', value: '<dir>', required: true, help: 'The folder to write the JSON files into (created if missing).' },
  },
  async run({ positionals: [file], strings }, io) {
    const target = file ? path.resolve(file) : builtinRoadmapFile();
    const out = path.resolve(strings.out);
    // Structural rules only: the content bar is checked by `lint`, so a lesson in progress still builds.
    const result = readRoadmap(target, diskReader, { displayPath: display });
    if (result.problems.length > 0 || !result.roadmap) {
      for (const p of sortProblems(result.problems)) io.err(formatProblem(p));
      io.err(`not compiled: fix the problems above (${PROGRAM} lint ${file ?? ''})`.trimEnd());
      return 1;
    }
    // Diagrams are drawn here, at build time: the extension shows the SVG and never runs Graphviz.
    const diagrams = await drawDiagrams(diagramFolder(target), display);
    const diagramProblems = [...diagrams.problems, ...lessonDiagramProblems(result.lessons, new Set(diagrams.svgs.keys()), display, result.lessonLocation)];
    if (diagramProblems.length > 0) {
      for (const p of sortProblems(diagramProblems)) io.err(formatProblem(p));
      io.err(`not compiled: fix the diagrams above (${PROGRAM} lint ${file ?? ''})`.trimEnd());
      return 1;
    }
    const lessons = renderLessons(result.roadmap, result.lessons, diagrams.svgs);
    // The built-in roadmap's milestone checks and hints compile beside it.
    const practice = file ? undefined : readPracticeContent(result.roadmap.projects);
    if (practice?.problems.length) {
      for (const p of sortProblems(practice.problems)) io.err(formatProblem(p));
      io.err(`not compiled: fix the milestone checks and hints above (${PROGRAM} lint)`);
      return 1;
    }
    // The built-in roadmap's quizzes too: answers and items rendered as the lessons are.
    const markdown = new Map([...result.lessons].map(([id, l]) => [id, l.markdown]));
    const quizzes = file ? undefined : readQuizFiles(quizRoot(), markdown, display);
    const glossary = file ? undefined : readGlossaryFile(glossaryFile(), markdown, display);
    if (glossary?.problems.length) {
      for (const p of sortProblems(glossary.problems)) io.err(formatProblem(p));
      io.err(`not compiled: fix the glossary above (${PROGRAM} lint)`);
      return 1;
    }
    if (quizzes?.problems.length) {
      for (const p of sortProblems(quizzes.problems)) io.err(formatProblem(p));
      io.err(`not compiled: fix the quizzes above (${PROGRAM} lint)`);
      return 1;
    }
    // The built-in roadmap's exercises, in their source form: the extension checks them again on reading.
    const exercises = file ? undefined : readExerciseContent(new Set(result.roadmap.sections.flatMap((s) => s.nodes.map((n) => n.id))));
    const exerciseProblems = exercises?.problems.filter((p) => !p.file.includes('test/fixtures')) ?? [];
    if (exerciseProblems.length) {
      for (const p of sortProblems(exerciseProblems)) io.err(formatProblem(p));
      io.err(`not compiled: fix the exercises above (${PROGRAM} lint)`);
      return 1;
    }
    fs.mkdirSync(out, { recursive: true });
    if (exercises) writeAtomic(path.join(out, EXERCISES_JSON), JSON.stringify(exercises.raw));
    if (exercises) writeAtomic(path.join(out, EXERCISE_INDEX_JSON), JSON.stringify(exerciseIndex(exercises.exercises)));
    // The source form: the extension checks it again when it reads it.
    if (practice) writeAtomic(path.join(out, VERIFY_JSON), JSON.stringify(practice.checks));
    // Hints as HTML, rendered as lessons are (raw HTML escaped, only http(s) links kept).
    if (practice) {
      const render = createLessonRenderer();
      const html = Object.fromEntries(Object.entries(practice.hints).map(([idea, ms]) => [idea, Object.fromEntries(Object.entries(ms).map(([m, stacks]) => [m, Object.fromEntries(Object.entries(stacks).map(([stack, list]) => [stack, list.map((h) => render(h))]))]))]));
      writeAtomic(path.join(out, HINTS_JSON), JSON.stringify(html));
    }
    if (quizzes) {
      const render = createLessonRenderer();
      writeAtomic(path.join(out, QUIZ_JSON), JSON.stringify(Object.fromEntries(Object.entries(quizzes.quizzes).map(([id, q]) => [id, compileQuiz(q, markdown.get(id) ?? '', render)]))));
      writeAtomic(path.join(out, QUIZ_INDEX_JSON), JSON.stringify(Object.fromEntries(Object.entries(quizzes.quizzes).map(([id, q]) => [id, q.items.map((i) => i.id)]))));
    }
    if (glossary) writeAtomic(path.join(out, GLOSSARY_JSON), JSON.stringify(glossary.terms));
    writeAtomic(path.join(out, ROADMAP_JSON), JSON.stringify(result.roadmap));
    writeAtomic(path.join(out, LESSONS_JSON), JSON.stringify(lessons));
    io.out(`compiled ${display(target)} -> ${display(path.join(out, ROADMAP_JSON))}, ${display(path.join(out, LESSONS_JSON))}`);
    return 0;
  },
};
