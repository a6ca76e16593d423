/** Grading a learner's answer to a graded item, the same in the lesson page, the review and the CLI. Pure. */
import { normalizeAnswer, type ItemKind } from './items';

/** What grading needs of an item, as written (items.ts) or compiled (compiled.ts): which choices are right, or the answers accepted. */
export interface Gradable {
  kind: ItemKind;
  choices?: readonly { correct: boolean }[];
  accept?: readonly string[];
}

/** What the learner gave: the indexes of the choices picked, or the text typed. */
export type Response = { picked: number[] } | { typed: string };

/** Right when a single choice picks the one right choice, a multiple choice exactly the right ones, an exact answer one accepted. */
export function grade(item: Gradable, response: Response): boolean {
  if (item.kind === 'exact') return 'typed' in response && (item.accept ?? []).some((a) => normalizeAnswer(a) === normalizeAnswer(response.typed));
  if (!('picked' in response)) return false;
  const right = (item.choices ?? []).flatMap((c, i) => (c.correct ? [i] : []));
  const picked = [...new Set(response.picked)].sort((a, b) => a - b);
  if (item.kind === 'single' && picked.length !== 1) return false;
  return picked.length === right.length && picked.every((p, i) => p === right[i]);
}
