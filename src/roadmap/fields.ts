/**
 * Typed readers for the fields of a plain value parsed from YAML or JSON. Each reader returns the
 * field when it has the right type; otherwise it reports one problem through a `FieldSink` and
 * returns undefined, so the caller goes on and every mistake of a file is found in one pass.
 *
 * The readers know nothing of files or lines: a problem names the mapping (or list) it is in and
 * the key, and the sink turns that into a location (`SourceSet` for roadmaps). A parser that
 * tracks paths instead can keep a `WeakMap` from each mapping to its path (`walkObjects`).
 * Pure: no YAML, no `vscode`.
 */

export type PathPart = string | number;
/** A mapping as parsed: its keys are not known to be the allowed ones yet. */
export type Fields = Record<string, unknown>;

/** Where the readers' problems go. */
export interface FieldSink {
  /** A problem with `owner[key]`, or with `owner` itself when `key` is undefined. */
  value(owner: object, key: PathPart | undefined, message: string): void;
  /** A problem with the key itself of `owner[key]` (an unknown or misspelt key). */
  key(owner: Fields, key: string, message: string): void;
}

/** What a number field accepts; `describe` is how a problem words it ("a positive number of hours"). */
export interface NumberRule {
  describe: string;
  integer?: boolean;
  min?: number;
  max?: number;
  /** The minimum itself is not allowed (hours above zero). */
  exclusiveMin?: boolean;
}

