// `npm run package`: a production build, then a .vsix made by @vscode/vsce.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = (await import(path.join(root, 'package.json'), { with: { type: 'json' } })).default;
const out = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const r = spawnSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', out], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`packaged: ${out}`);
