import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildDashboard } from '../../src/dashboard/model';
import { parseWebviewMessage } from '../../src/lesson/protocol';
import { buildLessonView } from '../../src/lesson/view';
import { checksInWords } from '../../src/practice/checkWords';
import { readHintFiles } from '../../src/practice/hintFiles';
import { parseIdeaHints } from '../../src/practice/hints';
import { buildMilestoneView } from '../../src/practice/milestoneView';
import { BUILTIN_ROADMAP_ID, ProgressStore } from '../../src/progress/store';
import { RoadmapIndex } from '../../src/roadmap/model';
import { diskReader } from '../../src/roadmap/nodeFs';
import { readRoadmap } from '../../src/roadmap/validate';
import { readCheckFiles } from '../../src/verify/files';
import { MemoryMemento } from './helpers/memento';

const root = path.resolve(__dirname, '../../..');
const roadmap = readRoadmap(path.join(root, 'roadmap', 'backend', 'roadmap.yaml'), diskReader).roadmap!;
const index = new RoadmapIndex(roadmap);
const { checks } = readCheckFiles(path.join(root, 'roadmap', 'verify'), roadmap.projects);
const shortener = roadmap.projects.find((p) => p.id === 'url-shortener')!;
const stacksOf = (idea: string) => fs.readdirSync(path.join(root, 'roadmap', 'starters', idea)).sort();
const R = BUILTIN_ROADMAP_ID;

