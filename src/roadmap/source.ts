import * as path from 'path';
import { Document, LineCounter, parseDocument, isMap, visit, Node as YamlNode } from 'yaml';
import { MAX_ALIAS_COUNT, MAX_SOURCE_BYTES, oversizeProblem } from './limits';
import type { Problem } from './problems';

/** Reads files for the loader: the real file system in the CLI, a map in tests. */
export interface SourceReader {
  /** Returns the file's text, or undefined when it does not exist. */
  read(file: string): string | undefined;
  /** The file's real path (symbolic links resolved), when the reader can tell; for confinement checks. */
  realpath?(file: string): string | undefined;
}

export type PathPart = string | number;

interface SourceFile {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export { MAX_SOURCE_BYTES };

export interface Location {
  file: string;
  line: number;
  column: number;
  /** Where the located value ends, kept to its first line. */
  endLine?: number;
  endColumn?: number;
}

/**
 * The parsed YAML files of one roadmap, with a way back from every object of the plain value
 * to the file, line and column it came from.
 */
export class SourceSet {
  readonly problems: Problem[] = [];
  private readonly files = new Map<string, SourceFile>();
  private readonly origins = new WeakMap<object, { source: SourceFile; path: PathPart[] }>();

  constructor(
    private readonly reader: SourceReader,
    readonly displayPath: (file: string) => string = (f) => f,
    /** What to do about a file over the size limit, in the learner's terms. */
    private readonly oversizeHint = 'split it into section files',
  ) {}

  /** Parses one YAML file into a plain value; reports and returns undefined when it cannot. */
  load(file: string, from?: { owner: object; key: PathPart }): unknown {
    const text = this.reader.read(file);
    if (text === undefined) {
      if (from) this.report(from.owner, from.key, `file not found: ${this.displayPath(file)}; check the path, which is relative to the file that names it`);
      else this.problems.push({ file: this.displayPath(file), line: 1, column: 1, message: 'file not found' });
      return undefined;
    }
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_SOURCE_BYTES) {
      this.problems.push(oversizeProblem(this.displayPath(file), bytes, this.oversizeHint));
      return undefined;
    }
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    const source: SourceFile = { file, text, doc, lines };
    this.files.set(file, source);
    // Later syntax errors are mostly echoes of the first, so only the first is reported.
    const [err] = doc.errors;
    if (err) {
      const pos = err.linePos?.[0] ?? { line: 1, col: 1 };
      const end = err.linePos?.[1];
      const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more error(s) after it)` : '';
      this.problems.push({
        file: this.displayPath(file),
        line: pos.line,
        column: pos.col,
        ...(end && end.line === pos.line && end.col > pos.col ? { endLine: end.line, endColumn: end.col } : {}),
        message: `YAML syntax: ${firstLine(err.message)}${more}`,
      });
    }
    if (doc.errors.length > 0) return undefined;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      // The expansion error carries no position: point at the first alias, where the bomb starts.
      let offset = 0;
      visit(doc, { Alias: (_key, node) => ((offset = node.range?.[0] ?? 0), visit.BREAK) });
      const pos = lines.linePos(offset);
      this.problems.push({ file: this.displayPath(file), line: pos.line, column: pos.col, message: `YAML could not be expanded: ${firstLine(String((err as Error).message))}; use fewer aliases (at most ${MAX_ALIAS_COUNT})` });
      return undefined;
    }
    this.tag(value, source, []);
    return value;
  }

  /** Records that `value` (read from elsewhere) sits at `path` of the file that holds `owner`. */
  private tag(value: unknown, source: SourceFile, p: PathPart[]): void {
    if (value === null || typeof value !== 'object' || this.origins.has(value)) return;
    this.origins.set(value, { source, path: p });
    if (Array.isArray(value)) value.forEach((v, i) => this.tag(v, source, [...p, i]));
    else for (const [k, v] of Object.entries(value)) this.tag(v, source, [...p, k]);
  }

  /** The file an object came from, for resolving relative paths. */
  fileOf(obj: object): string | undefined {
    return this.origins.get(obj)?.source.file;
  }

  /** Where `obj[key]` (or `obj` itself) is written. */
  locate(obj: object, key?: PathPart): Location {
    const origin = this.origins.get(obj);
    if (!origin) return { file: '<unknown>', line: 1, column: 1 };
    const { source } = origin;
    let node: unknown = key === undefined ? undefined : source.doc.getIn([...origin.path, key], true);
    if (!hasRange(node)) node = origin.path.length === 0 ? source.doc.contents : source.doc.getIn(origin.path, true);
    return hasRange(node) ? this.span(source, node.range[0], node.range[1]) : { file: this.displayPath(source.file), line: 1, column: 1 };
  }

  /** A location from offsets, its end kept on the start's line so an editor underlines one line. */
  private span(source: SourceFile, start: number, end: number): Location {
    const pos = source.lines.linePos(start);
    const lineEnd = source.text.indexOf('\n', start);
    const stop = Math.max(start, Math.min(end, lineEnd === -1 ? source.text.length : lineEnd));
    const endPos = source.lines.linePos(stop);
    return { file: this.displayPath(source.file), line: pos.line, column: pos.col, endLine: endPos.line, endColumn: endPos.col };
  }

  /** Where the key itself of `obj[key]` is written (for "unknown key" problems). */
  locateKey(obj: object, key: string): Location {
    const origin = this.origins.get(obj);
    if (!origin) return { file: '<unknown>', line: 1, column: 1 };
    const map = origin.path.length === 0 ? origin.source.doc.contents : origin.source.doc.getIn(origin.path, true);
    if (isMap(map)) {
      for (const pair of map.items) {
        const k = pair.key as YamlNode | null;
        if (k && hasRange(k) && String((k as { value?: unknown }).value) === key) return this.span(origin.source, k.range[0], k.range[1]);
      }
    }
    return this.locate(obj);
  }

  report(obj: object, key: PathPart | undefined, message: string): void {
    this.problems.push({ ...this.locate(obj, key), message });
  }

  reportKey(obj: object, key: string, message: string): void {
    this.problems.push({ ...this.locateKey(obj, key), message });
  }

  /** Resolves a path written in the file that holds `obj`. */
  resolve(obj: object, relative: string): string {
    const file = this.fileOf(obj) ?? '';
    return path.resolve(path.dirname(file), relative);
  }

  readText(file: string): string | undefined {
    return this.reader.read(file);
  }

  /** The real path of a file, or of its folder when the file does not exist (yet). */
  realpath(file: string): string {
    if (!this.reader.realpath) return file;
    const real = this.reader.realpath(file);
    if (real) return real;
    const dir = this.reader.realpath(path.dirname(file));
    return dir ? path.join(dir, path.basename(file)) : file;
  }
}

function hasRange(node: unknown): node is { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && Array.isArray((node as { range?: unknown }).range);
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
