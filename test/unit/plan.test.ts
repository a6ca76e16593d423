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
    assert.deepStrictEqual(c, { total: 5, done: 2, inProgress: 1, skipped: 1, hoursTotal: 15, hoursLeft: 6, hoursUnknown: 0, hoursUnknownLeft: 0, percent: 50, optional: 0 });
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
    // Week 1 names pick-a-language and python: both mean the chosen language, shown once.
    assert.deepStrictEqual(first, ['setup-your-machine', 'pick-a-language', 'how-the-internet-works', 'what-is-http']);
    assert.strictEqual(nextNode(real, { kind: 'plan', planId: 'twenty-four-week' }, () => 'todo'), 'setup-your-machine');
    real.choose('language', 'go');
    assert.deepStrictEqual(orderedNodeIds(real, { kind: 'plan', planId: 'twenty-four-week' }).slice(0, 2), ['setup-your-machine', 'go']);
  });
});

describe('choices and optional topics', () => {
  const choice = (id: string, hours: number, extra: Partial<ReturnType<typeof node>> & { choice?: string; optional?: string } = {}) => ({ ...node(id, hours), ...extra });
  const picked: Roadmap = {
    id: 'c', title: 'C', description: '', projects: [],
    sections: [
      { id: 'lang', title: 'Language', nodes: [choice('js', 30, { choice: 'language' }), choice('go', 20, { choice: 'language' }), choice('dsa', 10, { prerequisites: ['js'] })] },
      { id: 'web', title: 'Web', nodes: [choice('nginx', 4), choice('iis', 2, { optional: 'Windows servers only.' }), choice('api', 6, { prerequisites: ['dsa', 'iis'] })] },
    ],
    plans: [{ id: 'p', title: 'P', summary: '', unit: 'week', timeline: [], quickWins: [], leverageMoves: [], phases: [
      { id: 'one', title: 'One', periods: [], nodes: ['js', 'dsa'], checkpoints: [], signals: [] },
    ] }],
  };

  it('counts the first node of a choice until the learner chooses, and never the optional ones', () => {
    const idx = new RoadmapIndex(structuredClone(picked));
    assert.strictEqual(idx.chosenIn('language'), 'js');
    const c = countNodes(idx, idx.order, statuses({}));
    assert.deepStrictEqual([c.total, c.hoursTotal, c.hoursLeft, c.optional], [4, 50, 50, 2]);
    assert.strictEqual(idx.totalHours, 50);
    assert.strictEqual(idx.optionalReason('iis'), 'Windows servers only.');
    assert.strictEqual(idx.optionalReason('go'), 'JS is the chosen language.');
    assert.strictEqual(idx.optionalReason('js'), undefined);
  });

  it('counts only the chosen language once the learner chooses one, and refuses a node outside the group', () => {
    const idx = new RoadmapIndex(structuredClone(picked));
    assert.ok(idx.choose('language', 'go'));
    assert.ok(!idx.choose('language', 'dsa'));
    assert.strictEqual(idx.chosenIn('language'), 'go');
    const c = countNodes(idx, idx.order, statuses({ js: 'done' }));
    assert.deepStrictEqual([c.total, c.done, c.hoursTotal, c.hoursLeft, c.optional], [4, 0, 40, 40, 2], 'a finished language that is not chosen counts for nothing');
  });

  it('passes optional topics in "next up", and a prerequisite in a choice means the chosen node', () => {
    const idx = new RoadmapIndex(structuredClone(picked));
    idx.choose('language', 'go');
    const topics = { kind: 'topics' } as const;
    assert.strictEqual(nextNode(idx, topics, statuses({})), 'go');
    assert.strictEqual(nextNode(idx, topics, statuses({ go: 'done' })), 'dsa', 'dsa names js, which stands for the chosen go');
    assert.strictEqual(nextNode(idx, topics, statuses({ go: 'done', dsa: 'done', nginx: 'done' })), 'api', 'an optional prerequisite waits for nothing');
    assert.strictEqual(nextNode(idx, topics, statuses({ go: 'in-progress', iis: 'in-progress' })), 'go');
  });

  it('shows the chosen language where a plan names any language, and the others after the plan', () => {
    const idx = new RoadmapIndex(structuredClone(picked));
    idx.choose('language', 'go');
    assert.deepStrictEqual(groupNodes(idx, { kind: 'plan', planId: 'p' }).map((g) => [g.id, g.nodeIds]), [['one', ['go', 'dsa']], ['not-in-plan', ['js', 'nginx', 'iis', 'api']]]);
  });

  it('gives a section its description in the topics grouping', () => {
    const idx = new RoadmapIndex({ ...structuredClone(picked), sections: [{ ...picked.sections[0], description: 'First, since everything is written in it.' }] });
    assert.strictEqual(groupNodes(idx, { kind: 'topics' })[0].description, 'First, since everything is written in it.');
  });
});