describe('practice: hints as data', () => {
  it('every idea with checks has two or three hints for every milestone after the baseline and every stack, and lint finds no problem', () => {
    const { hints, problems } = readHintFiles(path.join(root, 'roadmap', 'hints'), roadmap.projects, stacksOf);
    assert.deepStrictEqual(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`), []);
    for (const idea of Object.keys(checks)) {
      const milestones = roadmap.projects.find((p) => p.id === idea)!.milestones.slice(1);
      for (const m of milestones) for (const stack of stacksOf(idea)) {
        const list = hints[idea]?.[m.id]?.[stack];
        assert.ok(list && list.length >= 2 && list.length <= 3, `${idea}/${m.id}/${stack}: ${list?.length ?? 0} hints`);
      }
    }
  });

  const rules = { milestoneIds: ['baseline', 'validation', 'stats'], stacks: ['ts', 'go'] };
  const two = ['The idea.', 'Where to look.'];
  const problems = (raw: unknown) => parseIdeaHints(raw, 'url-shortener', rules).problems.map((p) => `${p.path.join('.')}: ${p.message}`);

  it('says what is missing or wrong, at its path', () => {
    assert.deepStrictEqual(problems({ idea: 'url-shortener', milestones: { validation: { ts: two, go: two }, stats: { ts: two, go: two } } }), []);
    assert.deepStrictEqual(problems({ idea: 'url-shortener', milestones: { validation: { ts: two, go: two } } }), ["milestones: milestone 'stats' has no hints: add two or three for each of ts, go"]);
    assert.deepStrictEqual(problems({ idea: 'url-shortener', milestones: { validation: { ts: two }, stats: { ts: two, go: two } } }), ["milestones.validation: milestone 'validation' has no hints for go"]);
    assert.deepStrictEqual(problems({ idea: 'url-shortener', milestones: { validation: { ts: ['one'], go: two, rust: two }, stats: { ts: two, go: two } } }), [
      'milestones.validation.ts: the ts hints of \'validation\': give 2 or 3 hints (the idea, where to look, a fragment), not 1',
      "milestones.validation.rust: 'rust' has no starter for this idea (its stacks: ts, go)",
    ]);
    assert.deepStrictEqual(problems({ idea: 'url-shortener', milestones: { validation: { ts: two, go: two }, stats: { ts: two, go: two }, cache: { ts: two } } }), ["milestones.cache: 'cache' is not a milestone of url-shortener (its milestones: baseline, validation, stats)"]);
  });

  it('refuses a fragment that is the whole solution, and HTML', () => {
    const long = ['The idea.', 'Where.', '```ts\n' + Array.from({ length: 16 }, (_, i) => `const a${i} = ${i};`).join('\n') + '\n```'];
    const html = ['The idea.', 'Where: <script>alert(1)</script>'];
    assert.deepStrictEqual(problems({ idea: 'url-shortener', milestones: { validation: { ts: long, go: html }, stats: { ts: two, go: two } } }), [
      "milestones.validation.ts.2: hint 3 of the ts hints of 'validation' has a code block of 16 lines: a hint shows a fragment of at most 15, not the solution",
      "milestones.validation.go.1: hint 2 of the go hints of 'validation' holds HTML: write Markdown only",
    ]);
    // In code, angle brackets are code.
    assert.deepStrictEqual(problems({ idea: 'url-shortener', milestones: { validation: { ts: ['Use `Map<string, number>`.', '```ts\nconst m = new Map<string, number>();\n```'], go: two }, stats: { ts: two, go: two } } }), []);
  });

  it('finds a hints file with a syntax error at its line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-hints-'));
    fs.writeFileSync(path.join(dir, 'url-shortener.yaml'), 'idea: url-shortener\nmilestones:\n  validation: [\n');
    const { problems: found } = readHintFiles(dir, roadmap.projects, stacksOf);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.strictEqual(found.length, 1);
    assert.match(`${found[0].file}:${found[0].line}`, /url-shortener\.yaml:[34]/);
  });
});

describe('practice: the milestone page', () => {
  it('says how each check tests the milestone, from the check data, with placeholders for what a run makes up', () => {
    const words = checksInWords(checks['url-shortener'].milestones.validation);
    assert.strictEqual(words.length, checks['url-shortener'].milestones.validation.length);
    const space = words.find((c) => c.name === 'a URL with a space answers 400')!;
    assert.deepStrictEqual(space.steps, [{ sent: 'POST /links {"url":"https://example.com/a b/…"}', expected: 'status 400, JSON {"error":"<string>"}' }]);
    const encoded = words.find((c) => c.name.startsWith('a URL with an encoded space'))!;
    assert.match(encoded.steps[1].sent, /^GET \/‹code›$/);
    // Every step kind says itself in words.
    for (const idea of Object.values(checks)) for (const list of Object.values(idea.milestones)) for (const c of checksInWords(list)) for (const s of c.steps) assert.ok(s.sent && s.expected, `${idea.idea}: ${c.name}`);
  });

  const base = {
    idea: shortener,
    milestoneId: 'validation',
    roadmapId: R,
    checks: checks['url-shortener'].milestones.validation,
    nodeTitle: (id: string) => index.node(id)?.title,
    statusOf: () => 'todo' as const,
    peeked: () => false,
    verifiedBy: () => undefined,
    practice: {},
    hints: { ts: ['<p>one</p>', '<p>two</p>', '<p>three</p>'], python: ['<p>uno</p>', '<p>dos</p>'] },
    reference: true,
  };

  it('opens only as many hints as the learner asked for, for the project\'s stack', () => {
    assert.deepStrictEqual(buildMilestoneView(base).hints, { opened: [], total: 3, stack: 'ts' });
    assert.deepStrictEqual(buildMilestoneView({ ...base, practice: { hints: 2 }, project: { folder: 'p', stack: 'python' } }).hints, { opened: ['<p>uno</p>', '<p>dos</p>'], total: 2, stack: 'python' });
    const java = buildMilestoneView({ ...base, practice: { hints: 1 }, project: { folder: 'p', stack: 'java' } }).hints;
    assert.deepStrictEqual(java, { opened: ['<p>one</p>'], total: 3, stack: 'ts', note: 'There are no hints written for java; these are for ts.' });
  });

  it('shows verified only when every topic of the milestone carries its key, and peeked when that came after a look', () => {
    const at = { 'url-shortener/validation': '2026-12-04T10:00:00.000Z' };
    const view = (peekedAt?: string) => buildMilestoneView({ ...base, verifiedBy: () => at, practice: peekedAt ? { peekedAt } : {} });
    assert.deepStrictEqual([view().verified, view().peeked], [true, false]);
    assert.deepStrictEqual([view('2026-12-04T09:00:00.000Z').verified, view('2026-12-04T09:00:00.000Z').peeked], [true, true]);
    assert.strictEqual(view('2026-12-04T11:00:00.000Z').peeked, false, 'a look after the pass leaves the pass as it was');
    const page = buildMilestoneView(base);
    assert.deepStrictEqual([page.position, page.count, page.previous?.id, page.next?.id], [2, 5, 'baseline', 'stats']);
    assert.deepStrictEqual(page.nodes.map((n) => n.id), ['json-apis', 'owasp-risks']);
  });

  it('accepts only the page\'s own actions and milestones with checks', () => {
    const known = { knownNode: () => true, knownProject: () => true, knownMilestone: (p: string, m: string) => p === 'url-shortener' && m === 'stats', showsMilestone: true };
    assert.deepStrictEqual(parseWebviewMessage({ type: 'milestoneAction', action: 'hint' }, known), { type: 'milestoneAction', action: 'hint' });
    assert.strictEqual(parseWebviewMessage({ type: 'milestoneAction', action: 'rm -rf' }, known), undefined);
    assert.strictEqual(parseWebviewMessage({ type: 'milestoneAction', action: 'hint' }, { ...known, showsMilestone: false }), undefined, 'a lesson page has no milestone actions');
    assert.deepStrictEqual(parseWebviewMessage({ type: 'openMilestone', projectId: 'url-shortener', milestoneId: 'stats' }, known), { type: 'openMilestone', projectId: 'url-shortener', milestoneId: 'stats' });
    assert.strictEqual(parseWebviewMessage({ type: 'openMilestone', projectId: 'url-shortener', milestoneId: 'nope' }, known), undefined);
  });
});

describe('practice: hints opened and peeks, in the progress store', () => {
  let t = Date.parse('2026-12-04T10:00:00.000Z');
  const now = () => new Date((t += 1000));
  const key = 'url-shortener/validation';

  it('keeps the hints opened (never fewer) and the first peek', async () => {
    const store = new ProgressStore(new MemoryMemento(), now);
    await store.openHints(R, key, 2);
    await store.openHints(R, key, 1);
    await store.markPeeked(R, key);
    const first = store.practice(R, key).peekedAt;
    await store.markPeeked(R, key);
    assert.deepStrictEqual(store.practice(R, key), { hints: 2, peekedAt: first });
  });

  it('marks a topic peeked only when every milestone that verified it passed after a look at the reference', async () => {
    const store = new ProgressStore(new MemoryMemento(), now);
    await store.markVerified(R, ['json-apis'], key);
    await store.markPeeked(R, key);
    assert.strictEqual(store.peeked(R, 'json-apis'), false, 'passed before the look');
    await store.markPeeked(R, 'url-shortener/stats');
    await store.markVerified(R, ['postgresql'], 'url-shortener/stats');
    assert.strictEqual(store.peeked(R, 'postgresql'), true);
    assert.strictEqual(store.displayStatus(R, 'postgresql'), 'verified', 'still verified, with a mark');
    const d = buildDashboard(index, { statusOf: (id) => store.displayStatus(R, id), peeked: (id) => store.peeked(R, id), weeklyHours: 20, today: new Date('2026-12-04'), signals: {} });
    assert.deepStrictEqual([d.verified, d.peeked], [1, 1], 'the dashboard counts them apart');
    const lesson = (id: string) => buildLessonView(index, id, { statusOf: (n) => store.displayStatus(R, n), peeked: (n) => store.peeked(R, n), html: () => '', hasNotes: () => false, order: index.order, hasStarter: () => true });
    assert.deepStrictEqual([lesson('postgresql').status, lesson('postgresql').peeked], ['verified', true], 'the lesson page marks it');
    assert.strictEqual(lesson('json-apis').peeked, false);
  });

  it('exports and imports them with the rest, merging the most hints and the first peek', async () => {
    const a = new ProgressStore(new MemoryMemento(), now);
    await a.openHints(R, key, 1);
    await a.markPeeked(R, key);
    const b = new ProgressStore(new MemoryMemento(), now);
    await b.openHints(R, key, 3);
    const summary = await b.importJson(a.exportJson());
    assert.ok(summary.changed.length > 0);
    assert.deepStrictEqual(b.practice(R, key), { hints: 3, peekedAt: a.practice(R, key).peekedAt });
    // Unknown keys and broken entries are kept out, nothing else is lost.
    const raw = JSON.parse(a.exportJson());
    raw.roadmaps[R].practice['some-idea/gone'] = { hints: 'many' };
    const c = new ProgressStore(new MemoryMemento(), now);
    await c.importJson(JSON.stringify(raw));
    assert.deepStrictEqual(c.practice(R, key), a.practice(R, key));
    assert.deepStrictEqual(c.practice(R, 'some-idea/gone'), {});
  });
});
