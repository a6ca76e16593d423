/**
 * A learner's own roadmap: a `*.roadmap.yaml` file in the workspace. Types and constants only, so
 * the extension's activation bundle can use them without the YAML parser or the Markdown renderer.
 */
import type { CompiledQuiz } from '../quiz/compiled';
import type { LessonBundle, Roadmap } from '../roadmap/model';
import type { Problem } from '../roadmap/problems';

/** Where the extension looks for roadmaps of the learner's own, unless the setting says otherwise. */
export const DEFAULT_CUSTOM_ROADMAP_GLOB = '**/*.roadmap.yaml';
export const CUSTOM_ROADMAP_SUFFIX = '.roadmap.yaml';

/** One custom roadmap file as read, checked and rendered (off the main thread, in the extension). */
export interface CustomRoadmapResult {
  /** Absolute path. */
  file: string;
  /** The file's modification time and size when it was read: the cache key. */
  mtimeMs: number;
  size: number;
  /** What could be built; present even with problems, so the valid part still shows. */
  roadmap?: Roadmap;
  /** Lesson HTML by node id, rendered by the same safe renderer as the built-in lessons. */
  lessons: LessonBundle;
  /** The quizzes its nodes carry, rendered as the lessons are; none when absent. */
  quizzes?: Record<string, CompiledQuiz>;
  problems: Problem[];
  /** Where the roadmap's id is written (1-based), for "the same id in two files". */
  idLocation?: { line: number; column: number; endLine?: number; endColumn?: number };
}

/** At most this many problems per file travel to the editor; the rest are counted in one more. */
export const MAX_PROBLEMS_PER_FILE = 500;

/**
 * A custom roadmap as the worker posts it. Everything large travels as UTF-8 in one transferred
 * buffer (no copy, nothing to deserialise), cut into parts: the roadmap without its sections as
 * JSON, each section as JSON, the lesson ids as JSON, the quizzes as JSON, then each lesson's HTML.
 * The main thread decodes the sections in small slices, a lesson only when it is opened and the
 * quizzes when one is first asked for.
 */
export interface EncodedCustomRoadmap {
  file: string;
  mtimeMs: number;
  size: number;
  problems: Problem[];
  idLocation?: CustomRoadmapResult['idLocation'];
  /** Whether part 0 holds a roadmap (else the file could not be read far enough). */
  hasRoadmap: boolean;
  sectionCount: number;
  bytes: Uint8Array;
  /** Part i is bytes[offsets[i], offsets[i + 1]). */
  offsets: Uint32Array;
}

/** Where the parts sit: 0 head, 1..n sections, n + 1 lesson ids, n + 2 quizzes, then one lesson per id. */
export const PART = {
  head: 0,
  section: (i: number) => 1 + i,
  lessonIds: (sectionCount: number) => 1 + sectionCount,
  quizzes: (sectionCount: number) => 2 + sectionCount,
  lesson: (sectionCount: number, i: number) => 3 + sectionCount + i,
};

export function encodeCustomRoadmap(r: CustomRoadmapResult): EncodedCustomRoadmap {
  let problems = r.problems;
  if (problems.length > MAX_PROBLEMS_PER_FILE) {
    const last = problems[MAX_PROBLEMS_PER_FILE - 1];
    problems = [...problems.slice(0, MAX_PROBLEMS_PER_FILE - 1), { ...last, message: `${problems.length - MAX_PROBLEMS_PER_FILE + 1} more problems; fix the ones above first (node dist/cli.js lint lists all)` }];
  }
  const { sections = [], ...head } = r.roadmap ?? {};
  const lessonIds = Object.keys(r.lessons);
  const parts = [r.roadmap ? JSON.stringify(head) : '', ...sections.map((s) => JSON.stringify(s)), JSON.stringify(lessonIds), r.quizzes && Object.keys(r.quizzes).length ? JSON.stringify(r.quizzes) : '', ...lessonIds.map((id) => r.lessons[id])];
  const encoder = new TextEncoder();
  const chunks = parts.map((p) => encoder.encode(p));
  const offsets = new Uint32Array(chunks.length + 1);
  for (let i = 0; i < chunks.length; i++) offsets[i + 1] = offsets[i] + chunks[i].length;
  const bytes = new Uint8Array(offsets[chunks.length]);
  chunks.forEach((c, i) => bytes.set(c, offsets[i]));
  return { file: r.file, mtimeMs: r.mtimeMs, size: r.size, problems, idLocation: r.idLocation, hasRoadmap: r.roadmap !== undefined, sectionCount: sections.length, bytes, offsets };
}

/** An encoded roadmap with nothing in it but problems (a file over the limit, a failed read). */
export function encodedProblems(file: string, key: { mtimeMs: number; size: number }, problems: Problem[]): EncodedCustomRoadmap {
  return encodeCustomRoadmap({ file, ...key, lessons: {}, problems });
}
