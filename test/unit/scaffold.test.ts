import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listStarters, safeJoin, scaffold, ScaffoldError, targetProblem, type Starter } from '../../src/scaffold/engine';
import { expand, parseManifest, resolveVariables } from '../../src/scaffold/manifest';

const shipped = path.resolve(__dirname, '../../../roadmap/starters');

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-scaffold-test-'));
}

/** A small starter written on the fly, so each refusal can be set up exactly. */
function makeStarter(files: Record<string, string>, manifest: Record<string, unknown> = {}): Starter {
  const dir = tmp();
  const raw = {
    idea: 'demo', stack: 'ts', title: 'Demo', variables: [{ name: 'name', description: 'a name', pattern: '[a-z]+', default: 'demo' }],
    executable: [], services: [], install: [], start: 'node main.js', test: { unit: 'true', integration: 'true' }, port: 3000, healthPath: '/health', nodes: [], ...manifest,
  };
  fs.writeFileSync(path.join(dir, 'starter.json'), JSON.stringify(raw));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const parsed = parseManifest(raw, 'test');
  assert.deepStrictEqual(parsed.problems, []);
  return { dir, manifest: parsed.manifest! };
}

function siblings(target: string): string[] {
  return fs.readdirSync(path.dirname(target)).filter((e) => e.includes(path.basename(target)));
}

