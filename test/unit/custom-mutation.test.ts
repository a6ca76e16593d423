import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CustomRoadmapLoader } from '../../src/roadmaps/loader';
import { exampleRoadmap } from '../../src/roadmap/example';
import { RoadmapIndex } from '../../src/roadmap/model';
import { readCustomRoadmap } from '../../src/roadmaps/readFile';

const root = path.resolve(__dirname, '../../..');
const valid = fs.readFileSync(path.join(root, 'test/fixtures/roadmaps/valid.roadmap.yaml'), 'utf8');

/** A small deterministic generator, so a failure names a variant that can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Fragments that break YAML or the roadmap's rules in the ways people (and attackers) do. */
const SNIPPETS = [':', ': ', '- ', '  ', '\t', '[', ']', '{', '}', '&a ', '*a', '*b', '!!binary ', '!!js/function ', '"', "'", '#', '|', '>', '---\n', '...\n', '? ', '%YAML 1.1\n', '\u0000', '\uFEFF', 'é', '<script>', '../', 'id: x\n', 'lessonFile: ../../etc/passwd\n', 'include: a.yaml\n', 'prerequisites: [http]\n', 'hours: -1\n', 'url: javascript:alert(1)\n', '<<: *a\n'];

type Mutation = (text: string, rand: () => number) => string;
const pick = <T>(list: T[], rand: () => number): T => list[Math.floor(rand() * list.length)];
const at = (text: string, rand: () => number) => Math.floor(rand() * (text.length + 1));

const MUTATIONS: Record<string, Mutation> = {
  'delete a line': (t, r) => {
    const lines = t.split('\n');
    lines.splice(Math.floor(r() * lines.length), 1);
    return lines.join('\n');
  },
  'duplicate a line': (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    lines.splice(i, 0, lines[i]);
    return lines.join('\n');
  },
  'swap two lines': (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    const j = Math.floor(r() * lines.length);
    [lines[i], lines[j]] = [lines[j], lines[i]];
    return lines.join('\n');
  },
  'shift indentation': (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    lines[i] = r() < 0.5 ? `  ${lines[i]}` : lines[i].replace(/^ {1,2}/, '');
    return lines.join('\n');
  },
  'insert a fragment': (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + pick(SNIPPETS, r) + t.slice(i);
  },
  'delete a span': (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + 1 + Math.floor(r() * 40));
  },
  'replace a character': (t, r) => {
    const i = Math.floor(r() * t.length);
    return t.slice(0, i) + String.fromCharCode(32 + Math.floor(r() * 95)) + t.slice(i + 1);
  },
  'truncate': (t, r) => t.slice(0, at(t, r)),
  'repeat a block': (t, r) => {
    const i = at(t, r);
    const block = t.slice(i, i + Math.floor(r() * 300));
    return t.slice(0, i) + block + block + t.slice(i);
  },
};

/** One corrupted variant: one to three mutations of a valid file. */
function variant(base: string, seed: number): { text: string; steps: string[] } {
  const rand = prng(seed);
  let text = base;
  const steps: string[] = [];
  for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
    const name = pick(Object.keys(MUTATIONS), rand);
    steps.push(name);
    text = MUTATIONS[name](text, rand);
  }
  return { text, steps };
}

/** The invariants: it returns, and what it returns is either located problems or a usable roadmap. */
function check(text: string, r: ReturnType<typeof readCustomRoadmap>, what: string): void {
  assert.ok(r.problems.length > 0 || r.roadmap !== undefined, `${what}: neither problems nor a roadmap`);
  const lines = text.split('\n').length;
  for (const p of r.problems) {
    assert.ok(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines + 1, `${what}: line ${p.line} of ${lines} for ${p.message}`);
    assert.ok(Number.isInteger(p.column) && p.column >= 1, `${what}: column ${p.column} for ${p.message}`);
    assert.ok(p.message.length > 0);
  }
  if (r.roadmap) {
    // The tree and the lesson page can use it: node ids are unique and every lesson belongs to a node.
    const index = new RoadmapIndex(r.roadmap);
    assert.strictEqual(index.order.length, index.nodes.size, `${what}: a node id twice in the roadmap`);
    for (const id of Object.keys(r.lessons)) assert.ok(index.node(id), `${what}: a lesson for no node (${id})`);
    for (const html of Object.values(r.lessons)) assert.doesNotMatch(html, /<script|href="(javascript|command|file|vscode):/i);
  }
}

describe('custom roadmaps: mutation test', () => {
  const bases: [string, string][] = [['valid fixture', valid], ['New Roadmap File example', exampleRoadmap('mutant')]];
  const VARIANTS = 600;

  for (const [name, base] of bases) {
    it(`never crashes on ${VARIANTS} corrupted variants of the ${name}, and always answers with problems or a roadmap`, function () {
      this.timeout(60_000);
      let withProblems = 0;
      for (let seed = 1; seed <= VARIANTS; seed++) {
        const { text, steps } = variant(base, seed);
        const what = `variant ${seed} (${steps.join(', ')})`;
        let r: ReturnType<typeof readCustomRoadmap>;
        try {
          r = readCustomRoadmap('/w/mutant.roadmap.yaml', { reader: { read: (f) => (f === '/w/mutant.roadmap.yaml' ? text : undefined) } });
        } catch (err) {
          assert.fail(`${what} threw: ${(err as Error).stack}`);
        }
        check(text, r, what);
        if (r.problems.length > 0) withProblems++;
      }
      // Most corruptions must be noticed; a few (a swapped line, a space in a title) stay valid.
      assert.ok(withProblems > VARIANTS / 2, `only ${withProblems} of ${VARIANTS} variants had problems`);
    });
  }

  it('gives the same answers through the worker, which survives every variant', async function () {
    this.timeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutants-'));
    const loader = new CustomRoadmapLoader(path.join(root, 'dist', 'roadmapWorker.js'));
    try {
      for (let seed = 1; seed <= 60; seed++) {
        const { text, steps } = variant(valid, seed * 7919);
        const file = path.join(dir, `m${seed}.roadmap.yaml`);
        fs.writeFileSync(file, text);
        const loaded = await loader.load(file);
        const direct = readCustomRoadmap(file);
        assert.ok(loaded, `variant ${seed} (${steps.join(', ')}): no answer`);
        assert.deepStrictEqual(loaded.problems, direct.problems, `variant ${seed} (${steps.join(', ')})`);
        assert.deepStrictEqual(loaded.index?.order, direct.roadmap && new RoadmapIndex(direct.roadmap).order);
      }
      assert.strictEqual(loader.workerStarts, 1, 'the worker never had to be restarted');
    } finally {
      loader.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
