import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ReviewRecord } from '../../src/progress/state';
import type { CompiledQuiz } from '../../src/quiz/compiled';
import { CustomRoadmapLoader } from '../../src/roadmaps/loader';
import { readCustomRoadmap } from '../../src/roadmaps/readFile';
import { readRoadmap } from '../../src/roadmap/validate';
import { parseReviewMessage } from '../../src/review/protocol';
import { ReviewSession, type SessionRoadmap } from '../../src/review/session';

const root = path.resolve(__dirname, '../../..');
const NOW = new Date('2026-12-05T12:00:00.000Z');
const record = (due: string): ReviewRecord => ({ due, stability: 3, difficulty: 5, reps: 1, lapses: 0, state: 2, lastAt: '2026-12-01T12:00:00.000Z', lastRating: 3, rightOn: ['2026-12-01'] });
const YESTERDAY = record('2026-12-04T12:00:00.000Z');
const TOMORROW = record('2026-12-06T12:00:00.000Z');

const choice = (html: string, correct = false) => ({ html, correct, why: `<p>why ${html}</p>` });
const quiz = (ids: string[], questions = 2): CompiledQuiz => ({
  questions: Array.from({ length: questions }, (_, i) => `<p>Question ${i + 1}?</p>`),
  answers: Array.from({ length: questions }, (_, i) => `<p>Answer ${i + 1}.</p>`),
  items: ids.map((id) => ({ id, kind: 'single' as const, prompt: `<p>${id}?</p>`, choices: [choice('a', true), choice('b'), choice('c')] })),
});

function roadmap(id: string, order: string[], quizzes: Record<string, CompiledQuiz>, reviews: Record<string, ReviewRecord>): SessionRoadmap {
  return { id, title: id.toUpperCase(), order, nodeTitle: (n) => `Title of ${n}`, quiz: (n) => quizzes[n], reviews };
}

describe('review: one session of what is due in every roadmap', () => {
  const backend = roadmap('backend', ['dns', 'docker', 'redis'], { docker: quiz(['stop-signal', 'port-mapping']), dns: quiz(['ttl']), redis: quiz(['eviction']) }, {
    'docker/stop-signal': YESTERDAY,
    'docker/port-mapping': TOMORROW,
    'docker/q2': YESTERDAY,
    'dns/ttl': YESTERDAY,
    // An item the quiz no longer has: nothing to ask, so the topic is left out.
    'redis/renamed-item': YESTERDAY,
    // A topic the roadmap no longer has.
    'gone/x': YESTERDAY,
  });
  const team = roadmap('team', ['first-api'], { 'first-api': quiz(['created'], 0) }, { 'first-api/created': YESTERDAY });

  it('takes the due items and questions only, topic by topic in each roadmap\'s order', () => {
    const view = new ReviewSession([backend, team], NOW).view();
    assert.deepStrictEqual(view.topics.map((t) => `${t.roadmapId}/${t.nodeId}`), ['backend/dns', 'backend/docker', 'team/first-api']);
    const docker = view.topics[1];
    assert.deepStrictEqual(docker.quiz.items.map((i) => i.id), ['stop-signal'], 'port-mapping is not due until tomorrow');
    assert.deepStrictEqual(docker.quiz.questions.map((q) => q.n), [2], 'question 2 keeps its number, so its rating is saved under q2');
    assert.strictEqual(docker.title, 'Title of docker');
    assert.strictEqual(docker.roadmapTitle, 'BACKEND');
    assert.deepStrictEqual([view.total, view.answered, view.roadmaps], [4, 0, 2]);
    // The page is never told which choice is right before an answer.
    assert.doesNotMatch(JSON.stringify(view.topics.map((t) => t.quiz.items)), /correct|why/);
  });

  it('is empty when nothing is due, and knows only what it shows', () => {
    assert.ok(new ReviewSession([roadmap('backend', ['docker'], { docker: quiz(['a']) }, { 'docker/a': TOMORROW })], NOW).isEmpty);
    const s = new ReviewSession([backend, team], NOW);
    assert.ok(s.hasItem('backend', 'docker', 'stop-signal'));
    assert.ok(!s.hasItem('backend', 'docker', 'port-mapping'), 'not due: not answerable from the review page');
    assert.ok(!s.hasItem('team', 'docker', 'stop-signal'), 'the same node id in another roadmap is another topic');
    assert.ok(s.hasQuestion('backend', 'docker', 2) && !s.hasQuestion('backend', 'docker', 1));
  });

  it('keeps each answer for a redraw; a second answer to an item replaces the first', () => {
    const s = new ReviewSession([backend, team], NOW);
    const graded = (right: boolean) => ({ itemId: 'stop-signal', right, due: '2026-12-06T12:00:00.000Z', choices: [] });
    s.recordGraded('backend', 'docker', graded(false));
    s.recordGraded('backend', 'docker', graded(true));
    s.recordRated('backend', 'docker', 2, '2026-12-09T12:00:00.000Z');
    const view = s.view();
    assert.deepStrictEqual(view.topics[1].graded.map((g) => g.right), [true]);
    assert.deepStrictEqual(view.topics[1].rated, [{ question: 2, due: '2026-12-09T12:00:00.000Z' }]);
    assert.deepStrictEqual([view.total, view.answered], [4, 2]);
  });

  it('refuses any message about what the session does not show', () => {
    const s = new ReviewSession([backend, team], NOW);
    const checks = {
      knownNode: (r: string, n: string) => (r === 'backend' && ['dns', 'docker', 'redis'].includes(n)) || (r === 'team' && n === 'first-api'),
      hasTopic: (r: string, n: string) => s.topic(r, n) !== undefined,
      hasItem: (r: string, n: string, i: string) => s.hasItem(r, n, i),
      hasQuestion: (r: string, n: string, q: number) => s.hasQuestion(r, n, q),
    };
    const parse = (m: unknown) => parseReviewMessage(m, checks);
    assert.deepStrictEqual(parse({ type: 'answerItem', roadmapId: 'backend', nodeId: 'docker', itemId: 'stop-signal', picked: [1] }), { type: 'answerItem', roadmapId: 'backend', nodeId: 'docker', itemId: 'stop-signal', picked: [1] });
    assert.strictEqual(parse({ type: 'answerItem', roadmapId: 'backend', nodeId: 'docker', itemId: 'port-mapping', picked: [0] }), undefined, 'not due');
    assert.strictEqual(parse({ type: 'answerItem', roadmapId: 'backend', nodeId: 'docker', itemId: 'stop-signal', picked: [0], typed: 'x' }), undefined, 'two answers at once');
    assert.strictEqual(parse({ type: 'answerItem', roadmapId: 'team', nodeId: 'docker', itemId: 'stop-signal', picked: [0] }), undefined, 'wrong roadmap');
    assert.strictEqual(parse({ type: 'rateQuestion', roadmapId: 'backend', nodeId: 'docker', question: 1, outcome: 3 }), undefined, 'question 1 is not due');
    assert.strictEqual(parse({ type: 'rateQuestion', roadmapId: 'backend', nodeId: 'docker', question: 2, outcome: 4 }), undefined, 'no such rating');
    assert.ok(parse({ type: 'rateQuestion', roadmapId: 'backend', nodeId: 'docker', question: 2, outcome: 1 }));
    assert.ok(parse({ type: 'openLesson', roadmapId: 'backend', nodeId: 'redis' }), 'a link may lead to any lesson of the roadmap');
    assert.strictEqual(parse({ type: 'openLesson', roadmapId: 'backend', nodeId: 'nope' }), undefined);
    assert.strictEqual(parse({ type: 'openExternal', url: 'javascript:alert(1)' }), undefined);
    assert.strictEqual(parse({ type: 'openExternal', url: 'file:///etc/passwd' }), undefined);
    assert.ok(parse({ type: 'openExternal', url: 'https://example.com/' }));
    assert.strictEqual(parse(['answerItem']), undefined);
    assert.strictEqual(parse({ type: 'setStatus', roadmapId: 'backend', nodeId: 'docker', status: 'done' }), undefined);
  });
});

