import * as assert from 'assert';
import * as path from 'path';

/** ESLint over the sources, the tests, the scripts and the pages: clean, as `npm run lint` shows it. */
describe('lint', function () {
  this.timeout(180_000);

  it('finds no problem in src/, test/, bench/, scripts/ and media/ (npm run lint)', async () => {
    const root = path.resolve(__dirname, '../../..');
    // ESLint is an ES module; the unit tests are CommonJS.
    const { ESLint } = (await import('eslint')) as typeof import('eslint');
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(['src', 'test', 'bench', 'scripts', 'media', 'esbuild.mjs']);
    assert.ok(results.length > 50, `ESLint looked at only ${results.length} files`);
    const problems = results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column}: ${m.message} (${m.ruleId ?? 'parser'})`));
    assert.deepStrictEqual(problems, []);
  });
});
