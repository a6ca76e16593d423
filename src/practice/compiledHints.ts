/** The compiled hints (dist/hints.json: idea, milestone, stack, then the hints as HTML), read without YAML. */
import * as fs from 'fs';
import * as path from 'path';

export const HINTS_JSON = 'hints.json';

/** Idea to milestone to stack to the hints' HTML, in the order they open. */
export type CompiledHints = Record<string, Record<string, Record<string, string[]>>>;

/** The compiled hints; a file that is missing or not of this shape gives none (the page then offers none). */
export function loadCompiledHints(distDir: string): CompiledHints {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(distDir, HINTS_JSON), 'utf8'));
  } catch {
    return {};
  }
  const out: CompiledHints = {};
  const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(raw)) return out;
  for (const [idea, milestones] of Object.entries(raw)) {
    if (!isObject(milestones)) continue;
    for (const [milestone, stacks] of Object.entries(milestones)) {
      if (!isObject(stacks)) continue;
      for (const [stack, list] of Object.entries(stacks)) {
        if (Array.isArray(list) && list.every((h) => typeof h === 'string')) ((out[idea] ??= {})[milestone] ??= {})[stack] = list as string[];
      }
    }
  }
  return out;
}