describe('quizzes in a roadmap of your own', () => {
  const fixture = path.join(root, 'test/fixtures/custom-roadmaps/quiz-answers-count.roadmap.yaml');
  /** The fixture with the missing answer written: a valid roadmap whose node carries a quiz. */
  const valid = () => fs.readFileSync(fixture, 'utf8').replace(/^# expect.*\n/, '').replace('            - 201 says a new resource exists and where. 200 only says the request worked.\n', '            - 201 says a new resource exists and where. 200 only says the request worked.\n            - When the request worked and there is nothing to send back. A DELETE often answers it.\n');

  it('reads the quiz in the format of the built-in quiz files and renders it as lessons are', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'own-quiz-'));
    const file = path.join(dir, 'team.roadmap.yaml');
    fs.writeFileSync(file, valid());
    const loader = new CustomRoadmapLoader(path.join(root, 'dist', 'roadmapWorker.js'));
    try {
      const loaded = (await loader.load(file))!;
      assert.deepStrictEqual(loaded.problems, []);
      const q = loaded.quiz('status-codes')!;
      assert.deepStrictEqual(q.items.map((i) => i.id), ['created', 'not-found', 'retry-after']);
      assert.match(q.items[0].prompt, /^<p>Which status says a POST made a new resource\?<\/p>/);
      assert.deepStrictEqual(q.items[0].choices!.map((c) => c.correct), [true, false, false]);
      assert.deepStrictEqual(q.items[1].accept, ['404']);
      assert.strictEqual(q.questions.length, 2);
      assert.match(q.answers[1], /DELETE/);
      assert.strictEqual(loaded.quiz('nope'), undefined);
      assert.strictEqual(loaded.quiz('constructor'), undefined, 'an id is looked up as data, not on the object');
    } finally {
      loader.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves the answers out for a lesson without a Self-check, and keeps the built-in format\'s quizzes in their files', () => {
    const noSelfCheck = valid().replace(/\n\s*## Self-check[\s\S]*?When is 204 the right answer\?\n/, '\n').replace(/ {10}answers:\n( {12}- .*\n)+/, '');
    assert.deepStrictEqual(readCustomRoadmap('/virtual/team.roadmap.yaml', { reader: { read: () => noSelfCheck } }).problems, []);
    const builtin = readRoadmap('/virtual/roadmap.yaml', { read: () => valid().replace('id: quiz-answers', 'id: other').replace(/^/, '') }, {});
    assert.ok(builtin.problems.some((p) => /unknown key 'quiz' in node/.test(p.message)), builtin.problems.map((p) => p.message).join('\n'));
  });
});
