import * as assert from 'assert';
import * as path from 'path';
import { RoadmapIndex, type Roadmap } from '../../src/roadmap/model';
import { countNodes, formatHours, groupNodes, nextNode, orderedNodeIds, passesFilter } from '../../src/progress/plan';
import type { DisplayStatus } from '../../src/progress/store';
import { readRoadmap } from '../../src/roadmap/validate';
import { diskReader } from '../../src/roadmap/nodeFs';

function node(id: string, hours: number, prerequisites: string[] = []) {
  return { id, title: id.toUpperCase(), summary: '', hours, prerequisites, resources: [] };
}

const roadmap: Roadmap = {
  id: 'r',
  title: 'R',
  description: '',
  sections: [
    { id: 's1', title: 'One', nodes: [node('a', 2), node('b', 3, ['a']), node('c', 1, ['b'])] },
    { id: 's2', title: 'Two', nodes: [node('d', 4), node('e', 5, ['d'])] },
  ],
  plans: [
    {
      id: 'p', title: 'P', summary: '', unit: 'week', phases: [
        { id: 'first', title: 'First', periods: [{ from: 1, to: 2, items: [] }], nodes: ['d', 'a'], checkpoints: [], signals: [] },
        { id: 'second', title: 'Second', duration: '1-2 months', periods: [], nodes: ['e', 'a'], checkpoints: [], signals: [] },
      ], timeline: [], quickWins: [], leverageMoves: [],
    },
  ],
  projects: [],
};
const index = new RoadmapIndex(roadmap);
const statuses = (m: Record<string, DisplayStatus>) => (id: string) => m[id] ?? 'todo';

describe('plan, counts and next node', () => {
  it('groups by topics in section order', () => {
    assert.deepStrictEqual(groupNodes(index, { kind: 'topics' }).map((g) => [g.id, g.nodeIds]), [['s1', ['a', 'b', 'c']], ['s2', ['d', 'e']]]);
  });

  it('groups by a plan, then lists what the plan leaves out', () => {
    const groups = groupNodes(index, { kind: 'plan', planId: 'p' });
    assert.deepStrictEqual(groups.map((g) => [g.id, g.nodeIds, g.detail]), [
      ['first', ['d', 'a'], 'weeks 1-2'],
      ['second', ['e', 'a'], '1-2 months'],
      ['not-in-plan', ['b', 'c'], undefined],
    ]);
    assert.deepStrictEqual(orderedNodeIds(index, { kind: 'plan', planId: 'p' }), ['d', 'a', 'e', 'b', 'c']);
  });

  it('falls back to topics for an unknown plan', () => {
    assert.strictEqual(groupNodes(index, { kind: 'plan', planId: 'gone' })[0].id, 's1');
  });

  it('counts done, hours left and percent over the nodes that are not skipped', () => {
    const c = countNodes(index, index.order, statuses({ a: 'done', b: 'verified', d: 'skipped', e: 'in-progress' }));
    assert.deepStrictEqual(c, { total: 5, done: 2, inProgress: 1, skipped: 1, hoursTotal: 15, hoursLeft: 6, hoursUnknown: 0, hoursUnknownLeft: 0, percent: 50 });
    assert.strictEqual(countNodes(index, [], statuses({})).percent, 0);
  });

  it('counts nodes without hours as unknown, not as 0 hours, and shows them so', () => {
    const { hours: _, ...noHours } = node('x', 0);
    const partial = new RoadmapIndex({ ...roadmap, sections: [{ id: 's', title: 'S', nodes: [node('a', 2), noHours, { ...noHours, id: 'y' }] }] });
    const c = countNodes(partial, partial.order, statuses({ y: 'done' }));
    assert.deepStrictEqual([c.hoursTotal, c.hoursLeft, c.hoursUnknown, c.hoursUnknownLeft], [2, 2, 2, 1]);
    assert.strictEqual(partial.totalHours, 2, 'the total leaves the unknown hours out rather than counting them as 0');
    assert.strictEqual(formatHours(c.hoursLeft, c.hoursUnknownLeft), '2 h+');
    assert.strictEqual(formatHours(0, 1), '? h');
    assert.strictEqual(formatHours(undefined), '? h');
    assert.deepStrictEqual([formatHours(0), formatHours(2.5), formatHours(3, 0)], ['0 h', '2.5 h', '3 h']);
    const onlyDone = countNodes(partial, ['a', 'y'], statuses({ y: 'done' }));
    assert.strictEqual(formatHours(onlyDone.hoursLeft, onlyDone.hoursUnknownLeft), '2 h', 'a finished node without hours leaves nothing unknown');
  });

  it('continues with the first node in progress', () => {
    assert.strictEqual(nextNode(index, { kind: 'topics' }, statuses({ c: 'in-progress' })), 'c');
  });

  it('otherwise takes the first todo node whose prerequisites are settled, in the plan order', () => {
    assert.strictEqual(nextNode(index, { kind: 'topics' }, statuses({})), 'a');
    assert.strictEqual(nextNode(index, { kind: 'plan', planId: 'p' }, statuses({})), 'd');
    assert.strictEqual(nextNode(index, { kind: 'plan', planId: 'p' }, statuses({ d: 'done' })), 'a');
    assert.strictEqual(nextNode(index, { kind: 'topics' }, statuses({ a: 'skipped' })), 'b');
    assert.strictEqual(nextNode(index, { kind: 'topics' }, statuses({ a: 'done', b: 'done', c: 'done', d: 'done', e: 'done' })), undefined);
  });

  it('filters: hide done hides done and verified; in progress keeps only in progress', () => {
    assert.deepStrictEqual((['todo', 'in-progress', 'done', 'verified', 'skipped'] as DisplayStatus[]).map((s) => [passesFilter('hide-done', s), passesFilter('in-progress', s), passesFilter('all', s)]), [
      [true, false, true], [true, true, true], [false, false, true], [false, false, true], [true, false, true],
    ]);
  });

  it('orders the shipped 24-week plan from its first week', () => {
    const shipped = readRoadmap(path.resolve(__dirname, '../../../roadmap/backend/roadmap.yaml'), diskReader).roadmap!;
    const real = new RoadmapIndex(shipped);
    const first = orderedNodeIds(real, { kind: 'plan', planId: 'twenty-four-week' }).slice(0, 4);
    assert.deepStrictEqual(first, ['setup-your-machine', 'pick-a-language', 'python', 'how-the-internet-works']);
    assert.strictEqual(nextNode(real, { kind: 'plan', planId: 'twenty-four-week' }, () => 'todo'), 'setup-your-machine');
  });
});
