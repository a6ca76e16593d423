// `npm run package [-- --out <file>]`: a production build, then a .vsix made by @vscode/vsce, whose
// contents are checked (scripts/vsix.mjs). Any packager warning fails it: a warning on the way to
// the registries is a listing that reads wrong or a file that is missing.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVsix, vsixProblems } from './vsix.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = (await import(path.join(root, 'package.json'), { with: { type: 'json' } })).default;
const at = process.argv.indexOf('--out');
const out = path.resolve(at > 0 && process.argv[at + 1] ? process.argv[at + 1] : path.join(root, `${pkg.name}-${pkg.version}.vsix`));

/** Runs vsce with no terminal to answer its questions, and fails on any warning it prints. */
export function vsce(args) {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${r.stdout}${r.stderr}`;
  const warnings = output.split('\n').filter((l) => /\bWARNING\b/.test(l));
  return { ok: r.status === 0 && warnings.length === 0, status: r.status, output, warnings };
}

const r = vsce(['package', '--no-dependencies', '--out', out]);
process.stdout.write(r.output);
if (!r.ok) {
  console.error(r.status === 0 ? `packaging printed ${r.warnings.length} warning(s); fix them:\n${r.warnings.join('\n')}` : `vsce package exited with ${r.status}`);
  process.exit(1);
}
const problems = vsixProblems(readVsix(out), pkg, root);
if (problems.length) {
  console.error(`${out} is not fit to publish:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`packaged: ${out}`);
