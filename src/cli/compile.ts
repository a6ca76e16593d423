/** `compile [file] --out <dir>`: the build step that turns roadmap YAML into the JSON the extension reads. */
import * as fs from 'fs';
import * as path from 'path';
import { renderLessons } from '../roadmap/compile';
import { LESSONS_JSON, ROADMAP_JSON } from '../roadmap/load';
import { diskReader } from '../roadmap/nodeFs';
import { formatProblem, sortProblems } from '../roadmap/problems';
import { readRoadmap } from '../roadmap/validate';
import { readCheckFiles } from '../verify/files';
import { VERIFY_JSON } from '../verify/compiled';
import { type Command, PROGRAM } from './command';
import { builtinRoadmapFile, checksRoot } from './content';
import { display, writeAtomic } from './io';

export const compileCommand: Command = {
  name: 'compile',
  summary: 'Check, then write roadmap.json and lessons.json (lessons as HTML); the built-in roadmap also writes its milestone checks as verify.json.',
  positionals: [{ name: 'file', optional: true, help: 'The roadmap entry to compile. Without it: the built-in roadmap.' }],
  options: {
    out: { type: 'string', value: '<dir>', required: true, help: 'The folder to write the JSON files into (created if missing).' },
  },
  run({ positionals: [file], strings }, io) {
    const target = file ? path.resolve(file) : builtinRoadmapFile();
    const out = path.resolve(strings.out);
    // Structural rules only: the content bar is checked by `lint`, so a lesson in progress still builds.
    const result = readRoadmap(target, diskReader, { displayPath: display });
    if (result.problems.length > 0 || !result.roadmap) {
      for (const p of sortProblems(result.problems)) io.err(formatProblem(p));
      io.err(`not compiled: fix the problems above (${PROGRAM} lint ${file ?? ''})`.trimEnd());
      return 1;
    }
    const lessons = renderLessons(result.roadmap, result.lessons);
    // The built-in roadmap's milestone checks compile beside it.
    const checks = file ? undefined : readCheckFiles(checksRoot(), result.roadmap.projects, display);
    if (checks?.problems.length) {
      for (const p of sortProblems(checks.problems)) io.err(formatProblem(p));
      io.err(`not compiled: fix the milestone checks above (${PROGRAM} lint)`);
      return 1;
    }
    fs.mkdirSync(out, { recursive: true });
    // The source form: the extension checks it again when it reads it.
    if (checks) writeAtomic(path.join(out, VERIFY_JSON), JSON.stringify(checks.raw));
    writeAtomic(path.join(out, ROADMAP_JSON), JSON.stringify(result.roadmap));
    writeAtomic(path.join(out, LESSONS_JSON), JSON.stringify(lessons));
    io.out(`compiled ${display(target)} -> ${display(path.join(out, ROADMAP_JSON))}, ${display(path.join(out, LESSONS_JSON))}`);
    return 0;
  },
};
