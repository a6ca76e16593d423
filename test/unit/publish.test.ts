import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');

interface ManifestCheck {
  manifestProblems(pkg: unknown, nls: Record<string, string>, root: string): string[];
}
interface Vsix {
  readVsix(file: string): { bytes: number; entries: { name: string; size: number }[] };
  vsixProblems(vsix: { bytes: number; entries: { name: string; size: number }[] }, pkg: unknown, root: string): string[];
  MAX_VSIX_BYTES: number;
}
const load = <T>(name: string): Promise<T> => import(path.join(ROOT, 'scripts', name)) as Promise<T>;
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

/** A zip with stored (uncompressed) entries, as the central directory describes them. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const n = Buffer.from(name);
    const data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(n.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    central.push(entry, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

describe('publish readiness: the manifest both registries read', () => {
  it('the manifest of this project has no problem, and every string a learner reads is in package.nls.json', async () => {
    const { manifestProblems } = await load<ManifestCheck>('manifest-check.mjs');
    assert.deepStrictEqual(manifestProblems(read('package.json'), read('package.nls.json'), ROOT), []);
    const pkg = read('package.json');
    for (const c of pkg.contributes.commands) assert.match(`${c.title} ${c.category}`, /^%command\.\w+\.title% %command\.category%$/, c.command);
  });

  it('names the field and what to write for each mistake', async () => {
    const { manifestProblems } = await load<ManifestCheck>('manifest-check.mjs');
    const nls = read('package.nls.json');
    const problems = (change: (pkg: ReturnType<typeof read>, nls: Record<string, string>) => void): string => {
      const pkg = read('package.json');
      const strings = { ...nls };
      change(pkg, strings);
      return manifestProblems(pkg, strings, ROOT).join('\n');
    };
    assert.match(problems((p) => (p.categories = ['Education', 'Learning'])), /categories: "Learning" is not a category of the Marketplace/);
    assert.match(problems((p) => (p.contributes.commands[0].title = 'Open Lesson')), /contributes\.commands\[0\]\.title: "Open Lesson" is shown to learners: move it to package\.nls\.json/);
    assert.match(problems((_, n) => delete n['command.openLesson.title']), /contributes\.commands\[0\]\.title: "%command\.openLesson\.title%" has no text in package\.nls\.json/);
    assert.match(problems((_, n) => (n['command.stale.title'] = 'Stale')), /package\.nls\.json "command\.stale\.title" is not used/);
    assert.match(problems((p) => (p.icon = 'media/roadmap.svg')), /icon: a PNG of at least 128 x 128 pixels/);
    assert.match(problems((p) => (p.version = '0.1')), /version: "0\.1" is not major\.minor\.patch/);
    assert.match(problems((p) => (p.version = '0.2.0')), /CHANGELOG\.md: no "## \[0\.2\.0\] - YYYY-MM-DD" entry/);
    assert.match(problems((p) => (p.activationEvents = ['*'])), /activationEvents: "\*" starts the extension/);
    assert.match(problems((p) => delete p.repository), /repository\.url: an https:\/\/ address/);
    assert.match(problems((p) => (p.keywords = Array.from({ length: 31 }, (_, i) => `k${i}`))), /keywords: 1 to 30 keywords \(has 31\)/);
    assert.match(problems((p) => (p.publisher = 'Backend Roadmap')), /publisher: the publisher id/);
    assert.match(problems((p) => (p.contributes.walkthroughs[0].steps[0].completionEvents = [])), /walkthrough step open: completionEvents/);
    assert.match(problems((p) => (p.contributes.walkthroughs[0].steps[1].media.markdown = 'media/walkthrough/nope.md')), /walkthrough step plan: media media\/walkthrough\/nope\.md is missing/);
  });
});

describe('publish readiness: what the package holds', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-vsix-test-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the names and sizes of a zip\'s entries, and refuses a file that is not a zip', async () => {
    const { readVsix } = await load<Vsix>('vsix.mjs');
    const file = path.join(dir, 'a.vsix');
    fs.writeFileSync(file, zip({ 'extension/package.json': '{}', 'extension/dist/extension.js': 'x'.repeat(300) }));
    assert.deepStrictEqual(readVsix(file).entries, [{ name: 'extension/package.json', size: 2 }, { name: 'extension/dist/extension.js', size: 300 }]);
    fs.writeFileSync(path.join(dir, 'b.vsix'), 'not a zip at all, only text');
    assert.throws(() => readVsix(path.join(dir, 'b.vsix')), /not a zip file/);
  });

  it('names what is missing and what is not for learners', async () => {
    const { vsixProblems, MAX_VSIX_BYTES } = await load<Vsix>('vsix.mjs');
    const pkg = read('package.json');
    const entries = (names: string[]) => names.map((name) => ({ name: `extension/${name}`, size: 1 }));
    const problems = vsixProblems({ bytes: MAX_VSIX_BYTES + 1, entries: entries(['package.json', 'out/test/unit/a.test.js', 'dist/extension.js.map', 'src/extension.ts', 'roadmap/starters/todo-api/ts/src/server.ts', 'roadmap/starters/todo-api/ts/.env']) }, pkg, ROOT).join('\n');
    assert.match(problems, /package\.nls\.json is missing/);
    assert.match(problems, /media\/walkthrough\/verify\.md is missing \(named in package\.json\)/);
    assert.match(problems, /dist\/exercises\.json is missing \(the compiled roadmap\)/);
    assert.match(problems, /dist\/exercise-index\.json is missing \(the compiled roadmap\)/);
    assert.match(problems, /roadmap\/starters\/todo-api\/go\/starter\.json is missing \(used at run time\)/);
    assert.match(problems, /out\/test\/unit\/a\.test\.js is not for learners \(out\/\)/);
    assert.match(problems, /dist\/extension\.js\.map is a source map/);
    assert.match(problems, /src\/extension\.ts is not for learners/);
    assert.match(problems, /roadmap\/starters\/todo-api\/ts\/\.env is an environment file/);
    assert.doesNotMatch(problems, /server\.ts/, 'a starter\'s TypeScript is what the learner gets');
    assert.match(problems, /over the 5 MB/);
  });
});