export function isMapping(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Readers for the fields of one kind of file. `what` names the owner in problems ("node 'http'");
 * `ifMissing`, when given, makes the field required and says what to add.
 */
export class FieldReader {
  constructor(readonly sink: FieldSink) {}

  /** Reports every key of `o` that is not allowed, with the allowed key it most likely meant. */
  knownKeys(o: Fields, allowed: readonly string[], what: string): void {
    for (const k of Object.keys(o)) {
      if (allowed.includes(k)) continue;
      const hint = closest(k, allowed);
      this.sink.key(o, k, `unknown key '${k}' in ${what}${hint ? `: did you mean '${hint}'?` : `: allowed keys are ${allowed.join(', ')}`}`);
    }
  }

  /** A missing field: reported when required, at the owner (no key to point at) or at an empty value. */
  missing(o: Fields, key: string, what: string, ifMissing: string | undefined): undefined {
    if (ifMissing !== undefined) this.sink.value(o, o[key] === undefined ? undefined : key, `${what} has no '${key}': ${ifMissing}`);
    return undefined;
  }

  /** Text; null and '' count as missing. */
  string(o: Fields, key: string, what: string, ifMissing?: string): string | undefined {
    const v = o[key];
    if (v === undefined || v === null || v === '') return this.missing(o, key, what, ifMissing);
    if (typeof v === 'string') return v;
    this.sink.value(o, key, `'${key}' of ${what} must be text`);
    return undefined;
  }

  number(o: Fields, key: string, what: string, rule: NumberRule, ifMissing?: string): number | undefined {
    const v = o[key];
    if (v === undefined) return this.missing(o, key, what, ifMissing);
    if (typeof v === 'number' && fits(v, rule)) return v;
    this.sink.value(o, key, `'${key}' of ${what} must be ${rule.describe}, not '${String(v)}'`);
    return undefined;
  }

  boolean(o: Fields, key: string, what: string, ifMissing?: string): boolean | undefined {
    const v = o[key];
    if (v === undefined) return this.missing(o, key, what, ifMissing);
    if (typeof v === 'boolean') return v;
    this.sink.value(o, key, `'${key}' of ${what} must be true or false, not '${String(v)}'`);
    return undefined;
  }

  /** A list of anything; `of` words its entries ("periods"). */
  list(o: Fields, key: string, what: string, of: string, ifMissing?: string): unknown[] | undefined {
    const v = o[key];
    if (v === undefined) return this.missing(o, key, what, ifMissing);
    if (Array.isArray(v)) return v;
    this.sink.value(o, key, `'${key}' of ${what} must be a list of ${of}`);
    return undefined;
  }

  /** A list of text; a missing list is empty. */
  strings(o: Fields, key: string, what: string): string[] {
    const v = o[key];
    if (v === undefined) return [];
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
    this.sink.value(o, key, `'${key}' of ${what} must be a list of text`);
    return [];
  }

  /** A list of numbers that each fit `rule`; a missing list is empty, and a wrong entry is reported at its index and left out. */
  numbers(o: Fields, key: string, what: string, rule: NumberRule): number[] {
    const v = o[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.sink.value(o, key, `'${key}' of ${what} must be a list of numbers`);
      return [];
    }
    const out: number[] = [];
    v.forEach((n, i) => (typeof n === 'number' && fits(n, rule) ? out.push(n) : this.sink.value(v, i, `entry ${i + 1} of '${key}' of ${what} must be ${rule.describe}, not '${String(n)}'`)));
    return out;
  }

  /** A mapping of any keys; `of` words what it maps ("milestone ids to lists of checks"). */
  mappingOf(o: Fields, key: string, what: string, of: string, ifMissing?: string): Fields | undefined {
    const v = o[key];
    if (v === undefined) return this.missing(o, key, what, ifMissing);
    if (isMapping(v)) return v;
    this.sink.value(o, key, `'${key}' of ${what} must be a mapping of ${of}`);
    return undefined;
  }

  /**
   * A mapping of names to text (environment variables, headers); a missing one is empty. A value
   * that is not text is reported at its name and left out.
   */
  textMapping(o: Fields, key: string, what: string): Record<string, string> | undefined {
    const map = this.mappingOf(o, key, what, 'names to text');
    if (!map) return o[key] === undefined ? {} : undefined;
    const out: Record<string, string> = {};
    for (const [name, v] of Object.entries(map)) {
      if (typeof v === 'string') out[name] = v;
      else this.sink.value(map, name, `'${name}' of '${key}' of ${what} must be text${typeof v === 'number' || typeof v === 'boolean' ? `: write "${String(v)}" in quotes` : ''}`);
    }
    return out;
  }

  /** A mapping that may hold only the `allowed` keys; unknown keys are reported and ignored. */
  mapping(o: Fields, key: string, what: string, allowed: readonly string[], ifMissing?: string): Fields | undefined {
    const v = o[key];
    if (v === undefined) return this.missing(o, key, what, ifMissing);
    if (!isMapping(v)) {
      this.sink.value(o, key, `'${key}' of ${what} must be a mapping with ${allowed.join(', ')}`);
      return undefined;
    }
    this.knownKeys(v, allowed, `'${key}' of ${what}`);
    return v;
  }

  /** The entries of a list that are mappings, with their index; any other entry is reported with `message`. */
  mappings(list: unknown[], message: string): [Fields, number][] {
    const out: [Fields, number][] = [];
    list.forEach((item, i) => (isMapping(item) ? out.push([item, i]) : this.sink.value(list, i, message)));
    return out;
  }
}

function fits(v: number, rule: NumberRule): boolean {
  if (!Number.isFinite(v) || (rule.integer && !Number.isInteger(v))) return false;
  if (rule.min !== undefined && (rule.exclusiveMin ? v <= rule.min : v < rule.min)) return false;
  return rule.max === undefined || v <= rule.max;
}

/**
 * Calls `visit` once for every mapping and list inside a plain value, with its path from the root.
 * A value reached twice (a YAML alias) keeps its first path.
 */
export function walkObjects(value: unknown, visit: (obj: object, path: PathPart[]) => void, seen = new WeakSet<object>(), path: PathPart[] = []): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  visit(value, path);
  if (Array.isArray(value)) value.forEach((v, i) => walkObjects(v, visit, seen, [...path, i]));
  else for (const [k, v] of Object.entries(value)) walkObjects(v, visit, seen, [...path, k]);
}

/** The allowed name nearest to a misspelt one, when it is near enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    if (commonPrefix(word, c) >= Math.min(5, word.length - 1)) return c;
    const d = distance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
