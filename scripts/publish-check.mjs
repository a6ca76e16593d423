// `npm run publish:check`: whether the extension is ready for both registries, without publishing:
// the manifest rules (scripts/manifest-check.mjs), then a package built the way `npm run package`
// builds it, with no packager warning and the right files (scripts/vsix.mjs). Exit 1 on any problem.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestProblems } from './manifest-check.mjs';
import { readVsix } from './vsix.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const problems = manifestProblems(pkg, nls, root);
for (const p of problems) console.error(`  - ${p}`);
console.log(`manifest: ${problems.length ? `${problems.length} problem(s)` : 'ready for the Marketplace and Open VSX'}`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-publish-check-'));
const out = path.join(dir, `${pkg.name}-${pkg.version}.vsix`);
try {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs'), '--out', out], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    console.error(`${r.stdout}${r.stderr}`);
    console.log('package: FAILED');
    process.exit(1);
  }
  const vsix = readVsix(out);
  console.log(`package: ${pkg.publisher}.${pkg.name} ${pkg.version}, ${vsix.entries.length} files, ${(vsix.bytes / 1048576).toFixed(2)} MB, no packager warning`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(problems.length ? 1 : 0);
