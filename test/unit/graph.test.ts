import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generatedRoadmap } from '../../bench/suite/generate';
import { layoutGraph } from '../../src/graph/layout';
import { LayoutCache } from '../../src/graph/layouts';
import { layoutInput, NODE_HEIGHT, NODE_WIDTH, STATUS_LOOK, type GraphLayout, type NodeMark } from '../../src/graph/model';
import { decodePng, parseGraphMessage } from '../../src/graph/protocol';
import { summaryMarkdown, verifiedMilestones } from '../../src/graph/summary';
import { progressSvg } from '../../src/graph/svg';
import { buildGraphView, marksOf } from '../../src/graph/view';
import type { DisplayStatus, NodeProgress } from '../../src/progress/state';
import { RoadmapIndex, type Roadmap } from '../../src/roadmap/model';
import { diskReader } from '../../src/roadmap/nodeFs';
import { readRoadmap } from '../../src/roadmap/validate';

// The culling the graph page runs, in plain Node (media/graphCull.js exports itself for this).
const cull = require(path.resolve(__dirname, '../../../media/graphCull.js')) as {
  buildIndex(layout: GraphLayout, w: number, h: number, cell?: number): unknown;
  visible(index: unknown, rect: { x: number; y: number; width: number; height: number }): { nodes: number[]; edges: number[] };
  detail(scale: number): 'full' | 'boxes' | 'overview';
};

const builtin = new RoadmapIndex(readRoadmap(path.resolve(__dirname, '../../../roadmap/backend/roadmap.yaml'), diskReader).roadmap!);
const workerFile = path.resolve(__dirname, '../../../dist/graphWorker.js');

/** A small roadmap of the learner's own, with hostile titles. */
function small(title = 'Mine'): Roadmap {
  const node = (id: string, t: string, prerequisites: string[] = [], hours?: number) => ({ id, title: t, summary: '', prerequisites, resources: [], ...(hours === undefined ? {} : { hours }) });
  return {
    id: 'mine', title, description: '',
    sections: [
      { id: 'basics', title: 'Basics & <more>', nodes: [node('a', 'A <script>alert("x")</script> & co', [], 2), node('b', 'B', ['a'], 3), node('c', 'C | [link](x) *bold*', ['a'])] },
      { id: 'next', title: 'Next', nodes: [node('d', 'D', ['b'], 1), node('e', 'E', [])] },
    ],
    plans: [{ id: 'p', title: 'Plan P', summary: '', unit: 'week', phases: [{ id: 'one', title: 'One', periods: [], nodes: ['a', 'd'], checkpoints: [], signals: [] }], timeline: [], quickWins: [], leverageMoves: [] }],
    projects: [{ id: 'proj', title: 'Project & co', level: 'beginner', summary: '', nodes: ['a', 'b'], stacks: [], milestones: [{ id: 'm1', title: 'First milestone', description: '', nodes: ['a', 'b'] }, { id: 'm2', title: 'Second', description: '', nodes: ['d'] }] }],
  };
}

function overlaps(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return a.x < b.x + NODE_WIDTH && b.x < a.x + NODE_WIDTH && a.y < b.y + NODE_HEIGHT && b.y < a.y + NODE_HEIGHT;
}

