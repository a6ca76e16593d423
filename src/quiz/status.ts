/**
 * What review state says about a topic, without the scheduler (so the tree and the status bar can
 * count at start without loading it): items due, and whether the topic is checked. Pure.
 */
import { isDue, isQuizChecked, type ReviewRecord } from '../progress/state';

export { isDue };

export function itemKey(topicId: string, itemId: string): string {
  return `${topicId}/${itemId}`;
}

/** The key of a lesson's self-check question n (1-based), reviewed like an item. */
export function questionKey(topicId: string, n: number): string {
  return `${topicId}/q${n}`;
}


export interface TopicReview {
  /** Graded items and self-check questions answered at least once. */
  answered: number;
  /** Of those, due again now. */
  due: number;
  /** Every graded item right on CHECKED_DAYS different days. */
  checked: boolean;
}

/**
 * A topic's review state: `items` are its graded item ids, `questions` how many self-check
 * questions it asks. A topic with no graded items is never checked.
 */
export function topicReview(topicId: string, items: readonly string[], questions: number, reviews: Readonly<Record<string, ReviewRecord>>, now: Date): TopicReview {
  const keys = [...items.map((id) => itemKey(topicId, id)), ...Array.from({ length: questions }, (_, i) => questionKey(topicId, i + 1))];
  const records = keys.map((k) => reviews[k]).filter((r): r is ReviewRecord => r !== undefined);
  const checked = isQuizChecked(topicId, items, reviews);
  return { answered: records.length, due: records.filter((r) => isDue(r, now)).length, checked };
}
