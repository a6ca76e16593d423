/**
 * Unified diffs as `git diff` writes them (the reference solutions are such patches against the
 * freshly scaffolded starter): read into files and hunks, and applied to a file's text strictly, so
 * a patch that no longer fits says where instead of showing a wrong reference. Pure.
 */

export interface Hunk {
  oldStart: number;
  oldLines: number;
  /** Each line with its mark: ' ' context, '-' removed, '+' added. */
  lines: string[];
  /** The old side ends without a newline / the new side does. */
  oldNoEol: boolean;
  newNoEol: boolean;
}

export interface FilePatch {
  /** Path relative to the project, with / separators. */
  path: string;
  created: boolean;
  deleted: boolean;
  hunks: Hunk[];
}

export class PatchError extends Error {}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export function parsePatch(text: string): FilePatch[] {
  const files: FilePatch[] = [];
  const lines = text.split('\n');
  let file: FilePatch | undefined;
  let hunk: Hunk | undefined;
  let last: ' ' | '-' | '+' | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('diff --git ')) {
      const m = /^diff --git a\/(.+) b\/(.+)$/.exec(line);
      if (!m) throw new PatchError(`line ${i + 1}: cannot read the file names of '${line}'`);
      file = { path: m[2], created: false, deleted: false, hunks: [] };
      files.push(file);
      hunk = undefined;
      continue;
    }
    if (!file) continue;
    if (!hunk) {
      if (line.startsWith('new file mode')) file.created = true;
      else if (line.startsWith('deleted file mode')) file.deleted = true;
      else if (line.startsWith('Binary files')) throw new PatchError(`line ${i + 1}: ${file.path} is a binary change, which a reference cannot show`);
    }
    const h = HUNK.exec(line);
    if (h) {
      hunk = { oldStart: Number(h[1]), oldLines: h[2] === undefined ? 1 : Number(h[2]), lines: [], oldNoEol: false, newNoEol: false };
      file.hunks.push(hunk);
      continue;
    }
    if (!hunk) continue;
    if (line.startsWith('\\')) {
      // "\ No newline at end of file" belongs to the line before it.
      if (last === '-' || last === ' ') hunk.oldNoEol = true;
      if (last === '+' || last === ' ') hunk.newNoEol = true;
      continue;
    }
    const mark = line[0];
    if (mark === ' ' || mark === '-' || mark === '+') {
      hunk.lines.push(line);
      last = mark;
    } else if (line === '' && i < lines.length - 1) {
      // Some tools drop the space of an empty context line.
      hunk.lines.push(' ');
      last = ' ';
    }
  }
  return files;
}

/** `base` (the starter's text; empty for a created file) with the patch applied; throws where a hunk does not fit. */
export function applyFilePatch(base: string, patch: FilePatch): string {
  if (patch.deleted) return '';
  const endsWithEol = base === '' || base.endsWith('\n');
  const lines = base === '' ? [] : (endsWithEol ? base.slice(0, -1) : base).split('\n');
  const out: string[] = [];
  let at = 0;
  let noEol = !endsWithEol;
  for (const [n, hunk] of patch.hunks.entries()) {
    const start = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
    if (start < at) throw new PatchError(`${patch.path}: hunk ${n + 1} overlaps the one before`);
    out.push(...lines.slice(at, start));
    at = start;
    for (const line of hunk.lines) {
      const text = line.slice(1);
      if (line[0] === '+') {
        out.push(text);
        continue;
      }
      if (lines[at] !== text) throw new PatchError(`${patch.path}: hunk ${n + 1} does not fit at line ${at + 1}: expected '${text}', found '${lines[at] ?? '(end of file)'}'`);
      if (line[0] === ' ') out.push(text);
      at++;
    }
    if (at >= lines.length) noEol = hunk.newNoEol;
  }
  out.push(...lines.slice(at));
  return out.length ? out.join('\n') + (noEol ? '' : '\n') : '';
}
