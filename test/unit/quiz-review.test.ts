import * as assert from 'assert';
import { dueByTopic, dueCount, mergeStates, parseState, type ReviewRecord } from '../../src/progress/state';
import { PROGRESS_KEY, ProgressStore } from '../../src/progress/store';
import { MemoryMemento } from './helpers/memento';
import { grade } from '../../src/quiz/grade';
import type { QuizItem } from '../../src/quiz/items';
import { dayOf, OUTCOME, review, SCHEDULER } from '../../src/quiz/schedule';
import { isDue, topicReview } from '../../src/quiz/status';

const at = (iso: string) => new Date(iso);
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

describe('quiz: grading an answer', () => {
  const single: QuizItem = { id: 's', kind: 'single', prompt: 'p', choices: [{ text: 'a', correct: true, why: '' }, { text: 'b', correct: false, why: '' }, { text: 'c', correct: false, why: '' }] };
  const multiple: QuizItem = { id: 'm', kind: 'multiple', prompt: 'p', choices: [{ text: 'a', correct: true, why: '' }, { text: 'b', correct: true, why: '' }, { text: 'c', correct: false, why: '' }] };
  const exact: QuizItem = { id: 'e', kind: 'exact', prompt: 'p', accept: ['429', 'Too Many Requests'], why: '' };

  it('a single choice is right with the one right choice only', () => {
    assert.strictEqual(grade(single, { picked: [0] }), true);
    assert.strictEqual(grade(single, { picked: [1] }), false);
    assert.strictEqual(grade(single, { picked: [0, 1] }), false);
    assert.strictEqual(grade(single, { picked: [] }), false);
    assert.strictEqual(grade(single, { typed: 'a' }), false);
  });

  it('a multiple choice is right with exactly the right choices, in any order', () => {
    assert.strictEqual(grade(multiple, { picked: [1, 0] }), true);
    assert.strictEqual(grade(multiple, { picked: [0] }), false, 'one right choice missing');
    assert.strictEqual(grade(multiple, { picked: [0, 1, 2] }), false, 'a wrong one picked too');
  });

  it('an exact answer is right without case or outer space, and only as accepted', () => {
    assert.strictEqual(grade(exact, { typed: ' 429 ' }), true);
    assert.strictEqual(grade(exact, { typed: 'too  many requests' }), true);
    assert.strictEqual(grade(exact, { typed: '4290' }), false);
    assert.strictEqual(grade(exact, { picked: [0] }), false);
  });
});

describe('quiz: spaced review (FSRS)', () => {
  it('a right answer comes back days later, further each time; a wrong one within two days', () => {
    const t0 = '2026-12-01T09:00:00.000Z';
    const first = review(undefined, OUTCOME.knewIt, at(t0), 0);
    assert.strictEqual(days(t0, first.due), 3);
    assert.deepStrictEqual(first.rightOn, ['2026-12-01']);
    const second = review(first, OUTCOME.knewIt, at(first.due), 0);
    assert.ok(days(first.due, second.due) > 3, `the second interval (${days(first.due, second.due)} days) is longer`);
    assert.deepStrictEqual(second.rightOn, ['2026-12-01', '2026-12-04']);
    const lapse = review(second, OUTCOME.notYet, at(second.due), 0);
    assert.strictEqual(lapse.lapses, 1);
    assert.ok(days(second.due, lapse.due) >= 1 && days(second.due, lapse.due) <= 2, `a lapse comes back in ${days(second.due, lapse.due)} days`);
    assert.ok(lapse.stability < second.stability);
    assert.deepStrictEqual(lapse.rightOn, second.rightOn, 'a wrong answer keeps the days it was right');
    // The same answers always give the same dates (no fuzz).
    assert.deepStrictEqual(review(undefined, OUTCOME.knewIt, at(t0), 0), first);
    assert.strictEqual(days(t0, review(undefined, OUTCOME.notYet, at(t0), 0).due), 1);
    assert.ok(days(t0, review(undefined, OUTCOME.partly, at(t0), 0).due) <= days(t0, first.due));
    assert.deepStrictEqual(SCHEDULER, { requestRetention: 0.9, maximumIntervalDays: 365 });
  });

  it('counts the learner\'s calendar day, not UTC\'s', () => {
    assert.strictEqual(dayOf(at('2026-12-01T23:30:00Z'), 120), '2026-12-02');
    assert.strictEqual(dayOf(at('2026-12-01T00:30:00Z'), -300), '2026-11-30');
  });

  it('a topic is checked once every graded item was right on two different days', () => {
    const t0 = at('2026-12-01T09:00:00Z');
    let a = review(undefined, OUTCOME.knewIt, t0, 0);
    const b = review(undefined, OUTCOME.knewIt, t0, 0);
    const reviews = (x: ReviewRecord, y: ReviewRecord) => ({ 'http/a': x, 'http/b': y });
    assert.deepStrictEqual(topicReview('http', ['a', 'b'], 2, reviews(a, b), t0), { answered: 2, due: 0, checked: false });
    // Right again the same day: still one day.
    a = review(a, OUTCOME.knewIt, at('2026-12-01T18:00:00Z'), 0);
    assert.strictEqual(topicReview('http', ['a', 'b'], 2, reviews(a, b), t0).checked, false);
    const later = at(a.due);
    const a2 = review(a, OUTCOME.knewIt, later, 0);
    assert.strictEqual(topicReview('http', ['a', 'b'], 2, reviews(a2, b), later).checked, false, 'b was right on one day only');
    const b2 = review(b, OUTCOME.knewIt, later, 0);
    assert.strictEqual(topicReview('http', ['a', 'b'], 2, reviews(a2, b2), later).checked, true);
    // Due counts what has come due; a topic without graded items is never checked.
    assert.strictEqual(topicReview('http', ['a', 'b'], 2, reviews(a, b), later).due, 2);
    assert.strictEqual(topicReview('http', [], 2, {}, later).checked, false);
  });

  it('counts the items due per topic in one pass, the same as topic by topic', () => {
    const now = at('2026-12-10T00:00:00Z');
    const r = (due: string): ReviewRecord => ({ due, stability: 1, difficulty: 5, reps: 1, lapses: 0, state: 2, lastAt: '2026-12-01T00:00:00Z', lastRating: 3 });
    const reviews = { 'a/x': r('2026-12-05T00:00:00Z'), 'a/q1': r('2026-12-06T00:00:00Z'), 'b/y': r('2026-12-02T00:00:00Z'), 'c/z': r('2026-12-20T00:00:00Z'), 'gone/w': r('2026-12-01T00:00:00Z') };
    assert.deepStrictEqual([...dueByTopic(reviews, now)], [['a', 2], ['b', 1], ['gone', 1]]);
    for (const topic of ['a', 'b', 'c', 'gone']) assert.strictEqual(dueByTopic(reviews, now).get(topic) ?? 0, dueCount(topic, reviews, now), topic);
    assert.strictEqual(isDue(r('2026-12-10T00:00:00Z'), now), true);
  });
});