describe('scaffold engine', () => {
  it('lists the shipped starters with valid manifests', () => {
    const { starters, problems } = listStarters(shipped);
    assert.deepStrictEqual(problems, []);
    assert.ok(starters.some((s) => s.manifest.idea === 'containerized-microservice' && s.manifest.stack === 'ts'));
  });

  it('writes a starter with its variables expanded, into a new folder', () => {
    const starter = makeStarter({ 'README.md': '# {{name}}\n', 'src/{{name}}.txt': 'x', 'run.sh': '#!/bin/sh\necho {{ name }}\n' }, { executable: ['run.sh'] });
    const target = path.join(tmp(), 'out');
    const result = scaffold({ starter, target, variables: { name: 'shop' } });
    assert.deepStrictEqual(result.files.sort(), ['README.md', 'run.sh', 'src/shop.txt', 'starter.json']);
    assert.strictEqual(fs.readFileSync(path.join(target, 'README.md'), 'utf8'), '# shop\n');
    assert.strictEqual(fs.readFileSync(path.join(target, 'run.sh'), 'utf8'), '#!/bin/sh\necho shop\n');
    assert.strictEqual(fs.statSync(path.join(target, 'run.sh')).mode & 0o111, 0o111, 'executable from the manifest');
    assert.strictEqual(fs.statSync(path.join(target, 'README.md')).mode & 0o111, 0, 'others are not executable');
    assert.deepStrictEqual(siblings(target), ['out'], 'no staging folder left');
  });

  it('accepts a folder that holds only .git or editor folders, and keeps them', () => {
    const starter = makeStarter({ 'a.txt': 'a' });
    const target = tmp();
    fs.mkdirSync(path.join(target, '.git'));
    fs.writeFileSync(path.join(target, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    fs.mkdirSync(path.join(target, '.vscode'));
    scaffold({ starter, target, variables: {} });
    assert.ok(fs.existsSync(path.join(target, 'a.txt')));
    assert.strictEqual(fs.readFileSync(path.join(target, '.git', 'HEAD'), 'utf8'), 'ref: refs/heads/main\n');
  });

  it('refuses a non-empty folder and changes nothing in it', () => {
    const starter = makeStarter({ 'README.md': 'new' });
    const target = tmp();
    fs.writeFileSync(path.join(target, 'README.md'), 'mine');
    assert.throws(() => scaffold({ starter, target, variables: {} }), (e: Error) => e instanceof ScaffoldError && /is not empty \(README\.md\)/.test(e.message));
    assert.strictEqual(fs.readFileSync(path.join(target, 'README.md'), 'utf8'), 'mine');
    assert.deepStrictEqual(fs.readdirSync(target), ['README.md']);
  });

  it('refuses a target that is a file or a symbolic link', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'file'), 'x');
    fs.symlinkSync(tmp(), path.join(dir, 'link'));
    assert.match(targetProblem(path.join(dir, 'file')) ?? '', /is not a folder/);
    assert.match(targetProblem(path.join(dir, 'link')) ?? '', /symbolic link/);
    assert.match(targetProblem('/tmp/a\0b') ?? '', /NUL/);
  });

  for (const [what, rel, message] of [
    ['a path with ..', '../escape.txt', /climbs out of the target/],
    ['an absolute path', '/etc/evil', /absolute path/],
    ['a NUL byte', 'a\0b', /NUL byte/],
    ['a path that normalises outside', 'a/../../b', /climbs out/],
  ] as [string, string, RegExp][]) {
    it(`refuses ${what}`, () => {
      assert.throws(() => safeJoin('/tmp/target', rel), message);
    });
  }

  it('refuses file names that expand to a path outside the target', () => {
    const starter = makeStarter({ '{{where}}/x.txt': 'x' }, { variables: [{ name: 'where', description: 'folder', pattern: '[a-z./]+' }] });
    const target = path.join(tmp(), 'out');
    assert.throws(() => scaffold({ starter, target, variables: { where: '../..' } }), /climbs out of the target/);
    assert.ok(!fs.existsSync(target));
    assert.deepStrictEqual(siblings(target), []);
  });

  it('refuses a starter that holds a symbolic link', () => {
    const starter = makeStarter({ 'a.txt': 'a' });
    fs.symlinkSync('/etc/passwd', path.join(starter.dir, 'passwd'));
    const target = path.join(tmp(), 'out');
    assert.throws(() => scaffold({ starter, target, variables: {} }), /contains a symbolic link \(passwd\)/);
    assert.ok(!fs.existsSync(target));
  });

  it('refuses variables that do not match their pattern, and unknown ones', () => {
    const starter = makeStarter({ 'a.txt': '{{name}}' });
    assert.throws(() => scaffold({ starter, target: path.join(tmp(), 'o'), variables: { name: 'Bad Name' } }), /'Bad Name' is not a valid name/);
    assert.throws(() => scaffold({ starter, target: path.join(tmp(), 'o'), variables: { colour: 'red' } }), /unknown variable 'colour'/);
  });

  it('refuses an executable entry that names no file of the starter', () => {
    const starter = makeStarter({ 'a.txt': 'a' }, { executable: ['missing.sh'] });
    assert.throws(() => scaffold({ starter, target: path.join(tmp(), 'o'), variables: {} }), /marks 'missing.sh' executable/);
  });

  it('leaves no folder behind when writing fails half-way', () => {
    const starter = makeStarter({ 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c' });
    const target = path.join(tmp(), 'out');
    let written = 0;
    assert.throws(() => scaffold({ starter, target, variables: {}, onFile: () => { if (++written === 3) throw new Error('disk full'); } }), /could not write into .* disk full; nothing was left behind/);
    assert.ok(!fs.existsSync(target));
    assert.deepStrictEqual(siblings(target), [], 'the staging folder is gone too');
  });

  it('leaves an existing empty target as it was when writing fails half-way', () => {
    const starter = makeStarter({ 'a.txt': 'a', 'b.txt': 'b' });
    const target = tmp();
    fs.mkdirSync(path.join(target, '.git'));
    assert.throws(() => scaffold({ starter, target, variables: {}, onFile: (rel) => { if (rel === 'b.txt') throw new Error('boom'); } }), ScaffoldError);
    assert.deepStrictEqual(fs.readdirSync(target), ['.git']);
  });

  it('expands {{name}} and leaves unknown placeholders alone', () => {
    assert.strictEqual(expand('{{a}}-{{ b }}-{{c}}', { a: '1', b: '2' }), '1-2-{{c}}');
    assert.deepStrictEqual(resolveVariables(makeStarter({}).manifest, {}).values, { name: 'demo' });
  });

  it('reports a broken manifest with its file', () => {
    const root = tmp();
    fs.mkdirSync(path.join(root, 'idea', 'ts'), { recursive: true });
    fs.writeFileSync(path.join(root, 'idea', 'ts', 'starter.json'), '{"idea": "idea", "stack": "cobol"}');
    const { starters, problems } = listStarters(root);
    assert.strictEqual(starters.length, 0);
    assert.ok(problems.some((p) => p.includes('starter.json') && p.includes("'stack' must be one of ts, python, go")), problems.join('\n'));
  });
});

describe('shipped starters', () => {
  for (const idea of ['containerized-microservice', 'url-shortener']) {
    it(`lists ${idea} in TypeScript, Python and Go, in that order`, () => {
      const stacks = listStarters(shipped).starters.filter((s) => s.manifest.idea === idea).map((s) => s.manifest.stack);
      assert.deepStrictEqual(stacks, ['ts', 'python', 'go']);
    });
  }
});
