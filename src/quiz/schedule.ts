/**
 * Spaced review with FSRS (the npm package ts-fsrs, of the Open Spaced Repetition project: the
 * scheduler Anki ships, MIT, typed, no dependencies). Every answered item gets a card; a right
 * answer pushes it further out, a wrong one brings it back the next day. Days, not minutes: no
 * learning steps, and no fuzz, so the same answers always give the same dates. Pure: no `vscode`.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';
import { RIGHT_DAYS_KEPT, type ReviewRecord } from '../progress/state';

/** The scheduler's parameters: 90% recall wanted at review time, at most a year between reviews. */
export const SCHEDULER = { requestRetention: 0.9, maximumIntervalDays: 365 } as const;

const scheduler = fsrs(
  generatorParameters({
    request_retention: SCHEDULER.requestRetention,
    maximum_interval: SCHEDULER.maximumIntervalDays,
    enable_fuzz: false,
    enable_short_term: false,
    learning_steps: [],
    relearning_steps: [],
  }),
);

/** How the learner did: a graded item is right (3) or wrong (1); an open question also partly (2). */
export type Outcome = 1 | 2 | 3;
export const OUTCOME = { notYet: 1, partly: 2, knewIt: 3 } as const satisfies Record<string, Outcome>;

const RATING: Record<Outcome, Grade> = { 1: Rating.Again, 2: Rating.Hard, 3: Rating.Good };

/** The learner's calendar day of a time (YYYY-MM-DD), in the time zone offset given (minutes east of UTC). */
export function dayOf(at: Date, offsetMinutes = -at.getTimezoneOffset()): string {
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The record after one answer at `now`: the next due date, and the day kept when it was right. */
export function review(previous: ReviewRecord | undefined, outcome: Outcome, now: Date, offsetMinutes?: number): ReviewRecord {
  const card: Card = previous ? toCard(previous) : createEmptyCard(now);
  const next = scheduler.next(card, now, RATING[outcome]).card;
  const days = outcome === OUTCOME.knewIt ? [...new Set([...(previous?.rightOn ?? []), dayOf(now, offsetMinutes)])].sort().slice(-RIGHT_DAYS_KEPT) : previous?.rightOn ?? [];
  return {
    due: next.due.toISOString(),
    stability: next.stability,
    difficulty: next.difficulty,
    reps: next.reps,
    lapses: next.lapses,
    state: next.state,
    lastAt: now.toISOString(),
    lastRating: outcome,
    ...(days.length ? { rightOn: days } : {}),
  };
}

function toCard(r: ReviewRecord): Card {
  const last = new Date(r.lastAt);
  const due = new Date(r.due);
  const scheduled = Math.max(0, Math.round((due.getTime() - last.getTime()) / 86_400_000));
  return { due, stability: r.stability, difficulty: r.difficulty, elapsed_days: 0, scheduled_days: scheduled, reps: r.reps, lapses: r.lapses, learning_steps: 0, state: r.state, last_review: last };
}