describe('progress: review state in the versioned store', () => {
  const record: ReviewRecord = { due: '2026-12-04T09:00:00.000Z', stability: 2.3, difficulty: 5, reps: 1, lapses: 0, state: 2, lastAt: '2026-12-01T09:00:00.000Z', lastRating: 3, rightOn: ['2026-12-01'] };

  it('reads version 2 as version 3 with no review state, and keeps review state of unknown ids', () => {
    const v2 = parseState({ version: 2, roadmaps: { backend: { nodes: { dns: { status: 'done', updatedAt: '2026-01-01T00:00:00Z' } } } } }, 'the state');
    assert.strictEqual(v2.problem, undefined);
    assert.strictEqual(v2.state.version, 3);
    assert.strictEqual(v2.state.roadmaps.backend.review, undefined);
    const v3 = parseState({ version: 3, roadmaps: { backend: { nodes: {}, review: { 'retired-topic/x': record, 'dns/bad': { due: 'soon' } } } } }, 'the state');
    assert.deepStrictEqual(v3.state.roadmaps.backend.review, { 'retired-topic/x': record });
  });

  it('merges an import: the later answer\'s schedule, the right days of both', () => {
    const base = parseState({ version: 3, roadmaps: { backend: { nodes: {}, review: { 'dns/a': record } } } }, 'base').state;
    const newer = { ...record, lastAt: '2026-12-04T09:00:00.000Z', due: '2026-12-18T09:00:00.000Z', reps: 2, rightOn: ['2026-12-04'] };
    const merged = mergeStates(base, parseState({ version: 3, roadmaps: { backend: { nodes: {}, review: { 'dns/a': newer, 'tls/b': record } } } }, 'incoming').state);
    assert.deepStrictEqual(merged.state.roadmaps.backend.review?.['dns/a'], { ...newer, rightOn: ['2026-12-01', '2026-12-04'] });
    assert.deepStrictEqual(merged.state.roadmaps.backend.review?.['tls/b'], record);
    assert.deepStrictEqual(merged.summary.changed, [{ roadmapId: 'backend', nodeIds: ['dns', 'tls'] }], 'the topics whose answers changed');
  });

  it('saves answers under the topic, tells listeners which topic changed, and carries them through export and import', async () => {
    const m = new MemoryMemento();
    const store = new ProgressStore(m, () => new Date('2026-12-01T09:00:00Z'));
    const seen: string[][] = [];
    store.onDidChange((c) => seen.push(c.nodeIds));
    await store.recordReviews('backend', 'dns', { 'dns/a': record });
    assert.deepStrictEqual(seen, [['dns']]);
    assert.deepStrictEqual(store.reviews('backend'), { 'dns/a': record });
    assert.strictEqual(m.get<{ version: number }>(PROGRESS_KEY)!.version, 3);
    const other = new ProgressStore(new MemoryMemento(), () => new Date('2026-12-02T09:00:00Z'));
    await other.importJson(store.exportJson());
    assert.deepStrictEqual(other.reviews('backend'), { 'dns/a': record });
  });
});

