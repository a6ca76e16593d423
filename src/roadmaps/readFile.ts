import * as fs from 'fs';
import { readInlineQuizzes, renderQuizzes } from '../quiz/inline';
import { renderLessons } from '../roadmap/compile';
import type { CustomRoadmapResult } from './encoding';
import { CUSTOM_OVERSIZE_HINT, MAX_SOURCE_BYTES, oversizeProblem } from '../roadmap/limits';
import { diskReader } from '../roadmap/nodeFs';
import type { SourceReader } from '../roadmap/source';
import { readRoadmap } from '../roadmap/validate';

export interface ReadCustomOptions {
  reader?: SourceReader;
  displayPath?: (file: string) => string;
  /** Hold the file to the built-in roadmap's content bar too (`lint --strict`). */
  strict?: boolean;
}

/**
 * Reads, checks and renders one custom roadmap file: the work the extension does in its worker and
 * the CLI does in `lint`. Never throws: whatever goes wrong becomes a problem at the file's start.
 */
export function readCustomRoadmap(file: string, options: ReadCustomOptions = {}): Omit<CustomRoadmapResult, 'mtimeMs' | 'size'> {
  const shown = options.displayPath ?? ((f: string) => f);
  try {
    const r = readRoadmap(file, options.reader ?? diskReader, { custom: true, strict: options.strict, displayPath: options.displayPath });
    const at = r.idLocation;
    const inline = readInlineQuizzes(r.quizNodes, r.lessons, r.locate);
    return {
      file,
      roadmap: r.roadmap,
      lessons: r.roadmap ? renderLessons(r.roadmap, r.lessons) : {},
      quizzes: r.roadmap ? renderQuizzes(inline.quizzes, r.lessons) : {},
      problems: [...r.problems, ...inline.problems],
      idLocation: at && { line: at.line, column: at.column, endLine: at.endLine, endColumn: at.endColumn },
    };
  } catch (err) {
    // Deeply nested YAML can exhaust the stack, a lesson file can be unreadable: report, do not crash.
    const message = err instanceof RangeError ? 'the file is nested too deeply to read' : `the file could not be read: ${(err as Error).message}`;
    return { file, lessons: {}, problems: [{ file: shown(file), line: 1, column: 1, message }] };
  }
}

/** Stats, then reads a custom roadmap file from disk; a file over the size limit is refused unread. */
export function readCustomRoadmapFile(file: string, options: ReadCustomOptions = {}): CustomRoadmapResult | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  const key = { mtimeMs: stat.mtimeMs, size: stat.size };
  if (stat.size > MAX_SOURCE_BYTES) return { file, ...key, lessons: {}, problems: [oversizeProblem((options.displayPath ?? ((f) => f))(file), stat.size, CUSTOM_OVERSIZE_HINT)] };
  return { ...readCustomRoadmap(file, options), ...key };
}
