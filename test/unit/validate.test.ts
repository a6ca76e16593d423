import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { diskReader } from '../../src/roadmap/nodeFs';
import { lessonShapeProblems } from '../../src/roadmap/editorial';
import { readRoadmap } from '../../src/roadmap/validate';
import type { SourceReader } from '../../src/roadmap/source';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/roadmaps');

function expectation(file: string): { line: number; column: number; message: string } {
  const first = fs.readFileSync(file, 'utf8').split('\n')[0];
  const m = /^# expect: (\d+):(\d+) (.+)$/.exec(first);
  if (!m) throw new Error(`${file} has no '# expect: LINE:COL message' first line`);
  return { line: Number(m[1]), column: Number(m[2]), message: m[3] };
}

describe('roadmap validator', () => {
  it('accepts the valid fixture with no problems and builds its shape', () => {
    const r = readRoadmap(path.join(fixtures, 'valid.roadmap.yaml'), diskReader);
    assert.deepStrictEqual(r.problems, []);
    assert.strictEqual(r.roadmap?.sections[0].nodes.length, 2);
    assert.deepStrictEqual(r.roadmap?.plans[0].phases[0].nodes, ['http', 'cache']);
    assert.strictEqual(r.lessons.get('cache')?.markdown, 'Cache it.');
  });

  const broken = fs.readdirSync(fixtures).filter((f) => f.endsWith('.roadmap.yaml') && f !== 'valid.roadmap.yaml');
  it('has a broken fixture for every error kind', () => {
    for (const kind of ['duplicate-id', 'unknown-prerequisite', 'cycle', 'bad-url', 'wrong-resource-type', 'missing-lesson', 'plan-hours', 'plan-weeks', 'yaml-syntax']) {
      assert.ok(broken.includes(`${kind}.roadmap.yaml`), `missing fixture ${kind}`);
    }
  });

  for (const name of broken) {
    it(`reports ${name.replace('.roadmap.yaml', '')} at its line and column`, () => {
      const file = path.join(fixtures, name);
      const want = expectation(file);
      const r = readRoadmap(file, diskReader, { displayPath: (f) => path.basename(f) });
      const hit = r.problems.find((p) => p.message.includes(want.message));
      assert.ok(hit, `no problem mentioning '${want.message}'; got:\n${r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n')}`);
      assert.strictEqual(hit.file, name);
      assert.deepStrictEqual([hit.line, hit.column], [want.line, want.column], hit.message);
      assert.strictEqual(r.problems.length, 1, `expected exactly one problem, got ${r.problems.map((p) => p.message).join(' | ')}`);
    });
  }

  it('resolves include entries and reports problems in the included file', () => {
    const files: Record<string, string> = {
      '/r/main.yaml': 'id: m\ntitle: M\nsections:\n  - include: s/one.yaml\n',
      '/r/s/one.yaml': 'id: one\ntitle: One\nnodes:\n  - id: a\n    title: A\n    hours: 1\n    lesson: x\n    resources:\n      - { type: blog, title: T, url: https://example.com }\n',
    };
    const reader: SourceReader = { read: (f) => files[f] };
    const r = readRoadmap('/r/main.yaml', reader);
    assert.strictEqual(r.problems.length, 1);
    assert.deepStrictEqual([r.problems[0].file, r.problems[0].line], ['/r/s/one.yaml', 9]);
    assert.strictEqual(r.roadmap?.sections[0].nodes[0].id, 'a');
  });

  it('reports a missing include at the include entry', () => {
    const reader: SourceReader = { read: (f) => (f === '/r/main.yaml' ? 'id: m\ntitle: M\nsections:\n  - include: nope.yaml\n' : undefined) };
    const r = readRoadmap('/r/main.yaml', reader);
    assert.strictEqual(r.problems.length, 1);
    assert.match(r.problems[0].message, /file not found: .*nope\.yaml/);
    assert.deepStrictEqual([r.problems[0].line, r.problems[0].column], [4, 14]);
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = ['id: b', 'title: B', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill('*' + String.fromCharCode(97 + i)).join(', ')}]`);
    bomb.push('sections: []');
    const r = readRoadmap('/bomb.yaml', { read: () => bomb.join('\n') });
    assert.ok(r.problems.some((p) => /aliases/.test(p.message)), r.problems.map((p) => p.message).join('\n'));
    assert.strictEqual(r.roadmap, undefined);
  });

  it('requires a lesson and hours outside a roadmap of your own (the built-in content), as errors', () => {
    const reader: SourceReader = { read: () => 'id: x\ntitle: X\nsections:\n  - id: s\n    title: S\n    nodes:\n      - { id: a, title: A, summary: A. }\n' };
    for (const options of [{}, { strict: true }, { custom: true, strict: true }]) {
      const problems = readRoadmap('/x.yaml', reader, options).problems.filter((p) => /has no (lesson|'hours')/.test(p.message));
      assert.deepStrictEqual(problems.map((p) => [p.severity, p.message.split(':')[0]]), [[undefined, "node 'a' has no 'hours'"], [undefined, "node 'a' has no lesson"]], JSON.stringify(options));
    }
  });

  it('reads a plan\'s guidance and says where a sample day or a phase resource is wrong', () => {
    const plan = 'plans:\n  - id: p\n    title: P\n    unit: week\n    readiness: { prerequisites: [Some time], checklist: [Git] }\n' +
      '    sampleWeeks:\n      - title: Week 1\n        days:\n          - { day: Monday, text: Read., nodes: [a] }\n          - { day: Tuesday, text: Write., hours: 2, nodes: [ghost] }\n' +
      '    metrics: [{ title: Challenges, summary: How many. }]\n    support: [{ title: Buddy, summary: Learn with one. }]\n' +
      '    phases:\n      - id: one\n        title: One\n        nodes: [a]\n        resources: [{ type: course, title: C, url: "https://c.example/" }, { type: podcast, title: D, url: "https://d.example/" }]\n';
    const text = 'id: x\ntitle: X\nsections:\n  - id: s\n    title: S\n    nodes:\n      - { id: a, title: A, summary: A., hours: 1 }\n' + plan;
    const r = readRoadmap('/x.yaml', { read: () => text });
    const messages = r.problems.filter((p) => p.severity !== 'hint').map((p) => `${p.line}:${p.message}`);
    assert.ok(messages.some((m) => /^17:unknown key 'hours' in day/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^17:.*'ghost'/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^24:resource type 'podcast' is not one of/.test(m)), messages.join('\n'));
    const p = r.roadmap!.plans[0];
    assert.deepStrictEqual(p.readiness, { prerequisites: ['Some time'], checklist: ['Git'] });
    assert.deepStrictEqual(p.sampleWeeks![0].days[0], { day: 'Monday', text: 'Read.', nodes: ['a'] });
    assert.deepStrictEqual([p.metrics![0].title, p.support![0].title], ['Challenges', 'Buddy']);
    assert.deepStrictEqual(p.phases[0].resources, [{ type: 'course', title: 'C', url: 'https://c.example/' }]);
  });

  it('holds the shipped content to the content bar only in strict mode', () => {
    const files: Record<string, string> = { '/x.yaml': 'id: x\ntitle: X\nsections:\n  - id: s\n    title: S\n    nodes:\n      - { id: a, title: A, hours: 1, lesson: short }\n' };
    const reader: SourceReader = { read: (f) => files[f] };
    assert.deepStrictEqual(readRoadmap('/x.yaml', reader).problems, []);
    const strict = readRoadmap('/x.yaml', reader, { strict: true }).problems.map((p) => p.message);
    assert.ok(strict.some((m) => m.includes('has no resources')));
    assert.ok(strict.some((m) => m.includes('has 1 words')));
    assert.ok(strict.some((m) => m.includes("no 'summary'")));
  });
});

describe('the lesson content bar', () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
  const lesson = (selfCheck = '1. a?\n2. b?\n3. c?\n', body = words(400)) => `## Why it matters\n\n${body}\n\n## Key ideas\n\nx\n\n## Try it in VS Code\n\n\`\`\`bash\n# not a heading\n\`\`\`\n\n## Self-check\n\n${selfCheck}`;

  it('accepts a lesson with its four parts and three to five questions', () => {
    assert.deepStrictEqual(lessonShapeProblems(lesson()), []);
  });
  it('reports a missing or misplaced part', () => {
    const swapped = lesson().replace('## Key ideas', '## Temp').replace('## Why it matters', '## Key ideas').replace('## Temp', '## Why it matters');
    assert.match(lessonShapeProblems(swapped).join(), /needs the headings/);
  });
  it('reports too few or too many self-check questions', () => {
    assert.match(lessonShapeProblems(lesson('1. only?\n2. two?\n')).join(), /has 2 self-check questions/);
    assert.match(lessonShapeProblems(lesson('1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n')).join(), /has 6 self-check questions/);
  });
  it('reports a lesson that is too short or too long', () => {
    assert.match(lessonShapeProblems(lesson(undefined, words(100))).join(), /words: keep it between 350 and 900/);
    assert.match(lessonShapeProblems(lesson(undefined, words(1000))).join(), /words: keep it between 350 and 900/);
  });
  it('reports a paragraph repeated in two lessons, at the second lesson', () => {
    const shared = 'Every backend engineer should know how this works because it shows up in production incidents all the time.';
    const a = lesson().replace('x\n', `${shared}\n`);
    const files: Record<string, string> = {
      '/r.yaml': 'id: r\ntitle: R\nsections:\n  - id: s\n    title: S\n    description: The only section, so it comes first.\n    nodes:\n' +
        '      - { id: a, title: A, summary: A., hours: 1, lessonFile: a.md, resources: [{ type: docs, title: T, url: "https://a.example/1" }, { type: docs, title: U, url: "https://a.example/2" }, { type: docs, title: V, url: "https://a.example/3" }] }\n' +
        '      - { id: b, title: B, summary: B., hours: 1, lessonFile: b.md, resources: [{ type: docs, title: T, url: "https://b.example/1" }, { type: docs, title: U, url: "https://b.example/2" }, { type: docs, title: V, url: "https://b.example/3" }] }\n',
      '/a.md': a,
      '/b.md': a.replace('word0', 'other'),
    };
    const r = readRoadmap('/r.yaml', { read: (f) => files[f] }, { strict: true });
    assert.strictEqual(r.problems.length, 1, r.problems.map((p) => p.message).join('\n'));
    assert.match(r.problems[0].message, /lesson of 'b' repeats a paragraph of the lesson of 'a'/);
    assert.strictEqual(r.problems[0].line, 9);
  });
});

describe('roadmap order, choices and plans', () => {
  /** A roadmap of two sections in one file; each node is `id` or `id<-prerequisite,...` plus extra keys. */
  function roadmapFile(sections: { id: string; description?: string; nodes: string[] }[], plans = ''): string {
    const out = ['id: r', 'title: R', 'sections:'];
    for (const s of sections) {
      out.push(`  - id: ${s.id}`, `    title: ${s.id.toUpperCase()}`);
      if (s.description) out.push(`    description: ${s.description}`);
      out.push('    nodes:');
      for (const n of s.nodes) {
        const [head, extra = ''] = n.split(' | ');
        const [id, pre = ''] = head.split('<-');
        out.push(`      - { id: ${id}, title: ${id}, hours: 1, lesson: x, prerequisites: [${pre}]${extra ? `, ${extra}` : ''} }`);
      }
    }
    return out.join('\n') + '\n' + plans;
  }
  const read = (text: string, options = {}) => readRoadmap('/r.yaml', { read: () => text }, options).problems;
  const forward = <T extends { message: string }>(problems: T[]) => problems.filter((p) => /comes (later|in a later)/.test(p.message));

  it('accepts a prerequisite earlier in the same section and in an earlier section', () => {
    const text = roadmapFile([{ id: 'one', nodes: ['a', 'b<-a'] }, { id: 'two', nodes: ['c<-a,b'] }]);
    assert.deepStrictEqual(read(text), []);
  });

  it('refuses a prerequisite later in the same section, at the prerequisite', () => {
    const text = roadmapFile([{ id: 'one', nodes: ['a<-b', 'b'] }]);
    const problems = forward(read(text));
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0].message, /prerequisite 'b' of 'a' comes later in section 'ONE': move 'b' before 'a'/);
    assert.deepStrictEqual([problems[0].line, problems[0].column], [7, text.split('\n')[6].indexOf('[b]') + 2]);
  });

  it('refuses a prerequisite in a later section', () => {
    const problems = forward(read(roadmapFile([{ id: 'one', nodes: ['a<-c'] }, { id: 'two', nodes: ['c'] }])));
    assert.deepStrictEqual(problems.map((p) => [p.message.split(':')[0], p.severity]), [["prerequisite 'c' of 'a' comes in a later section ('TWO')", undefined]]);
  });

  it('only hints at a forward prerequisite in a roadmap of your own, and leaves a cycle to its own problem', () => {
    const text = roadmapFile([{ id: 'one', nodes: ['a<-b', 'b'] }]);
    assert.deepStrictEqual(forward(read(text, { custom: true })).map((p) => p.severity), ['hint']);
    assert.deepStrictEqual(forward(read(text, { custom: true, strict: true })).map((p) => p.severity), [undefined]);
    const cycle = read(roadmapFile([{ id: 'one', nodes: ['a<-b', 'b<-a'] }]));
    assert.deepStrictEqual(cycle.map((p) => p.message.split(':')[0]), ['prerequisites form a cycle']);
  });

  it('requires a section description of 1-3 sentences for the built-in content, and not in a roadmap of your own', () => {
    const without = roadmapFile([{ id: 'one', nodes: ['a'] }]);
    assert.deepStrictEqual(read(without, { custom: true }), []);
    assert.match(read(without, { strict: true }).map((p) => p.message).join('\n'), /section 'one' has no 'description': say in 1-3 sentences why the section comes here/);
    assert.deepStrictEqual(read(roadmapFile([{ id: 'one', description: 'It comes first. Nothing comes before it, e.g. no setup. Everything else needs it.', nodes: ['a'] }]), { strict: true }).filter((p) => /description/.test(p.message)), []);
    assert.deepStrictEqual(read(roadmapFile([{ id: 'one', description: 'It comes first.', nodes: ['a'] }]), { custom: true }), [], 'and one may write it');
    const four = read(roadmapFile([{ id: 'one', description: 'One. Two. Three. Four.', nodes: ['a'] }]), { strict: true });
    assert.match(four.map((p) => p.message).join('\n'), /description of section 'one' has 4 sentences: write 1 to 3/);
  });

  /** The rules of this part, without the content bar's (summaries, resources, lessons) that strict adds. */
  const ours = <T extends { message: string }>(problems: T[]) => problems.filter((p) => /in no plan|choice|optional|description|comes (later|in a later)/.test(p.message));
  const plan = (nodes: string) => `plans:\n  - id: p\n    title: P\n    unit: week\n    phases:\n      - { id: only, title: Only, nodes: [${nodes}] }\n`;
  const described = (nodes: string[]) => [{ id: 'one', description: 'First.', nodes }];

  it('reports, for the built-in content, a topic in no plan unless it says why it is optional', () => {
    const problems = ours(read(roadmapFile(described(['a', 'b', 'c | optional: "An alternative to a."']), plan('a')), { strict: true }));
    assert.deepStrictEqual(problems.map((p) => [p.line, p.message.split(':')[0]]), [[9, "node 'b' is in no plan"]]);
    assert.deepStrictEqual(read(roadmapFile(described(['a', 'b']), plan('a')), { custom: true }), [], 'a roadmap of your own may leave topics out of its plans');
  });

  it('counts a choice as placed when its plan names any of its topics, and refuses a choice of one or a chosen optional', () => {
    const group = ['js | choice: language', 'go | choice: language', 'dsa<-js'];
    assert.deepStrictEqual(ours(read(roadmapFile(described(group), plan('js, dsa')), { strict: true })), []);
    const one = read(roadmapFile(described(['js | choice: language', 'dsa<-js']), plan('js, dsa')));
    assert.deepStrictEqual(one.map((p) => p.message.split(':')[0]), ["choice 'language' has only the node 'js'"]);
    const both = read(roadmapFile(described(['js | choice: language', 'go | choice: language, optional: "No."']), plan('js')));
    assert.match(both.map((p) => p.message).join('\n'), /node 'go' is part of the choice 'language' and also optional/);
  });
});
