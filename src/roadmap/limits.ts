/** Size limits for roadmap sources. No YAML here, so the extension's activation bundle can use them. */
import type { Problem } from './problems';

/** YAML files larger than this are refused before parsing. */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;
/** A lesson Markdown file larger than this is refused: a lesson is a page, not a book. */
export const MAX_LESSON_BYTES = 256 * 1024;
/** An alias bomb expands a few lines into millions of nodes; real roadmaps need few aliases. */
export const MAX_ALIAS_COUNT = 100;

/** What a learner can do about a roadmap of their own over the size limit. */
export const CUSTOM_OVERSIZE_HINT = 'move long lessons into lessonFile Markdown files beside it';

/** The problem of a file over MAX_SOURCE_BYTES, the same from the CLI, the worker and the extension. */
export function oversizeProblem(file: string, bytes: number, hint: string): Problem {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
  return { file, line: 1, column: 1, message: `file is ${mib(bytes)}, larger than the ${mib(MAX_SOURCE_BYTES)} limit; ${hint}` };
}
