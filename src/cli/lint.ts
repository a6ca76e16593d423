/**
 * `lint [file]`: one command for every roadmap file. The file decides how it is read: a
 * `*.roadmap.yaml` is a learner's own roadmap, checked exactly as the extension checks it; any other
 * file is a roadmap entry like the built-in one (with the files it includes). Both are printed alike.
 */
import * as path from 'path';
import { CUSTOM_ROADMAP_SUFFIX } from '../roadmaps/encoding';
import type { Roadmap } from '../roadmap/model';
import { diskReader } from '../roadmap/nodeFs';
import { formatProblem, isHint, type Problem, sortProblems } from '../roadmap/problems';
import { readCustomRoadmapFile } from '../roadmaps/readFile';
import { readRoadmap } from '../roadmap/validate';
import type { Command } from './command';
import { builtinRoadmapFile, glossaryFile, quizRoot } from './content';
import { readGlossaryFile } from '../glossary/glossaryFile';
import { readPracticeContent } from './practiceContent';
import { readExerciseContent } from './exerciseContent';
import { readQuizFiles } from '../quiz/quizFiles';
import { lessonDiagramProblems, unplacedDiagramProblems } from '../roadmap/diagrams';
import { diagramFolder, drawDiagrams } from '../roadmap/graphviz';
import { display, type Io } from './io';

/** What lint learnt from a file: its problems, and what it holds when it could be read. */
interface Linted {
  problems: Problem[];
  roadmap?: Roadmap;
  lessonCount: number;
}

export const lintCommand: Command = {
  name: 'lint',
  summary:
    'Check a roadmap YAML file (no file: the built-in roadmap, held to the content bar: summaries, three resources per node with sound addresses (the links rule), a 350-900 word lesson, and its milestone checks; a *.roadmap.yaml: a roadmap of your own, checked as the extension checks it). Prints file:line:column: message per problem; exit 1 if any.',
  positionals: [{ name: 'file', optional: true, help: 'A roadmap entry (a roadmap.yaml and the files it includes) or a *.roadmap.yaml of your own. Without it: the built-in roadmap.' }],
  options: {
    strict: { type: 'boolean', help: 'Hold the file to the content bar of the built-in roadmap too (the built-in roadmap always is).' },
  },
  async run({ positionals: [file], flags }, io) {
    const target = file ? path.resolve(file) : builtinRoadmapFile();
    const strict = flags.has('strict') || !file;
    const linted = target.endsWith(CUSTOM_ROADMAP_SUFFIX) ? lintOwnRoadmap(target, strict) : await lintRoadmapEntry(target, strict, !file);
    return print(target, linted, io);
  },
};

function lintOwnRoadmap(target: string, strict: boolean): Linted {
  const result = readCustomRoadmapFile(target, { displayPath: display, strict });
  // The same problem, at the same place, as a missing entry file gets from the roadmap reader.
  if (!result) return { problems: [{ file: display(target), line: 1, column: 1, message: 'file not found' }], lessonCount: 0 };
  return { problems: result.problems, roadmap: result.roadmap, lessonCount: Object.keys(result.lessons).length };
}

/**
 * The built-in roadmap brings its milestone checks and hints, which are linted with it. Any roadmap
 * entry brings its diagrams (diagrams/ beside it): each source must draw and be placed in a lesson,
 * and each lesson's diagram must exist and say in words what it shows.
 */
async function lintRoadmapEntry(target: string, strict: boolean, builtin: boolean): Promise<Linted> {
  const result = readRoadmap(target, diskReader, { strict, displayPath: display });
  const markdown = new Map([...result.lessons].map(([id, l]) => [id, l.markdown]));
  const checkProblems = builtin && result.roadmap ? [...readPracticeContent(result.roadmap.projects).problems, ...readQuizFiles(quizRoot(), markdown, display).problems, ...readGlossaryFile(glossaryFile(), markdown, display).problems, ...readExerciseContent(new Set(result.roadmap.sections.flatMap((s) => s.nodes.map((n) => n.id)))).problems] : [];
  const diagrams = await drawDiagrams(diagramFolder(target), display);
  const diagramProblems = [...diagrams.problems, ...lessonDiagramProblems(result.lessons, new Set(diagrams.svgs.keys()), display, result.lessonLocation), ...unplacedDiagramProblems(result.lessons, diagrams.files)];
  return { problems: [...result.problems, ...checkProblems, ...diagramProblems], roadmap: result.roadmap, lessonCount: result.lessons.size };
}

function print(target: string, { problems, roadmap, lessonCount }: Linted, io: Io): number {
  const sorted = sortProblems(problems);
  for (const p of sorted) io.out(formatProblem(p));
  // Hints (a workspace node without a lesson or hours yet) are printed but do not fail the lint.
  const errors = sorted.filter((p) => !isHint(p)).length;
  if (errors > 0 || !roadmap) {
    io.err(`${errors} problem${errors === 1 ? '' : 's'} in ${display(target)}`);
    return 1;
  }
  const nodes = roadmap.sections.reduce((n, s) => n + s.nodes.length, 0);
  io.out(`${display(target)}: ok (${roadmap.sections.length} sections, ${nodes} nodes, ${lessonCount} lessons, ${roadmap.plans.length} plans, ${roadmap.projects.length} project ideas)`);
  return 0;
}
