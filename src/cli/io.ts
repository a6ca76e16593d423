/** What the commands print to and write: the terminal (or a test's buffers) and whole files. */
import * as fs from 'fs';
import * as path from 'path';

/** Where a command prints: results to `out`, problems and progress notes to `err`. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const consoleIo: Io = { out: (s) => console.log(s), err: (s) => console.error(s) };

/** A path as the learner typed it: relative to the working folder when inside it, `.` for the folder itself. */
export function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  if (rel === '') return '.';
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}
