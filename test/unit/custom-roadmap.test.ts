import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { encodeCustomRoadmap, MAX_PROBLEMS_PER_FILE } from '../../src/roadmaps/encoding';
import { CustomRoadmapLoader } from '../../src/roadmaps/loader';
import { exampleRoadmap } from '../../src/roadmap/example';
import { MAX_SOURCE_BYTES } from '../../src/roadmap/limits';
import { formatProblem, isHint } from '../../src/roadmap/problems';
import { readRoadmap } from '../../src/roadmap/validate';
import { readCustomRoadmap, readCustomRoadmapFile } from '../../src/roadmaps/readFile';

const root = path.resolve(__dirname, '../../..');
const workerFile = path.join(root, 'dist', 'roadmapWorker.js');
const corpusDirs = [path.join(root, 'test/fixtures/roadmaps'), path.join(root, 'test/fixtures/custom-roadmaps')];

/** Every broken file of both corpora, with the problem its first line expects. */
const corpus = corpusDirs.flatMap((dir) =>
  fs.readdirSync(dir).filter((f) => f.endsWith('.roadmap.yaml') && f !== 'valid.roadmap.yaml').map((f) => {
    const file = path.join(dir, f);
    const m = /^# expect: (\d+):(\d+) (.+)$/.exec(fs.readFileSync(file, 'utf8').split('\n')[0]);
    if (!m) throw new Error(`${file} has no '# expect: LINE:COL message' first line`);
    return { file, line: Number(m[1]), column: Number(m[2]), message: m[3] };
  }),
);

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'custom-roadmap-'));
}

const node = (id: string, extra = '') => `      - { id: ${id}, title: ${id}, hours: 1${extra} }\n`;
const roadmapWith = (nodes: string, head = 'id: team\ntitle: Team\n') => `${head}sections:\n  - id: s\n    title: S\n    nodes:\n${nodes}`;

describe('custom roadmaps: the broken-file corpus', () => {
  it('has the custom-only kinds of problem', () => {
    const names = corpus.map((c) => path.basename(c.file));
    for (const kind of ['include', 'lesson-outside', 'builtin-id', 'alias-bomb', 'duplicate-key', 'tab-indent', 'not-a-mapping', 'empty', 'unclosed-quote', 'unclosed-bracket', 'over-indented-key', 'not-utf8']) {
      assert.ok(names.includes(`${kind}.roadmap.yaml`), `missing fixture ${kind}`);
    }
  });

  for (const c of corpus) {
    it(`${path.basename(path.dirname(c.file))}/${path.basename(c.file)}: one problem at ${c.line}:${c.column}`, () => {
      const r = readCustomRoadmapFile(c.file)!;
      assert.strictEqual(r.problems.length, 1, r.problems.map(formatProblem).join('\n'));
      const [p] = r.problems;
      assert.ok(p.message.includes(c.message), p.message);
      assert.deepStrictEqual([p.file, p.line, p.column], [c.file, c.line, c.column]);
      if (p.endLine !== undefined) assert.ok(p.endLine === p.line && p.endColumn! >= p.column, `an underline on one line: ${JSON.stringify(p)}`);
    });
  }

  it('gives the same problems through the worker as read directly', async () => {
    const loader = new CustomRoadmapLoader(workerFile);
    try {
      for (const c of corpus) {
        const loaded = await loader.load(c.file);
        assert.deepStrictEqual(loaded?.problems, readCustomRoadmapFile(c.file)!.problems, c.file);
      }
      assert.strictEqual(loader.workerStarts, 1, 'one worker serves every file');
    } finally {
      loader.dispose();
    }
  });

  it('lints a custom file from the CLI with the same file:line:column: message', () => {
    const c = corpus.find((x) => x.file.endsWith('lesson-outside.roadmap.yaml'))!;
    const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'lint', c.file], { cwd: root, encoding: 'utf8' });
    assert.strictEqual(r.status, 1);
    const [p] = readCustomRoadmapFile(c.file)!.problems;
    assert.strictEqual(r.stdout.trim(), formatProblem({ ...p, file: path.relative(root, p.file) }));
  });
});

