// Debian packages the test layers and `npm start` need, installed once when missing.
import { execFileSync, spawnSync } from 'node:child_process';

/** Packages by purpose: code-server's native modules, its search tool, and the browser. */
export const CODE_SERVER_PACKAGES = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config', 'ripgrep', 'python3', 'make', 'g++'];
export const BROWSER_PACKAGES = ['chromium'];

function missing(packages) {
  return packages.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

let updated = false;

/** Installs whichever of `packages` are missing; explains what to do when it cannot. */
export function ensureDebianPackages(packages) {
  if (spawnSync('dpkg-query', ['--version']).status !== 0) {
    console.log(`[setup] not a Debian system: make sure these are installed: ${packages.join(' ')}`);
    return;
  }
  const need = missing(packages);
  if (need.length === 0) return;
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ['sudo', '-n'];
  console.log(`[setup] installing Debian packages: ${need.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    if (!updated) {
      execFileSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(asRoot ? [] : ['apt-get']), 'update', '-q'], { stdio: 'inherit', env });
      updated = true;
    }
    execFileSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(asRoot ? [] : ['apt-get']), 'install', '-y', '-q', '--no-install-recommends', ...need], { stdio: 'inherit', env });
  } catch (err) {
    throw new Error(`could not install ${need.join(' ')} (${err.message}). Install them with: sudo apt-get install ${need.join(' ')}`);
  }
}
