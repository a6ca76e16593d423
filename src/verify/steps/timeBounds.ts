/**
 * Bounds on how long an answer takes, `{ atLeast, atMost }` in milliseconds, shared by the step kinds
 * that time answers (request, compare). They are absolute on purpose: a check file ties them to the
 * delay it injects (SLOW_QUERY_MS), so warm-up and noise cannot decide a verdict the way a ratio of two
 * samples can. Pure.
 */
import type { Fields } from '../../roadmap/fields';
import { MAX_WITHIN_MS, wholeNumber, type Parser } from '../parser';

export interface TimeBounds {
  atLeast?: number;
  atMost?: number;
}

const MS = wholeNumber(1, MAX_WITHIN_MS);

/** Reads `owner[key]` as bounds; undefined when it is left out or wrong (a problem is kept then). */
export function parseBounds(p: Parser, owner: Fields, key: string, what: string): TimeBounds | undefined {
  const value = p.mapping(owner, key, what, ['atLeast', 'atMost']);
  if (!value) return undefined;
  const at = `'${key}' of ${what}`;
  const bounds: TimeBounds = { atLeast: p.number(value, 'atLeast', at, MS), atMost: p.number(value, 'atMost', at, MS) };
  if (bounds.atLeast === undefined && bounds.atMost === undefined) return p.fail(owner, key, `${at} needs atLeast or atMost (milliseconds)`);
  if (bounds.atLeast !== undefined && bounds.atMost !== undefined && bounds.atLeast >= bounds.atMost) return p.fail(owner, key, `${at}: atLeast (${bounds.atLeast}) must be below atMost (${bounds.atMost})`);
  return bounds;
}

export function describeBounds(b: TimeBounds): string {
  if (b.atLeast !== undefined && b.atMost !== undefined) return `between ${b.atLeast} and ${b.atMost} ms`;
  return b.atLeast !== undefined ? `at least ${b.atLeast} ms` : `at most ${b.atMost} ms`;
}

/** Undefined when `ms` is within the bounds, else why not in words. */
export function outsideBounds(ms: number, b: TimeBounds): string | undefined {
  if (b.atLeast !== undefined && ms < b.atLeast) return `took ${ms.toFixed(1)} ms, expected at least ${b.atLeast} ms`;
  if (b.atMost !== undefined && ms > b.atMost) return `took ${ms.toFixed(1)} ms, expected at most ${b.atMost} ms`;
  return undefined;
}