describe('custom roadmaps: the worker bundle', () => {
  it('carries the YAML parser and the Markdown renderer (the activation bundle has neither) and ships in the VSIX', () => {
    const worker = fs.readFileSync(workerFile, 'utf8');
    assert.ok(worker.includes('YAMLParseError') && worker.includes('normalizeLinkText'));
    assert.match(fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8'), /^!dist\/\*\.js$/m);
  });
});

describe('custom roadmaps: rules of the single-file format', () => {
  it('builds what is valid while reporting the rest', () => {
    const r = readCustomRoadmap('/w/team.roadmap.yaml', {
      reader: { read: () => roadmapWith(node('http', ', lesson: a') + node('cache', ', prerequisites: [htp], lesson: b') + node('http', ', lesson: c')) },
    });
    assert.deepStrictEqual(r.problems.map((p) => `${p.line}:${p.column} ${p.message.split(':')[0]}`), [
      "9:15 duplicate node id 'http' (first defined at /w/team.roadmap.yaml",
      "8:62 unknown node id 'htp' (prerequisite of 'cache')",
    ]);
    assert.deepStrictEqual(r.roadmap!.sections[0].nodes.map((n) => n.id), ['http', 'cache']);
    assert.deepStrictEqual(Object.keys(r.lessons), ['http', 'cache']);
  });

  it('keeps a project idea\'s starter folder inside the roadmap\'s folder, and refuses it in the built-in format', () => {
    const withStarter = (starter: string) => `${roadmapWith(node('http', ', lesson: a'))}projects:\n  - { id: hello, title: Hello, level: beginner, summary: Hi., nodes: [http], starter: ${starter}, milestones: [{ id: m, title: M, description: D }] }\n`;
    const starterProblems = (text: string, custom = true) => (custom ? readCustomRoadmap('/w/team.roadmap.yaml', { reader: { read: () => text } }).problems : readRoadmap('/w/team.yaml', { read: () => text }).problems).filter((p) => /starter/.test(p.message)).map((p) => `${p.line}:${p.column} ${p.message}`);
    const kept = readCustomRoadmap('/w/team.roadmap.yaml', { reader: { read: () => withStarter('starters/hello') } });
    assert.strictEqual(kept.roadmap!.projects[0].starter, 'starters/hello');
    assert.deepStrictEqual(starterProblems(withStarter('starters/hello')), []);
    for (const outside of ['../elsewhere', 'starters/../../up', '/abs/starter', '"."']) {
      assert.match(starterProblems(withStarter(outside))[0] ?? '', /^9:\d+ project 'hello': (starter folder .* is outside this roadmap's folder|'starter' must be a folder relative to this file)/, outside);
    }
    assert.match(starterProblems(withStarter('starters/hello'), false)[0] ?? '', /'starter' belongs to a roadmap of your own/);
  });

  it('accepts a node with only id, title, summary and resources: a hint each for its lesson and its hours', () => {
    const only = '      - { id: http, title: HTTP, summary: Requests., resources: [{ type: docs, title: MDN, url: "https://developer.mozilla.org" }] }\n';
    const r = readCustomRoadmap('/w/team.roadmap.yaml', { reader: { read: () => roadmapWith(only) } });
    assert.deepStrictEqual(r.problems.map((p) => [p.severity, p.line, p.column, p.message.split(':')[0]]), [
      ['hint', 7, 9, "node 'http' has no 'hours'"],
      ['hint', 7, 15, "node 'http' has no lesson"],
    ]);
    assert.ok(r.problems.every(isHint));
    assert.match(formatProblem(r.problems[1]), /^\/w\/team\.roadmap\.yaml:7:15: hint: node 'http' has no lesson: its page shows the summary and resources/);
    const [node] = r.roadmap!.sections[0].nodes;
    assert.ok(!('hours' in node), 'unknown hours are left out, not 0');
    assert.deepStrictEqual([node.summary, node.resources.length], ['Requests.', 1]);
    assert.deepStrictEqual(r.lessons, {});
  });

  it('lints a file with only hints from the CLI: prints them and exits 0', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'team.roadmap.yaml');
    fs.writeFileSync(file, roadmapWith('      - { id: http, title: HTTP, lesson: x }\n      - { id: dns, title: DNS, hours: 1 }\n'));
    const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'lint', file], { cwd: root, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /team\.roadmap\.yaml:7:9: hint: node 'http' has no 'hours'/);
    assert.match(r.stdout, /team\.roadmap\.yaml:8:15: hint: node 'dns' has no lesson/);
    assert.match(r.stdout, /ok \(1 sections, 2 nodes, 1 lessons/);
    fs.writeFileSync(file, roadmapWith('      - { id: http, title: HTTP, prerequisites: [dnz] }\n'));
    const broken = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'lint', file], { cwd: root, encoding: 'utf8' });
    assert.strictEqual(broken.status, 1, 'an error among hints still fails');
    assert.match(broken.stderr, /^1 problem in /m);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a lesson file beside the roadmap and renders it with the safe renderer', () => {
    const dir = tmpDir();
    fs.mkdirSync(path.join(dir, 'lessons'));
    fs.writeFileSync(path.join(dir, 'lessons', 'http.md'), '## HTTP\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](command:workbench.action.terminal.new) [next](#cache) <img src=x onerror=alert(1)>\n');
    fs.writeFileSync(path.join(dir, 't.roadmap.yaml'), roadmapWith(node('http', ', lessonFile: lessons/http.md') + node('cache', ', lesson: "Caché ✓"')));
    const r = readCustomRoadmapFile(path.join(dir, 't.roadmap.yaml'))!;
    assert.deepStrictEqual(r.problems, []);
    const html = r.lessons.http;
    assert.match(html, /<h2>HTTP<\/h2>/);
    assert.match(html, /data-node="cache"/);
    assert.doesNotMatch(html, /<script|<img[^>]*onerror|href="(javascript|command):/i, html);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses lesson files outside the folder: ../, absolute paths and symbolic links', () => {
    const dir = tmpDir();
    const outside = tmpDir();
    fs.writeFileSync(path.join(outside, 'secret.md'), 'secret');
    fs.mkdirSync(path.join(dir, 'roadmap'));
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'roadmap', 'link.md'));
    fs.writeFileSync(path.join(dir, 'secret.md'), 'secret');
    const file = path.join(dir, 'roadmap', 't.roadmap.yaml');
    fs.writeFileSync(file, roadmapWith(node('a', ', lessonFile: ../secret.md') + node('b', `, lessonFile: ${path.join(outside, 'secret.md')}`) + node('c', ', lessonFile: link.md')));
    const r = readCustomRoadmapFile(file)!;
    assert.strictEqual(r.problems.length, 3, r.problems.map(formatProblem).join('\n'));
    assert.match(r.problems[0].message, /outside this roadmap's folder/);
    assert.match(r.problems[1].message, /must be a relative path/);
    assert.match(r.problems[2].message, /outside this roadmap's folder/);
    assert.deepStrictEqual(r.lessons, {});
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('refuses a file over the size limit without reading it, in the worker or not', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'big.roadmap.yaml');
    fs.writeFileSync(file, `# ${'x'.repeat(MAX_SOURCE_BYTES)}\nid: big\n`);
    const direct = readCustomRoadmapFile(file)!;
    assert.strictEqual(direct.problems.length, 1);
    assert.match(direct.problems[0].message, /larger than the 4 MiB limit; move long lessons into lessonFile Markdown files/);
    const loader = new CustomRoadmapLoader(workerFile);
    const loaded = await loader.load(file);
    assert.deepStrictEqual(loaded!.problems, direct.problems);
    assert.strictEqual(loader.workerStarts, 0, 'the worker is not needed to refuse it');
    loader.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports YAML nested too deeply instead of crashing', () => {
    const r = readCustomRoadmap('/w/deep.roadmap.yaml', { reader: { read: () => `id: deep\ntitle: Deep\nsections: ${'['.repeat(20000)}${']'.repeat(20000)}\n` } });
    assert.ok(r.problems.length > 0);
    assert.strictEqual(r.problems[0].line >= 1, true);
  });

  it('caps the problems sent to the editor and says how many more there are', () => {
    const nodes = Array.from({ length: MAX_PROBLEMS_PER_FILE + 20 }, (_, i) => node(`n${i}`, ', lesson: x, resources: [{ type: podcast, title: T, url: "https://e.example" }]')).join('');
    const r = readCustomRoadmap('/w/many.roadmap.yaml', { reader: { read: () => roadmapWith(nodes) } });
    const encoded = encodeCustomRoadmap({ ...r, mtimeMs: 0, size: 0 });
    assert.strictEqual(encoded.problems.length, MAX_PROBLEMS_PER_FILE);
    assert.match(encoded.problems[MAX_PROBLEMS_PER_FILE - 1].message, /^21 more problems/);
  });

  it('writes a commented example that is valid as written', () => {
    const text = exampleRoadmap('team-backend');
    assert.match(text, /^# A roadmap of your own/);
    assert.match(text, /^title: Team backend$/m);
    const r = readCustomRoadmap('/w/team-backend.roadmap.yaml', { reader: { read: () => text } });
    assert.deepStrictEqual(r.problems, []);
    assert.strictEqual(r.roadmap!.id, 'team-backend');
    assert.deepStrictEqual(r.roadmap!.sections[0].nodes.map((n) => n.id), ['first-api', 'storage']);
    assert.match(r.lessons['first-api'], /<a href="#storage" data-node="storage">storage<\/a>/);
  });
});

describe('custom roadmaps: the loader (worker and cache)', () => {
  let dir: string;
  let loader: CustomRoadmapLoader;
  beforeEach(() => {
    dir = tmpDir();
    loader = new CustomRoadmapLoader(workerFile);
  });
  afterEach(() => {
    loader.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('caches by modification time and size, and reads again when either changes', async () => {
    const file = path.join(dir, 't.roadmap.yaml');
    fs.writeFileSync(file, roadmapWith(node('http', ', lesson: "Héllo ✓ wörld"')));
    const first = await loader.load(file);
    assert.strictEqual(await loader.load(file), first, 'unchanged file: the cached roadmap');
    assert.strictEqual(first!.lessonHtml('http'), '<p>Héllo ✓ wörld</p>\n', 'lessons survive the UTF-8 transfer');
    fs.writeFileSync(file, roadmapWith(node('http', ', lesson: "Héllo ✓ wörld"') + node('cache', ', lesson: y')));
    const second = await loader.load(file);
    assert.notStrictEqual(second, first);
    assert.deepStrictEqual(second!.index!.order, ['http', 'cache']);
    assert.strictEqual(second!.lessonHtml('cache'), '<p>y</p>\n');
    assert.strictEqual(second!.lessonHtml('nope'), undefined);
    fs.rmSync(file);
    assert.strictEqual(await loader.load(file), undefined, 'a removed file is gone');
  });

  it('loads a generated 5,000-node file with no problems', async function () {
    this.timeout(120_000);
    const file = path.join(dir, 'big.roadmap.yaml');
    const gen = spawnSync(process.execPath, [path.join(root, 'scripts', 'gen-roadmap.mjs'), '--nodes', '5000', '--out', file], { encoding: 'utf8' });
    assert.strictEqual(gen.status, 0, gen.stderr);
    const loaded = await loader.load(file);
    assert.deepStrictEqual(loaded!.problems, []);
    assert.strictEqual(loaded!.index!.order.length, 5000);
    assert.match(loaded!.lessonHtml('s100-topic-50')!, /<h2>Why it matters<\/h2>/);
  });

  it('answers loads of many files from one worker, each with its own result', async () => {
    const files = Array.from({ length: 5 }, (_, i) => {
      const file = path.join(dir, `r${i}.roadmap.yaml`);
      fs.writeFileSync(file, roadmapWith(node(`n${i}`, ', lesson: x'), `id: r${i}\ntitle: R${i}\n`));
      return file;
    });
    const loaded = await Promise.all(files.map((f) => loader.load(f)));
    assert.deepStrictEqual(loaded.map((l) => l!.roadmapId), ['r0', 'r1', 'r2', 'r3', 'r4']);
    assert.strictEqual(loader.workerStarts, 1);
  });

  it('reports a file the worker cannot finish in time, and keeps serving others', async () => {
    const slow = new CustomRoadmapLoader(workerFile, { timeoutMs: 1 });
    const file = path.join(dir, 't.roadmap.yaml');
    fs.writeFileSync(file, roadmapWith(node('http', ', lesson: x')));
    const loaded = await slow.load(file);
    assert.match(loaded!.problems[0].message, /took longer than 0.001 s/);
    slow.dispose();
    assert.deepStrictEqual((await loader.load(file))!.problems, []);
  });
});
