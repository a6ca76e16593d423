/**
 * The shared half of reading a check file: the roadmap's typed field readers (`FieldReader`), with
 * every problem kept by its path inside the file, so that files.ts can place it at line:column in
 * the YAML and compiled.ts can name it in the compiled JSON; and the number rules the step kinds
 * share. Pure: no `vscode`, no YAML.
 */
import { FieldReader, walkObjects, type Fields, type FieldSink, type NumberRule, type PathPart } from '../roadmap/fields';

/** A problem with the path inside the file where it is, for a locator to turn into line:column. */
export interface CheckProblem {
  path: PathPart[];
  message: string;
  /** The problem is the key itself (the last part of the path), not its value. */
  key?: boolean;
}

export type Path = PathPart[];

/** Bounds shared by step kinds, so a check file cannot ask for something unreasonable of the learner's machine. */
export const MAX_WITHIN_MS = 60_000;

export function wholeNumber(min: number, max: number): NumberRule {
  return { describe: `a whole number from ${min} to ${max}`, integer: true, min, max };
}

export function anyNumber(min: number, max: number): NumberRule {
  return { describe: `a number from ${min} to ${max}`, min, max };
}

export const STATUS = wholeNumber(100, 599);

export function lowerKeys(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The sink of the readers: the path of every mapping and list read is known (`track`), so a problem about one is kept by path. */
class PathSink implements FieldSink {
  readonly problems: CheckProblem[] = [];
  private readonly paths = new WeakMap<object, Path>();

  track(value: unknown, path: Path): void {
    walkObjects(value, (obj, sub) => {
      if (!this.paths.has(obj)) this.paths.set(obj, [...path, ...sub]);
    });
  }

  pathOf(owner: object, key?: PathPart): Path {
    return [...(this.paths.get(owner) ?? []), ...(key === undefined ? [] : [key])];
  }

  at(path: Path, message: string, key = false): void {
    this.problems.push(key ? { path, message, key } : { path, message });
  }

  value(owner: object, key: PathPart | undefined, message: string): void {
    this.at(this.pathOf(owner, key), message);
  }

  key(owner: Fields, key: string, message: string): void {
    this.at(this.pathOf(owner, key), message, true);
  }
}

/** Reads a check file's fields; every problem it finds is in `problems`, by path. */
export class Parser extends FieldReader {
  private readonly found: PathSink;

  constructor() {
    const found = new PathSink();
    super(found);
    this.found = found;
  }

  get problems(): CheckProblem[] {
    return this.found.problems;
  }

  /** Makes the paths of `value` and everything in it known; `value` is at `path` in the file. */
  track(value: unknown, path: Path): void {
    this.found.track(value, path);
  }

  /** The path in the file of `owner[key]`, or of `owner` itself. */
  pathOf(owner: object, key?: PathPart): Path {
    return this.found.pathOf(owner, key);
  }

  /** A problem with `owner[key]` (or `owner` itself) that no typed reader words: a rule of check files. */
  fail(owner: object, key: PathPart | undefined, message: string): undefined {
    this.found.value(owner, key, message);
    return undefined;
  }

  /** A problem with what is at `path`, for a value that is not a mapping or list of its own. */
  failAt(path: Path, message: string): undefined {
    this.found.at(path, message);
    return undefined;
  }

  /**
   * The fields of a step written under its kind's key (`load: { ... }`): the step may hold nothing
   * else, and the mapping only `allowed` keys.
   */
  stepBody(step: Fields, kind: string, allowed: readonly string[], ifMissing?: string): Fields | undefined {
    this.knownKeys(step, [kind], `the ${kind} step`);
    return this.mapping(step, kind, 'the step', allowed, ifMissing);
  }

  /** An optional number that stands for `fallback` when it is left out or empty. */
  numberOr(o: Fields, key: string, what: string, rule: NumberRule, fallback: number): number | undefined {
    return o[key] === undefined || o[key] === null ? fallback : this.number(o, key, what, rule);
  }
}
