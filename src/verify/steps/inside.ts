/**
 * Paths a step names inside the exercise folder (a file to read, a repository, an implementation to
 * lay over a copy): one rule for all kinds. At parse time a path must be relative, with no `..` part,
 * so a check file can never point outside; at run time the path, filled in and with its symbolic
 * links followed, must still be inside the folder.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Why `rel` is refused as a path inside the exercise folder; undefined when it is fine. */
export function outsideReason(rel: string): string | undefined {
  if (rel.includes('\0')) return 'holds a NUL character';
  if (path.isAbsolute(rel) || path.win32.isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) return 'is absolute: give a path relative to the exercise folder';
  if (rel.split(/[\\/]/).includes('..')) return "has a '..' part: give a path inside the exercise folder";
  return undefined;
}

/**
 * `rel` resolved inside `dir`, or why it is not inside (an unknown `..` is refused at parse time;
 * this guards a filled-in template and a symbolic link that leads out). A path that does not exist
 * is resolved through its nearest existing parent.
 */
export function resolveInside(dir: string, rel: string): { file: string } | { refused: string } {
  const why = outsideReason(rel);
  if (why) return { refused: `the path '${rel}' ${why}` };
  const root = fs.realpathSync(dir);
  const file = path.resolve(root, rel);
  let existing = file;
  while (!fs.existsSync(existing) && existing !== root) existing = path.dirname(existing);
  const real = path.join(fs.realpathSync(existing), path.relative(existing, file));
  const back = path.relative(root, real);
  if (back === '..' || back.startsWith(`..${path.sep}`) || path.isAbsolute(back)) return { refused: `the path '${rel}' leads outside the exercise folder (through a symbolic link)` };
  return { file };
}
