import * as assert from 'assert';
import * as path from 'path';
import { buildLessonView, lessonUpdates } from '../../src/lesson/view';
import { RoadmapIndex } from '../../src/roadmap/model';
import { diskReader } from '../../src/roadmap/nodeFs';
import { readRoadmap } from '../../src/roadmap/validate';

const index = new RoadmapIndex(readRoadmap(path.resolve(__dirname, '../../../roadmap/backend/roadmap.yaml'), diskReader).roadmap!);
const base = { statusOf: (id: string) => (id === 'what-is-http' ? ('done' as const) : ('todo' as const)), html: () => '<p>x</p>', hasNotes: (id: string) => id === 'dns', order: index.order, hasStarter: (id: string) => id === 'containerized-microservice' };

describe('lesson page view', () => {
  it('carries the node, its section, prerequisites with their status, and notes', () => {
    const v = buildLessonView(index, 'browsers', base);
    assert.strictEqual(v.section, 'Internet fundamentals');
    assert.deepStrictEqual(v.prerequisites, [{ id: 'what-is-http', title: 'What is HTTP', status: 'done' }, { id: 'dns', title: 'DNS and how it works', status: 'todo' }]);
    assert.strictEqual(v.hasNotes, false);
    assert.strictEqual(buildLessonView(index, 'dns', base).hasNotes, true);
  });

  it('links previous and next in the given order, with none past the ends', () => {
    const first = buildLessonView(index, index.order[0], base);
    assert.strictEqual(first.previous, undefined);
    assert.strictEqual(first.next?.id, index.order[1]);
    const last = buildLessonView(index, index.order[index.order.length - 1], base);
    assert.strictEqual(last.next, undefined);
    const custom = buildLessonView(index, 'dns', { ...base, order: ['git', 'dns', 'nginx'] });
    assert.deepStrictEqual([custom.previous?.id, custom.next?.id], ['git', 'nginx']);
  });

  it('lists the project ideas that practise the node', () => {
    const v = buildLessonView(index, 'jwt', base);
    const ids = v.projects.map((p) => p.id);
    assert.ok(ids.includes('task-manager-api'), ids.join());
    const card = v.projects.find((p) => p.id === 'task-manager-api')!;
    assert.strictEqual(card.level, 'intermediate');
    assert.deepStrictEqual(card.milestones[0], { id: 'baseline', title: 'Service runs' });
    assert.strictEqual(card.hasStarter, false);
    assert.strictEqual(buildLessonView(index, 'docker', base).projects.find((p) => p.id === 'containerized-microservice')?.hasStarter, true);
  });

  it('refuses an unknown node', () => {
    assert.throws(() => buildLessonView(index, 'nope', base), /no node 'nope'/);
  });

  it('updates only the status or notes line when nothing else on the page changed', () => {
    const before = buildLessonView(index, 'browsers', base);
    assert.deepStrictEqual(lessonUpdates(before, buildLessonView(index, 'browsers', base)), [], 'the same page: nothing to send');
    const done = buildLessonView(index, 'browsers', { ...base, statusOf: (id) => (id === 'browsers' || id === 'what-is-http' ? 'done' : 'todo') });
    assert.deepStrictEqual(lessonUpdates(before, done), [{ type: 'status', nodeId: 'browsers', status: 'done' }]);
    const noted = buildLessonView(index, 'browsers', { ...base, hasNotes: () => true });
    assert.deepStrictEqual(lessonUpdates(before, noted), [{ type: 'notes', nodeId: 'browsers', hasNotes: true }]);
  });

  it('draws the page anew when a prerequisite, the neighbours or another node changed', () => {
    const before = buildLessonView(index, 'browsers', base);
    const prerequisiteDone = buildLessonView(index, 'browsers', { ...base, statusOf: (id) => (id === 'browsers' || id === 'dns' || id === 'what-is-http' ? 'done' : 'todo') });
    assert.strictEqual(lessonUpdates(before, prerequisiteDone), undefined, 'the prerequisite\'s status shows on the page too');
    assert.strictEqual(lessonUpdates(before, buildLessonView(index, 'dns', base)), undefined);
    assert.strictEqual(lessonUpdates(before, buildLessonView(index, 'browsers', { ...base, order: ['git', 'browsers'] })), undefined);
  });

  it('says why a topic is optional, and which language is chosen where the choice applies', () => {
    const local = new RoadmapIndex(readRoadmap(path.resolve(__dirname, '../../../roadmap/backend/roadmap.yaml'), diskReader).roadmap!);
    const mssql = buildLessonView(local, 'ms-sql-server', { ...base, languages: true });
    assert.match(mssql.optional ?? '', /commercial database/);
    assert.strictEqual(mssql.language, undefined, 'not a language topic');
    assert.strictEqual(buildLessonView(local, 'dns', { ...base, languages: true }).optional, undefined, 'a counted topic says nothing');
    local.choose('language', 'go');
    const go = buildLessonView(local, 'go', { ...base, languages: true });
    assert.deepStrictEqual([go.optional, go.language], [undefined, 'chosen']);
    const python = buildLessonView(local, 'python', { ...base, languages: true });
    assert.deepStrictEqual([python.optional, python.language], ['Go is the chosen language.', 'other']);
    assert.strictEqual(buildLessonView(local, 'python', base).language, undefined, 'a roadmap where the choice does not apply offers none');
    local.choose('language', 'pick-a-language');
    assert.strictEqual(buildLessonView(local, 'python', base).optional, 'JavaScript / TypeScript is the chosen language.', 'a title\'s last parenthesis names the choice');
  });
});
