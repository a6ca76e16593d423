import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '../../..');
const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), ...args], { cwd: root, encoding: 'utf8' });

describe('command-line twin (dist/cli.js)', () => {
  it('prints help with --help and exits 0', () => {
    const r = cli('--help');
    assert.strictEqual(r.status, 0);
    assert.match(r.stdout, /Usage: node dist\/cli\.js <command>/);
    assert.match(r.stdout, /lint \[file\]/);
  });

  it('exits 2 with a message on an unknown command', () => {
    const r = cli('frobnicate');
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /unknown command 'frobnicate'/);
  });

  it('lints a broken file as file:line:column: message and exits 1', () => {
    const r = cli('lint', 'test/fixtures/roadmaps/bad-url.roadmap.yaml');
    assert.strictEqual(r.status, 1);
    assert.match(r.stdout, /^test\/fixtures\/roadmaps\/bad-url\.roadmap\.yaml:18:18: URL 'http:\/\/developer\.mozilla\.org\/en-US\/docs\/Web\/HTTP' is not a valid https URL/m);
  });

  it('passes a valid file with exit 0', () => {
    const r = cli('lint', 'test/fixtures/roadmaps/valid.roadmap.yaml');
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /ok \(1 sections, 2 nodes, 2 lessons, 1 plans, 1 project ideas\)/);
  });
});
