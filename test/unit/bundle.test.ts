import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const dist = path.resolve(__dirname, '../../../dist');

describe('the activation bundle', () => {
  const extension = fs.readFileSync(path.join(dist, 'extension.js'), 'utf8');
  const cli = fs.readFileSync(path.join(dist, 'cli.js'), 'utf8');

  it('does not carry the YAML parser or the Markdown renderer (the roadmap is compiled at build time)', () => {
    assert.ok(cli.includes('YAMLParseError') && cli.includes('normalizeLinkText'), 'the markers must be found where the libraries are');
    assert.ok(!extension.includes('YAMLParseError'), 'yaml is bundled into dist/extension.js');
    assert.ok(!extension.includes('normalizeLinkText'), 'markdown-it is bundled into dist/extension.js');
  });

  it('ships the compiled roadmap beside it, with lessons in their own file', () => {
    const roadmap = JSON.parse(fs.readFileSync(path.join(dist, 'roadmap.json'), 'utf8'));
    const lessons = JSON.parse(fs.readFileSync(path.join(dist, 'lessons.json'), 'utf8'));
    const ids = roadmap.sections.flatMap((s: { nodes: { id: string }[] }) => s.nodes.map((n) => n.id));
    assert.deepStrictEqual(Object.keys(lessons).sort(), [...ids].sort());
    assert.ok(!JSON.stringify(roadmap).includes('<h2>'), 'lesson HTML leaked into roadmap.json');
  });

  it('leaves the runner, the scaffold engine and the example roadmap to bundles of their own, built and packaged beside it', () => {
    const src = path.resolve(__dirname, '../../../src');
    const names = new Set<string>();
    for (const file of fs.readdirSync(src, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts')) continue;
      for (const m of fs.readFileSync(path.join(src, file), 'utf8').matchAll(/lazyBundle<[^>]+>\('(\w+)'\)/g)) names.add(m[1]);
    }
    assert.deepStrictEqual([...names].sort(), ['commandsOnDemand', 'dashboardPanel', 'lessonPanel', 'roadmapExample', 'roadmapLoader', 'scaffoldEngine', 'verifyEngine', 'verifyUi']);
    const ignore = fs.readFileSync(path.resolve(src, '..', '.vscodeignore'), 'utf8').split('\n');
    for (const name of names) {
      assert.ok(fs.existsSync(path.join(dist, `${name}.js`)), `dist/${name}.js is built`);
      assert.ok(ignore.includes(`!dist/${name}.js`), `dist/${name}.js goes into the .vsix`);
    }
    assert.ok(!extension.includes('repeatUntil'), 'the verify runner is not in dist/extension.js');
    assert.ok(fs.readFileSync(path.join(dist, 'verifyEngine.js'), 'utf8').includes('repeatUntil'));
  });
});
