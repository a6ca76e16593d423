// Reference solutions are patches against the freshly scaffolded starter
// (test/fixtures/reference/<idea>/<stack>.patch): the diff is what a learner writes to pass every
// milestone, and a starter change the patch no longer fits fails loudly instead of being overwritten.
//
//   node scripts/reference.mjs open <idea> <stack> <dir>   scaffold the starter into <dir> and apply the patch
//   node scripts/reference.mjs save <idea> <stack> <dir>   write <dir>'s changes against the starter back as the patch
//   node scripts/reference.mjs apply <patch> <dir>         apply a patch to a scaffolded project (used by the starters layer)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const referencePatch = (idea, stack) => path.join(root, 'test', 'fixtures', 'reference', idea, `${stack}.patch`);
/** What installing and building leave in a project; never part of a solution. */
const BUILD_OUTPUT = new Set(['node_modules', 'dist', '.venv', 'bin', '__pycache__', '.pytest_cache', '.git']);

export function scaffold(idea, stack, dir) {
  execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'scaffold', idea, '--stack', stack, '--dir', dir], { stdio: 'pipe' });
}

/** Applies a reference patch to a project; throws with git's message when it does not fit. */
export function applyReference(patch, dir) {
  execFileSync('git', ['apply', '--whitespace=nowarn', patch], { cwd: dir, stdio: 'pipe' });
}

/** The diff from the scaffolded starter (with its reference solution when `withReference`) to `dir`, leaving build output out. */
export function diffAgainst(idea, stack, dir, withReference = false) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'roadmap-reference-'));
  try {
    const repo = path.join(work, 'repo');
    scaffold(idea, stack, repo);
    if (withReference) applyReference(referencePatch(idea, stack), repo);
    const git = (...args) => execFileSync('git', ['-c', 'user.name=reference', '-c', 'user.email=reference@localhost', ...args], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'starter');
    for (const entry of readdirSync(repo)) if (entry !== '.git') rmSync(path.join(repo, entry), { recursive: true, force: true });
    cpSync(dir, repo, { recursive: true, filter: (src) => !BUILD_OUTPUT.has(path.basename(src)) || src === dir });
    git('add', '-A');
    return git('diff', '--cached', '--no-color');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'open' && args.length === 3) {
    const [idea, stack, dir] = args;
    scaffold(idea, stack, path.resolve(dir));
    applyReference(referencePatch(idea, stack), path.resolve(dir));
    console.log(`${dir}: the ${idea} ${stack} starter with its reference solution applied`);
  } else if (command === 'save' && args.length === 3) {
    const [idea, stack, dir] = args;
    const diff = diffAgainst(idea, stack, path.resolve(dir));
    if (!diff.trim()) throw new Error(`${dir} does not differ from the ${idea} ${stack} starter`);
    writeFileSync(referencePatch(idea, stack), diff);
    console.log(`wrote ${path.relative(root, referencePatch(idea, stack))} (${diff.split('\n').length} lines)`);
  } else if (command === 'apply' && args.length === 2) {
    applyReference(path.resolve(args[0]), path.resolve(args[1]));
  } else {
    console.error('usage: node scripts/reference.mjs open|save <idea> <stack> <dir> | apply <patch> <dir>');
    process.exit(2);
  }
}