describe('graph: layout input from a roadmap', () => {
  it('makes one band per section, in section order, with its topics in order', () => {
    const input = layoutInput(builtin);
    assert.deepStrictEqual(input.bands.map((b) => b.id), builtin.roadmap.sections.map((s) => s.id));
    assert.deepStrictEqual(input.bands.flatMap((b) => b.nodes), builtin.order);
    assert.strictEqual(input.bands[0].title, 'Internet fundamentals');
  });

  it('turns every prerequisite into an edge: inside a band, or between two bands', () => {
    const input = layoutInput(builtin);
    const expected = builtin.order.flatMap((id) => builtin.node(id)!.prerequisites.map((p) => `${p}->${id}`)).sort();
    const inside = input.bands.flatMap((b) => b.edges.map(([f, t]) => `${f}->${t}`));
    const across = input.crossEdges.map(([f, t]) => `${f}->${t}`);
    assert.deepStrictEqual([...inside, ...across].sort(), expected);
    for (const b of input.bands) for (const [f, t] of b.edges) assert.ok(b.nodes.includes(f) && b.nodes.includes(t), `${f}->${t} is inside ${b.id}`);
    for (const [f, t] of input.crossEdges) assert.notStrictEqual(builtin.sectionOf.get(f), builtin.sectionOf.get(t));
    assert.ok(inside.length > 0 && across.length > 0);
  });

  it('is named by a hash of its shape: a new prerequisite changes it, a new title does not', () => {
    const base = layoutInput(new RoadmapIndex(small()));
    assert.strictEqual(layoutInput(new RoadmapIndex(small())).hash, base.hash);
    const retitled = small();
    retitled.sections[0].nodes[1].title = 'Another title';
    assert.strictEqual(layoutInput(new RoadmapIndex(retitled)).hash, base.hash);
    const rewired = small();
    rewired.sections[1].nodes[1].prerequisites = ['c'];
    assert.notStrictEqual(layoutInput(new RoadmapIndex(rewired)).hash, base.hash);
    assert.deepStrictEqual(layoutInput(new RoadmapIndex(rewired)).crossEdges, [['b', 'd'], ['c', 'e']]);
  });
});

describe('graph: layout', () => {
  it('stacks the bands in order and keeps each band\'s boxes inside it, none on another', () => {
    const layout = layoutGraph(layoutInput(builtin));
    assert.strictEqual(layout.nodes.length, builtin.order.length);
    assert.ok(layout.nodes.length >= 134);
    for (let i = 1; i < layout.bands.length; i++) assert.ok(layout.bands[i].y >= layout.bands[i - 1].y + layout.bands[i - 1].height, `band ${i} starts below band ${i - 1}`);
    for (const n of layout.nodes) {
      const band = layout.bands[n.band];
      assert.ok(n.y >= band.y && n.y + NODE_HEIGHT <= band.y + band.height, `${n.id} is inside its band`);
      assert.ok(n.x >= 0 && n.x + NODE_WIDTH <= layout.width, `${n.id} is inside the picture`);
      assert.strictEqual(layout.bands[n.band].id, builtin.sectionOf.get(n.id)!.id);
    }
    for (const a of layout.nodes) for (const b of layout.nodes) if (a !== b && a.band === b.band) assert.ok(!overlaps(a, b), `${a.id} and ${b.id} overlap`);
    const ids = new Set(layout.nodes.map((n) => n.id));
    for (const e of layout.edges) assert.ok(ids.has(e.from) && ids.has(e.to) && e.points.length >= 4);
  });

  it('lays a long chain of prerequisites left to right, so a band stays a band', () => {
    const layout = layoutGraph(layoutInput(new RoadmapIndex(generatedRoadmap(100, 50))));
    const band = layout.nodes.filter((n) => n.band === 0);
    const width = Math.max(...band.map((n) => n.x)) - Math.min(...band.map((n) => n.x));
    const height = Math.max(...band.map((n) => n.y)) - Math.min(...band.map((n) => n.y));
    assert.ok(width > 10 * height, `a chain of 50 is ${width} wide and ${height} tall`);
  });
});

describe('graph: layouts in a worker, cached by content hash', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-cache-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('computes a layout once in the worker, then finds it in memory and on disk', async () => {
    const input = layoutInput(builtin);
    const cache = new LayoutCache(workerFile, dir);
    const first = await cache.get(input);
    assert.strictEqual(cache.computed, 1);
    assert.deepStrictEqual({ ...first, libraryMs: 0 }, { ...layoutGraph(input), libraryMs: 0 }, 'the worker lays out as the module does');
    assert.strictEqual(await cache.get(input), first);
    assert.strictEqual(cache.computed, 1);
    const again = new LayoutCache(workerFile, dir);
    assert.strictEqual((await again.get(input)).hash, input.hash);
    assert.strictEqual(again.computed, 0, 'a second window reads the layout from disk');
  });

  it('says so when the worker cannot run', async () => {
    const cache = new LayoutCache(path.join(dir, 'no-such-worker.js'));
    await assert.rejects(cache.get(layoutInput(new RoadmapIndex(small()))), /the layout worker failed/);
  });
});

