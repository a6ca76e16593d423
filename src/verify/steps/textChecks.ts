/**
 * What a text must hold, for the output of a command step and the content of a file step: the whole
 * text (`equals`, compared with trailing spaces of each line and final newlines dropped), texts it
 * contains or not, a regular expression (m flag), its number of lines, and its JSON matched as a
 * shape (match.ts). One reader and one judge, so both kinds word a check and a failure the same. Pure.
 */
import { describe, fill, fillDeep, matchShape, type Vars } from '../match';
import type { Fields } from '../../roadmap/fields';
import { wholeNumber, type Parser } from '../parser';
import { oneLine } from './requestSpec';

export interface TextChecks {
  equals?: string;
  contains: string[];
  notContains: string[];
  matches?: string;
  /** A JSON shape the text, parsed as JSON, must match. */
  json?: unknown;
  lines?: number;
}

export const TEXT_CHECK_KEYS = ['contains', 'notContains', 'matches', 'json', 'lines'] as const;

/** The text as compared: each line without its trailing spaces, no final newlines, \r\n read as \n. */
export function normalized(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}

/** A list of text, or one text standing for a list of one. */
function texts(p: Parser, o: Fields, key: string, what: string): string[] {
  return typeof o[key] === 'string' ? [o[key] as string] : p.strings(o, key, what);
}

/**
 * Reads the checks held in the mapping `o` itself (its keys among `keys`: the caller has checked
 * that it holds no others). `what` names the mapping in problems.
 */
export function parseTextChecks(p: Parser, o: Fields, what: string, keys: readonly string[] = TEXT_CHECK_KEYS): TextChecks {
  const out: TextChecks = { contains: texts(p, o, 'contains', what), notContains: texts(p, o, 'notContains', what) };
  const matches = p.string(o, 'matches', what);
  if (matches !== undefined) {
    try {
      new RegExp(matches, 'm');
      out.matches = matches;
    } catch (err) {
      p.fail(o, 'matches', `'matches' of ${what} is not a JavaScript regular expression (${(err as Error).message}): put a backslash before a special character meant literally, or fix the pattern`);
    }
  }
  if (keys.includes('json') && o.json !== undefined) out.json = o.json;
  if (keys.includes('lines')) out.lines = p.number(o, 'lines', what, wholeNumber(0, 1_000_000));
  return out;
}

/** Reads `owner[key]`: a text the whole output must equal, or a mapping of checks. */
export function parseOutputChecks(p: Parser, owner: Fields, key: string, what: string): TextChecks | undefined {
  const value = owner[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return { equals: value, contains: [], notContains: [] };
  if (typeof value === 'number' || typeof value === 'boolean') return p.fail(owner, key, `'${key}' of ${what} must be text: write "${String(value)}" in quotes`);
  const o = p.mapping(owner, key, what, TEXT_CHECK_KEYS, `give the whole ${key} as text, or a mapping of ${TEXT_CHECK_KEYS.join(', ')}`);
  if (!o) return undefined;
  if (Object.keys(o).length === 0) return p.fail(owner, key, `'${key}' of ${what} is empty: give ${TEXT_CHECK_KEYS.join(', ')}, or leave it out`);
  return parseTextChecks(p, o, `'${key}' of ${what}`);
}

/** The checks in words ("containing "5", matching /^\d+$/"); empty when there are none. */
export function describeTextChecks(c: TextChecks, vars: Vars): string {
  const show = (t: string) => {
    try {
      return fill(t, vars);
    } catch {
      return t;
    }
  };
  const parts: string[] = [];
  if (c.equals !== undefined) parts.push(`exactly ${JSON.stringify(oneLine(show(c.equals), 120))}`);
  if (c.contains.length) parts.push(`containing ${c.contains.map((t) => JSON.stringify(show(t))).join(' and ')}`);
  if (c.notContains.length) parts.push(`not containing ${c.notContains.map((t) => JSON.stringify(show(t))).join(' or ')}`);
  if (c.matches !== undefined) parts.push(`matching /${show(c.matches)}/m`);
  if (c.lines !== undefined) parts.push(`${c.lines} line${c.lines === 1 ? '' : 's'}`);
  if (c.json !== undefined) {
    let shape: unknown = c.json;
    try {
      shape = fillDeep(c.json, vars);
    } catch {
      // Shown as written while a variable is not known yet.
    }
    parts.push(`JSON ${describe(shape, 160)}`);
  }
  return parts.join(', ');
}

/** Where the text fails its checks, in words (`label` names it: "stdout"); undefined when it holds. */
export function judgeText(text: string, c: TextChecks, vars: Vars, label: string): string | undefined {
  const got = normalized(text);
  if (c.equals !== undefined) {
    const want = normalized(fill(c.equals, vars));
    if (got !== want) return `${label} is ${got ? JSON.stringify(oneLine(got, 160)) : 'empty'}, expected ${JSON.stringify(oneLine(want, 160))}`;
  }
  for (const t of c.contains) if (!text.includes(fill(t, vars))) return `${label} does not contain ${JSON.stringify(fill(t, vars))}`;
  for (const t of c.notContains) {
    const i = text.indexOf(fill(t, vars));
    if (i >= 0) return `${label} contains ${JSON.stringify(fill(t, vars))} (line ${text.slice(0, i).split('\n').length})`;
  }
  if (c.matches !== undefined && !new RegExp(fill(c.matches, vars), 'm').test(text)) return `${label} does not match /${fill(c.matches, vars)}/m`;
  if (c.lines !== undefined) {
    const n = got === '' ? 0 : got.split('\n').length;
    if (n !== c.lines) return `${label} has ${n} line${n === 1 ? '' : 's'}, expected ${c.lines}`;
  }
  if (c.json !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return `${label} is not JSON (${oneLine((err as Error).message, 120)})${got ? `: ${JSON.stringify(oneLine(got, 80))}` : ': it is empty'}`;
    }
    const m = matchShape(value, fillDeep(c.json, vars), label);
    if (m) return m;
  }
  return undefined;
}
