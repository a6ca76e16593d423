import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { BUNDLE_ENTRIES } from '../../src/bundles';
import { CONTEXT_KEYS } from '../../src/ids';

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

  it('leaves every part used on an explicit action to a bundle of its own, built and packaged beside it', () => {
    const names = Object.keys(BUNDLE_ENTRIES);
    assert.deepStrictEqual(names.sort(), ['dashboards', 'graphs', 'lessonPanel', 'progressFileCommands', 'reviewPanel', 'roadmapFileCommands', 'roadmapLoader', 'scaffoldCommands', 'verifyUi', 'viewCommands']);
    const src = path.resolve(__dirname, '../../../src');
    // Nothing loads a bundle but through src/bundles.ts: no other require() of a computed path.
    for (const file of fs.readdirSync(src, { recursive: true }) as string[]) {
      if (file.endsWith('.ts') && file !== 'bundles.ts') assert.ok(!/require\(path\.join\(__dirname/.test(fs.readFileSync(path.join(src, file), 'utf8')), `${file} loads a bundle of its own`);
    }
    const ignore = fs.readFileSync(path.resolve(src, '..', '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/*.js'), 'the .vsix takes every bundle in dist/');
    for (const name of names) {
      const built = fs.readFileSync(path.join(dist, `${name}.js`), 'utf8');
      assert.ok(built.length > 0, `dist/${name}.js is built`);
    }
    assert.ok(!extension.includes('repeatUntil'), 'the verify runner is not in dist/extension.js');
    assert.ok(fs.readFileSync(path.join(dist, 'verifyUi.js'), 'utf8').includes('repeatUntil'));
    assert.ok(!extension.includes('Practises:'), 'the scaffold command is not in dist/extension.js');
    assert.ok(!extension.includes('lesson page sent a message that was refused'), 'the lesson page is not in dist/extension.js');
    assert.ok(!extension.includes('Roadmap progress:'), 'the dashboard is not in dist/extension.js');
  });

  it('keeps the check engine, its YAML parser and its database and WebSocket clients out of every page\'s bundle', () => {
    // Markers of pg (its SCRAM handshake) and yaml, found where the engine is.
    const verifyUi = fs.readFileSync(path.join(dist, 'verifyUi.js'), 'utf8');
    assert.ok(verifyUi.includes('SCRAM-SERVER-FIRST-MESSAGE') && verifyUi.includes('YAMLParseError') && verifyUi.includes('repeatUntil'), 'the markers must be found where the engine is');
    for (const name of ['lessonPanel', 'reviewPanel', 'dashboards', 'graphs', 'extension']) {
      const built = fs.readFileSync(path.join(dist, `${name}.js`), 'utf8');
      for (const marker of ['SCRAM-SERVER-FIRST-MESSAGE', 'YAMLParseError', 'repeatUntil']) assert.ok(!built.includes(marker), `dist/${name}.js carries ${marker}: a page imports a value from the check engine`);
    }
  });
});

describe('the view before its rows arrive', () => {
  it('shows its "could not be loaded" welcome only when loading failed, not while the extension is still activating', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    const welcome = manifest.contributes.viewsWelcome as { view: string; contents: string; when?: string }[];
    assert.deepStrictEqual(welcome.map((w) => [w.view, w.when]), [['backendRoadmap.tree', CONTEXT_KEYS.loadFailed]]);
    const extension = fs.readFileSync(path.resolve(__dirname, '../../../src/extension.ts'), 'utf8');
    assert.match(extension, /executeCommand\('setContext', CONTEXT_KEYS\.loadFailed, true\)/);
  });
});
