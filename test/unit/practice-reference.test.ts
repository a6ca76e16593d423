import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyFilePatch, parsePatch, PatchError } from '../../src/practice/patch';
import { referenceFiles } from '../../src/practice/reference';

const root = path.resolve(__dirname, '../../..');
const referencesDir = path.join(root, 'test', 'fixtures', 'reference');

describe('practice: reference solutions as files', () => {
  // git apply is the judge: every shipped patch, applied by the extension's own code to the
  // starter, gives exactly the files git gives.
  for (const idea of fs.readdirSync(referencesDir).sort()) {
    for (const patch of fs.readdirSync(path.join(referencesDir, idea)).filter((f) => f.endsWith('.patch'))) {
      const stack = path.basename(patch, '.patch');
      it(`${idea} (${stack}): the files match what git apply makes of the scaffolded starter`, () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-ref-'));
        try {
          execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'scaffold', idea, '--stack', stack, '--dir', path.join(dir, 'p')], { stdio: 'pipe' });
          execFileSync('git', ['apply', '--whitespace=nowarn', path.join(referencesDir, idea, patch)], { cwd: path.join(dir, 'p'), stdio: 'pipe' });
          const files = referenceFiles(fs.readFileSync(path.join(referencesDir, idea, patch), 'utf8'), path.join(root, 'roadmap', 'starters', idea, stack));
          assert.ok(files.length > 0);
          for (const f of files) {
            const onDisk = path.join(dir, 'p', f.path);
            if (f.deleted) assert.ok(!fs.existsSync(onDisk), `${f.path} is deleted`);
            else assert.strictEqual(f.text, fs.readFileSync(onDisk, 'utf8'), `${f.path} differs from git apply's`);
          }
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  }

  const patch = ['diff --git a/a.txt b/a.txt', '--- a/a.txt', '+++ b/a.txt', '@@ -1,3 +1,3 @@', ' one', '-two', '+TWO', ' three', ''].join('\n');

  it('applies a hunk and keeps the rest of the file', () => {
    const [fp] = parsePatch(patch);
    assert.strictEqual(applyFilePatch('one\ntwo\nthree\nfour\n', fp), 'one\nTWO\nthree\nfour\n');
  });

  it('refuses a hunk that no longer fits, saying the file, the hunk and the line', () => {
    const [fp] = parsePatch(patch);
    assert.throws(() => applyFilePatch('one\n2\nthree\n', fp), (e: Error) => e instanceof PatchError && /a\.txt: hunk 1 does not fit at line 2: expected 'two', found '2'/.test(e.message));
  });

  it('keeps a missing newline at the end where the patch says so', () => {
    const noEol = ['diff --git a/b b/b', '--- a/b', '+++ b/b', '@@ -1 +1 @@', '-x', '\\ No newline at end of file', '+y', '\\ No newline at end of file', ''].join('\n');
    assert.strictEqual(applyFilePatch('x', parsePatch(noEol)[0]), 'y');
  });

  it('refuses a patch whose path climbs out of the project', () => {
    const evil = patch.replace(/a\.txt/g, '../../etc/passwd');
    assert.throws(() => referenceFiles(evil, path.join(root, 'roadmap', 'starters', 'url-shortener', 'ts')), /climbs out|outside/);
  });
});