describe('lesson page: Check yourself, graded by the extension', () => {
  it('shows no right answer before the learner answers, then grades and schedules, refusing unknown items and choices', async () => {
    const { buildQuizView, answerItem, rateQuestion } = await import('../../src/lesson/quizView');
    const quiz = {
      questions: ['<p>Why?</p>'],
      answers: ['<p>Because.</p>'],
      items: [
        { id: 'pick', kind: 'single' as const, prompt: '<p>Which?</p>', choices: [{ html: 'a', correct: false, why: 'no' }, { html: 'b', correct: true, why: 'yes' }, { html: 'c', correct: false, why: 'no' }] },
        { id: 'type', kind: 'exact' as const, prompt: '<p>Port?</p>', accept: ['53'], why: '<p>DNS.</p>' },
      ],
    };
    const now = at('2026-12-01T09:00:00Z');
    const view = buildQuizView('dns', quiz, {}, now);
    assert.ok(!JSON.stringify(view.items).includes('correct') && !JSON.stringify(view.items).includes('53'), 'the page gets no answers up front');
    assert.deepStrictEqual(view.summary, { answered: 0, due: 0, checked: false, total: 3, dueIds: [] });
    const wrong = answerItem('dns', quiz, 'pick', { picked: [0] }, {}, now)!;
    assert.strictEqual(wrong.graded.right, false);
    assert.deepStrictEqual(wrong.graded.choices?.map((c) => c.correct), [false, true, false]);
    assert.deepStrictEqual(Object.keys(wrong.record), ['dns/pick']);
    assert.strictEqual(days(now.toISOString(), wrong.graded.due), 1, 'a wrong answer comes back tomorrow');
    const right = answerItem('dns', quiz, 'type', { typed: '53' }, {}, now)!;
    assert.deepStrictEqual([right.graded.right, right.graded.accept, right.graded.why], [true, ['53'], '<p>DNS.</p>']);
    assert.strictEqual(answerItem('dns', quiz, 'nope', { typed: '53' }, {}, now), undefined);
    assert.strictEqual(answerItem('dns', quiz, 'pick', { picked: [3] }, {}, now), undefined, 'a choice the item does not have');
    assert.deepStrictEqual(Object.keys(rateQuestion('dns', quiz, 1, OUTCOME.partly, {}, now)!), ['dns/q1']);
    assert.strictEqual(rateQuestion('dns', quiz, 2, OUTCOME.partly, {}, now), undefined);
    const after = buildQuizView('dns', quiz, { ...wrong.record, ...right.record }, at('2026-12-02T10:00:00Z'));
    assert.deepStrictEqual(after.summary, { answered: 2, due: 1, checked: false, total: 3, dueIds: ['pick'] });
  });
});

describe('progress: a topic checked by its quiz', () => {
  const right = (days: string[]): ReviewRecord => ({ due: '2026-12-20T00:00:00.000Z', stability: 5, difficulty: 5, reps: days.length, lapses: 0, state: 2, lastAt: '2026-12-05T00:00:00.000Z', lastRating: 3, rightOn: days });

  it('shows as checked once every item was right on two days, apart from verified, and never over skipped', async () => {
    const store = new ProgressStore(new MemoryMemento(), () => new Date('2026-12-05T09:00:00Z'));
    store.useQuizItems((roadmapId, id) => (roadmapId === 'backend' && id === 'dns' ? ['a', 'b'] : undefined));
    await store.recordReviews('backend', 'dns', { 'dns/a': right(['2026-12-01', '2026-12-04']), 'dns/b': right(['2026-12-04']) });
    assert.strictEqual(store.displayStatus('backend', 'dns'), 'todo', 'b was right on one day only');
    await store.recordReviews('backend', 'dns', { 'dns/b': right(['2026-12-02', '2026-12-04']) });
    assert.strictEqual(store.displayStatus('backend', 'dns'), 'checked');
    await store.setStatus('backend', 'dns', 'skipped');
    assert.strictEqual(store.displayStatus('backend', 'dns'), 'skipped');
    await store.markVerified('backend', ['dns'], 'idea/m');
    assert.strictEqual(store.displayStatus('backend', 'dns'), 'verified');
    // A topic without graded items, and the same keys under another roadmap, are never checked.
    assert.strictEqual(store.displayStatus('backend', 'tls'), 'todo');
    assert.strictEqual(store.dueCount('backend', 'dns', new Date('2026-12-21T00:00:00Z')), 2);
    assert.strictEqual(store.dueCount('backend', 'dns', new Date('2026-12-19T00:00:00Z')), 0);
  });
});