describe('graph: progress summary (Markdown)', () => {
  const index = new RoadmapIndex(small());
  const statuses: Record<string, DisplayStatus> = { a: 'verified', b: 'verified', c: 'checked', d: 'done', e: 'skipped' };
  const progress: Record<string, NodeProgress> = {
    a: { status: 'done', updatedAt: '2026-11-20T09:00:00Z', verified: { 'proj/m1': '2026-11-20T09:00:00Z' } },
    b: { status: 'done', updatedAt: '2026-11-21T09:00:00Z', verified: { 'proj/m1': '2026-11-21T09:00:00Z', 'proj/m2': '2026-11-30T08:00:00Z' } },
  };
  const input = { statusOf: (id: string) => statuses[id] ?? 'todo', progressOf: (id: string) => progress[id], milestonePeeked: (key: string) => key === 'proj/m2', today: new Date('2026-12-05T12:00:00Z') };

  it('counts verified, checked, done and skipped apart', () => {
    const md = summaryMarkdown(index, input);
    assert.match(md, /^# Mine: progress on 2026-12-05$/m);
    assert.match(md, /^\| Verified \| 2 \|/m);
    assert.match(md, /^\| Checked \| 1 \|/m);
    assert.match(md, /^\| Done \| 1 \| marked done by me, not checked \|$/m);
    assert.match(md, /^\| Skipped \| 1 \|/m);
    assert.match(md, /^\| To do \| 0 \|/m);
    assert.match(md, /\*\*100% done\*\* \(4 of 4 topics, skipped ones left out\)/);
    assert.match(md, /^- Basics & \\<more\\>: 3\/3 \(2 verified, 1 checked, 0 done\)$/m);
  });

  it('lists each verified milestone once, with the day it first passed, oldest first', () => {
    const milestones = verifiedMilestones(index, input);
    assert.deepStrictEqual(milestones.map((m) => [m.date, m.milestone, m.topics, m.peeked]), [['2026-11-20', 'First milestone', ['A <script>alert("x")</script> & co', 'B'], false], ['2026-11-30', 'Second', ['B'], true]]);
    const md = summaryMarkdown(index, input);
    assert.match(md, /^- 2026-11-20: \*\*Project & co\*\*, First milestone; topics: A \\<script\\>alert\("x"\)\\<\/script\\> & co, B$/m);
    assert.match(md, /^- 2026-11-30: \*\*Project & co\*\*, Second \(after a look at the reference solution\); topics: B$/m);
  });

  it('carries its badge inside the file (nothing to fetch), with the numbers in its text', () => {
    const md = summaryMarkdown(index, input);
    const m = /^!\[(.*)\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)$/m.exec(md);
    assert.ok(m, 'a badge image');
    assert.strictEqual(m[1], 'Mine: 100% done, 2 verified, 1 checked, 1 self-marked done');
    const svg = Buffer.from(m[2], 'base64').toString('utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, />100% · 2 verified</);
    assert.doesNotMatch(md, /https?:\/\/(?!www\.w3\.org)/, 'no link to anywhere');
  });

  it('says when no milestone is verified yet', () => {
    const md = summaryMarkdown(index, { ...input, progressOf: () => undefined });
    assert.match(md, /## Verified milestones\n\nNone yet/);
  });
});

/** A small XML check: tags balance, attribute values are quoted, text holds no raw `<` or bare `&`. */
function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const re = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/g;
  let consumed = 0;
  for (const m of body.matchAll(re)) {
    assert.strictEqual(m.index, consumed, `unexpected text at ${consumed}: ${body.slice(consumed, consumed + 60)}`);
    consumed += m[0].length;
    if (m[5] !== undefined) {
      assert.doesNotMatch(m[5], /&(?!(amp|lt|gt|quot|#39);)/, `a bare & in text: ${m[5].slice(0, 60)}`);
      continue;
    }
    for (const a of m[3].matchAll(/"([^"]*)"/g)) assert.doesNotMatch(a[1], /&(?!(amp|lt|gt|quot|#39);)/);
    if (m[1]) assert.strictEqual(stack.pop(), m[2], `</${m[2]}> closes another tag`);
    else if (!m[4]) stack.push(m[2]);
  }
  assert.strictEqual(consumed, body.length);
  assert.deepStrictEqual(stack, [], 'every tag is closed');
}

describe('graph: SVG export', () => {
  const index = new RoadmapIndex(small('Mine <&> "quoted"'));
  const layout = layoutGraph(layoutInput(index));
  const marks: Record<string, NodeMark> = { a: { status: 'verified' }, b: { status: 'done', due: 2 }, c: { status: 'checked' }, d: { status: 'in-progress' }, e: { status: 'skipped' } };
  const view = buildGraphView(index, { marks, planId: 'p', layout });
  const svg = progressSvg(view, layout, new Date('2026-12-05T12:00:00Z'));

  it('is well-formed XML', () => {
    assertWellFormed(svg);
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('gives every topic its status as a symbol and a word, not colour alone', () => {
    for (const [id, mark] of Object.entries(marks)) {
      const g = new RegExp(`<g class="node" data-id="${id}" data-status="${mark.status}">([\\s\\S]*?)</g>`).exec(svg);
      assert.ok(g, `a box for ${id}`);
      const look = STATUS_LOOK[mark.status];
      assert.ok(g[1].includes(`>${look.symbol}</tspan>`), `${id} shows ${look.symbol}`);
      assert.ok(g[1].includes(look.word), `${id} says ${look.word}`);
    }
    assert.match(svg, /data-id="b"[\s\S]*?review due \(2\)[\s\S]*?⟳/, 'review due has its own word and symbol');
    assert.match(svg, /<title>B: done · review due \(2\) · 3 h<\/title>/, 'hours on hover');
  });

  it('escapes titles', () => {
    assert.ok(!svg.includes('<script>'));
    assert.ok(svg.includes('A &lt;script&gt;alert(&quot;x&quot;)&lt;/s…</text>'), 'the long title is escaped and cut');
    assert.ok(svg.includes('<title>A &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co: verified · 2 h</title>'), 'whole on hover');
    assert.ok(svg.includes('Basics &amp; &lt;more&gt;'));
    assert.ok(svg.includes('Mine &lt;&amp;&gt; &quot;quoted&quot; · 2026-12-05'));
  });

  it('counts each status in its legend and outlines the plan\'s topics', () => {
    assert.match(svg, /verified: 1</);
    assert.match(svg, /skipped: 1</);
    assert.match(svg, /data-id="a"[^\n]*\n<rect [^>]*stroke-width="3"/, 'a is in the plan');
    assert.match(svg, /data-id="b"[^\n]*\n<rect [^>]*stroke-width="1.5"/, 'b is not');
  });
});

describe('graph: page messages', () => {
  const checks = { knownNode: (id: string) => ['a', 'b'].includes(id), pendingImage: (n: number) => n === 7 };
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');

  it('accepts what the page may say', () => {
    assert.deepStrictEqual(parseGraphMessage({ type: 'ready' }, checks), { type: 'ready' });
    assert.deepStrictEqual(parseGraphMessage({ type: 'openLesson', nodeId: 'a' }, checks), { type: 'openLesson', nodeId: 'a' });
    assert.deepStrictEqual(parseGraphMessage({ type: 'setStatus', nodeId: 'b', status: 'skipped' }, checks), { type: 'setStatus', nodeId: 'b', status: 'skipped' });
    assert.deepStrictEqual(parseGraphMessage({ type: 'export', what: 'summary' }, checks), { type: 'export', what: 'summary' });
    assert.deepStrictEqual(parseGraphMessage({ type: 'drawn', hash: 'ab12', shown: 3 }, checks), { type: 'drawn', hash: 'ab12', shown: 3 });
    assert.deepStrictEqual(parseGraphMessage({ type: 'image', requestId: 7, png }, checks), { type: 'image', requestId: 7, png });
  });

  it('refuses an unknown node, a bad action, and anything else', () => {
    assert.strictEqual(parseGraphMessage({ type: 'openLesson', nodeId: 'zz' }, checks), undefined);
    assert.strictEqual(parseGraphMessage({ type: 'setStatus', nodeId: 'zz', status: 'done' }, checks), undefined);
    assert.strictEqual(parseGraphMessage({ type: 'setStatus', nodeId: 'a', status: 'verified' }, checks), undefined, 'verified comes only from a passing check');
    assert.strictEqual(parseGraphMessage({ type: 'setStatus', nodeId: 'a' }, checks), undefined);
    assert.strictEqual(parseGraphMessage({ type: 'deleteAll' }, checks), undefined);
    assert.strictEqual(parseGraphMessage({ type: 'export', what: 'pdf' }, checks), undefined);
    assert.strictEqual(parseGraphMessage({ type: 'drawn', hash: '<x>', shown: 1 }, checks), undefined);
    assert.strictEqual(parseGraphMessage({ type: 'image', requestId: 8, png }, checks), undefined, 'no such request');
    assert.strictEqual(parseGraphMessage({ type: 'image', requestId: 7, png: 'not base64!' }, checks), undefined);
    for (const raw of [null, 'ready', ['ready'], 42]) assert.strictEqual(parseGraphMessage(raw, checks), undefined);
  });

  it('takes only a PNG as an image', () => {
    assert.strictEqual(decodePng(png).length, 12);
    assert.throws(() => decodePng(Buffer.from('<svg/>').toString('base64')), /not a PNG; nothing was saved/);
  });
});

describe('graph: view and culling at 5,000 topics', function () {
  this.timeout(60_000);
  const index = new RoadmapIndex(generatedRoadmap(5000));
  let layout: GraphLayout;
  before(() => {
    layout = layoutGraph(layoutInput(index));
  });

  it('lays out every topic, in 100 bands', () => {
    assert.strictEqual(layout.nodes.length, 5000);
    assert.strictEqual(layout.bands.length, 100);
  });

  it('finds exactly the boxes in view, far fewer than all', () => {
    const grid = cull.buildIndex(layout, NODE_WIDTH, NODE_HEIGHT, 512);
    const mid = layout.nodes[2525];
    const rect = { x: mid.x - 600, y: mid.y - 400, width: 1200, height: 800 };
    const seen = cull.visible(grid, rect);
    const expected = layout.nodes.map((n, i) => [n, i] as const).filter(([n]) => n.x <= rect.x + rect.width && n.x + NODE_WIDTH >= rect.x && n.y <= rect.y + rect.height && n.y + NODE_HEIGHT >= rect.y).map(([, i]) => i);
    assert.deepStrictEqual(seen.nodes, expected);
    assert.ok(seen.nodes.length > 0 && seen.nodes.length < 100, `${seen.nodes.length} boxes in view`);
    assert.ok(seen.nodes.includes(2525));
    for (const i of seen.edges) {
      const e = layout.edges[i];
      const xs = e.points.filter((_, k) => k % 2 === 0);
      const ys = e.points.filter((_, k) => k % 2 === 1);
      assert.ok(Math.min(...xs) <= rect.x + rect.width + 512 && Math.max(...xs) >= rect.x - 512 && Math.min(...ys) <= rect.y + rect.height + 512 && Math.max(...ys) >= rect.y - 512, 'an edge near the view');
    }
    const all = cull.visible(grid, { x: 0, y: 0, width: layout.width, height: layout.height });
    assert.strictEqual(all.nodes.length, 5000);
    assert.strictEqual(all.edges.length, layout.edges.length);
  });

  it('draws boxes without text when zoomed far out, and without edges farther still', () => {
    assert.strictEqual(cull.detail(1), 'full');
    assert.strictEqual(cull.detail(0.5), 'full');
    assert.strictEqual(cull.detail(0.2), 'boxes');
    assert.strictEqual(cull.detail(0.05), 'overview', 'and without edges when farther still');
  });

  it('leaves to-do topics out of the marks it sends', () => {
    const marks = marksOf(index, { statusOf: (id) => (id === 's1-topic-1' ? 'done' : 'todo'), dueOf: (id) => (id === 's2-topic-2' ? 3 : 0), peeked: () => false });
    assert.deepStrictEqual(marks, { 's1-topic-1': { status: 'done' }, 's2-topic-2': { status: 'todo', due: 3 } });
  });
});
