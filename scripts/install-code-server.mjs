// Installs code-server (VS Code's own server and web workbench) into .vscode-test/, offline from
// GitHub: the only outside source is the npm registry. Idempotent: a finished install is reused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, rmSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages, CODE_SERVER_PACKAGES } from './system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** code-server 4.100.3 is VS Code 1.100.3, the newest whose engines accept Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';
// Read from code-server's lib/vscode/npm-shrinkwrap.json and @vscode/ripgrep's lib/postinstall.js.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RG_ASSET_VERSION = 'v13.0.0-10';

export const codeServerDir = path.join(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const doneMarker = path.join(codeServerDir, '.installed');

/** Returns the path of code-server's entry script, installing it first when needed. */
export function ensureCodeServer() {
  if (existsSync(doneMarker) && existsSync(codeServerEntry)) return codeServerEntry;
  ensureDebianPackages(CODE_SERVER_PACKAGES);
  const started = Date.now();
  console.log(`[setup] installing code-server ${CODE_SERVER_VERSION} into ${path.relative(root, codeServerDir)} (about a minute)`);
  rmSync(codeServerDir, { recursive: true, force: true });
  mkdirSync(codeServerDir, { recursive: true });
  const tmp = path.join(codeServerDir, 'tmp');
  // @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds the asset.
  const cache = path.join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(cache, { recursive: true });
  const rgDir = path.join(tmp, 'rg');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync(execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim(), path.join(rgDir, 'rg'));
  execFileSync('tar', ['czf', path.join(cache, `ripgrep-${RG_ASSET_VERSION}-x86_64-unknown-linux-musl.tar.gz`), '-C', rgDir, 'rg']);
  writeFileSync(path.join(codeServerDir, 'package.json'), JSON.stringify({ name: 'code-server-host', private: true }, null, 2));
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: codeServerDir,
    stdio: 'inherit',
    env: {
      ...process.env,
      TMPDIR: tmp,
      npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root otherwise
      npm_config_yes: 'true', // a nested postinstall runs `npx node-gyp`
      npm_config_dangerously_allow_all_scripts: 'true', // npm 11 skips dependency install scripts by default
    },
  });
  if (!existsSync(codeServerEntry)) throw new Error(`code-server install finished but ${codeServerEntry} is missing`);
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(doneMarker, new Date().toISOString() + '\n');
  console.log(`[setup] code-server ready in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerEntry;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureCodeServer();
}
