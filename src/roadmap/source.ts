import * as path from 'path';
import { LineCounter, parseDocument } from 'yaml';
import { walkObjects, type FieldSink, type PathPart } from './fields';
import { MAX_SOURCE_BYTES, oversizeProblem } from './limits';
import type { Problem, Severity } from './problems';
import { decodeUtf8 } from './utf8';
import { locateYaml, type Span, type YamlSource } from './yamlLocation';
import { expandAliases, syntaxProblem } from './yamlProblems';

/** Reads files for the loader: the real file system in the CLI, a map in tests. */
export interface SourceReader {
  /**
   * The file's content, or undefined when it does not exist. Bytes are decoded here, so a file
   * that is not UTF-8 is reported at the bad byte; text is taken as it is.
   */
  read(file: string): string | Uint8Array | undefined;
  /** The file's real path (symbolic links resolved), when the reader can tell; for confinement checks. */
  realpath?(file: string): string | undefined;
}

export type { PathPart };

interface SourceFile extends YamlSource {
  file: string;
}

export interface Location extends Span {
  file: string;
}

/** A text file read through `SourceSet.readText`; when it could not be, the problem is reported. */
export type TextFile = { text: string } | { missing: true } | { unreadable: true };

/**
 * The parsed YAML files of one roadmap, with a way back from every object of the plain value
 * to the file, line and column it came from. It is the sink of the roadmap's field readers.
 */
export class SourceSet implements FieldSink {
  readonly problems: Problem[] = [];
  private readonly origins = new WeakMap<object, { source: SourceFile; path: PathPart[] }>();

  constructor(
    private readonly reader: SourceReader,
    readonly displayPath: (file: string) => string = (f) => f,
    /** What to do about a file over the size limit, in the learner's terms. */
    private readonly oversizeHint = 'split it into section files',
  ) {}

  /** Parses one YAML file into a plain value; reports and returns undefined when it cannot. */
  load(file: string, from?: { owner: object; key: PathPart }): unknown {
    const content = this.reader.read(file);
    if (content === undefined) {
      if (from) this.value(from.owner, from.key, `file not found: ${this.displayPath(file)}; check the path, which is relative to the file that names it`);
      else this.problems.push({ file: this.displayPath(file), line: 1, column: 1, message: 'file not found' });
      return undefined;
    }
    const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    if (bytes > MAX_SOURCE_BYTES) {
      this.problems.push(oversizeProblem(this.displayPath(file), bytes, this.oversizeHint));
      return undefined;
    }
    const text = this.decode(file, content);
    if (text === undefined) return undefined;
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    const source: SourceFile = { file, text, doc, lines };
    const syntax = syntaxProblem(source);
    if (syntax) {
      this.problems.push({ file: this.displayPath(file), ...syntax });
      return undefined;
    }
    const expanded = expandAliases(source);
    if ('problem' in expanded) {
      this.problems.push({ file: this.displayPath(file), ...expanded.problem });
      return undefined;
    }
    walkObjects(expanded.value, (obj, p) => this.origins.set(obj, { source, path: p }));
    return expanded.value;
  }

  /** Reads a text file that is not YAML (a lesson), checked for UTF-8 like the roadmap's files. */
  readText(file: string): TextFile {
    const content = this.reader.read(file);
    if (content === undefined) return { missing: true };
    const text = this.decode(file, content);
    return text === undefined ? { unreadable: true } : { text };
  }

  private decode(file: string, content: string | Uint8Array): string | undefined {
    if (typeof content === 'string') return content;
    const decoded = decodeUtf8(content);
    if ('text' in decoded) return decoded.text;
    this.problems.push({ file: this.displayPath(file), ...decoded });
    return undefined;
  }

  /** The file an object came from, for resolving relative paths. */
  fileOf(obj: object): string | undefined {
    return this.origins.get(obj)?.source.file;
  }

  /** Where `obj[key]` (or `obj` itself) is written; with `isKey`, the key itself. */
  locate(obj: object, key?: PathPart, isKey = false): Location {
    return this.locatePath(obj, key === undefined ? [] : [key], isKey);
  }

  /** Where the value at `sub` under `obj` is written (for checkers that keep their own paths); with `isKey`, its key. */
  locatePath(obj: object, sub: readonly PathPart[], isKey = false): Location {
    const origin = this.origins.get(obj);
    if (!origin) return { file: '<unknown>', line: 1, column: 1 };
    return { file: this.displayPath(origin.source.file), ...locateYaml(origin.source, [...origin.path, ...sub], isKey && sub.length > 0) };
  }

  /** A problem with `obj[key]`, or with `obj` itself when `key` is undefined. */
  value(obj: object, key: PathPart | undefined, message: string, severity?: Severity): void {
    this.problems.push({ ...this.locate(obj, key), message, ...(severity ? { severity } : {}) });
  }

  /** A problem with the key itself of `obj[key]` (for "unknown key" problems). */
  key(obj: object, key: string, message: string): void {
    this.problems.push({ ...this.locate(obj, key, true), message });
  }

  /** Resolves a path written in the file that holds `obj`. */
  resolve(obj: object, relative: string): string {
    const file = this.fileOf(obj) ?? '';
    return path.resolve(path.dirname(file), relative);
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
