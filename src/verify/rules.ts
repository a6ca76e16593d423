/**
 * Numeric rules of a milestone and the checks on both sides of each: a description that says "4 to 32
 * characters" or "over 200 characters" promises a limit, and a limit is only tested when a value at its
 * edge is accepted and one just past it is refused. The check file names those checks under `rules:`;
 * this finds the numeric phrases of a description and holds the file to them. Pure.
 */
import type { Fields } from '../roadmap/fields';
import type { Parser } from './parser';

export interface NumericRule {
  /** Words quoted from the milestone description. */
  text: string;
  /** Checks where a value at the edge is accepted; `kit` where only a wrong solution of the kit shows it. */
  inside: string[];
  /** Checks where a value just past the edge is refused; or `kit`. */
  outside: string[];
}

/** The side a wrong solution of the honesty kit shows, where no check can (a slow server, for one). */
export const KIT_SIDE = 'kit';

const LIMIT_WORDS = ['at most', 'at least', 'no more than', 'more than', 'fewer than', 'less than', 'up to', 'over', 'under', 'above', 'below', 'within', 'after'];
/** A limit word, its first letter in either case ("More than" opens a sentence). */
const LIMIT = `(?:${LIMIT_WORDS.map((w) => `[${w[0]}${w[0].toUpperCase()}]${w.slice(1)}`).join('|')})`;
/** A number, or the name of the setting that holds it (RATE_LIMIT_PER_MINUTE). */
const AMOUNT = '(?:\\d[\\d,]*|[A-Z][A-Z0-9]*_[A-Z0-9_]+)';
const PHRASES = [new RegExp(`\\b${LIMIT}\\s+${AMOUNT}\\b`, 'g'), /\b\d+\s+to\s+\d+\b/g];

/** The numeric limits a description states ("4 to 32", "over 200", "More than RATE_LIMIT_PER_MINUTE"), in order. */
export function numericPhrases(description: string): string[] {
  const found: { at: number; text: string }[] = [];
  for (const re of PHRASES) for (const m of description.matchAll(re)) found.push({ at: m.index ?? 0, text: m[0] });
  return found.sort((a, b) => a.at - b.at).map((f) => f.text);
}

/**
 * Reads `rules:` (milestone id to a list of { text, inside, outside }). With the milestones'
 * descriptions, also requires an entry for every numeric phrase and text that the description holds.
 */
export function parseRules(p: Parser, raw: Fields, checkNames: Record<string, Set<string>>, descriptions?: Record<string, string>): Record<string, NumericRule[]> {
  const out: Record<string, NumericRule[]> = {};
  const written = raw.rules === undefined ? {} : p.mappingOf(raw, 'rules', 'the check file', 'milestone ids to lists of numeric rules');
  for (const id of Object.keys(written ?? {})) {
    const list = p.list(written!, id, 'rules', 'rules') ?? [];
    if (!checkNames[id]) p.sink.key(written!, id, `'${id}' has no checks in this file`);
    out[id] = [];
    for (const [entry, i] of p.mappings(list, 'a rule must be a mapping with text, inside and outside')) {
      const what = `rule ${i + 1} of '${id}'`;
      p.knownKeys(entry, ['text', 'inside', 'outside'], what);
      const text = p.string(entry, 'text', what, 'quote the words of the milestone description that state the limit');
      const sides = (['inside', 'outside'] as const).map((side) => {
        const names = p.strings(entry, side, what);
        if (entry[side] !== undefined && !names.length) p.fail(entry, side, `${what} needs at least one check under '${side}'`);
        if (entry[side] === undefined) p.fail(entry, undefined, `${what} has no '${side}': name the checks where a value ${side === 'inside' ? 'at the edge is accepted' : 'just past the edge is refused'} (or kit)`);
        for (const [j, name] of names.entries()) {
          if (name !== KIT_SIDE && !checkNames[id]?.has(name)) p.fail(entry[side] as unknown[], j, `'${name}' is not a check of '${id}'`);
        }
        return names;
      });
      if (descriptions && text && descriptions[id] !== undefined && !descriptions[id].includes(text)) p.fail(entry, 'text', `'${text}' does not occur in the description of '${id}'`);
      if (text) out[id].push({ text, inside: sides[0], outside: sides[1] });
    }
  }
  for (const [id, description] of Object.entries(descriptions ?? {})) {
    if (!checkNames[id]) continue;
    for (const phrase of numericPhrases(description)) {
      if (!out[id]?.some((r) => r.text.includes(phrase) || phrase.includes(r.text))) {
        p.failAt(['milestones', id], `the description of '${id}' states a limit, '${phrase}', with no rule naming the checks on both sides of it: add { text: "${phrase}", inside: [...], outside: [...] } under rules.${id}`);
      }
    }
  }
  return out;
}
