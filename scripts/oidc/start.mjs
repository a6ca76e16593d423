// Starts the OpenID Connect provider of scripts/oidc/provider.mjs for tests: its package is installed
// once with npm into .vscode-test/oidc-provider/<version>/ and the provider runs from there, on a
// free loopback port, with the issuer http://127.0.0.1:<port>.
// Usage: node scripts/oidc/start.mjs   (installs now and serves on port 4000 until stopped)
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
const VERSION = manifest.dependencies['oidc-provider'];

/** The client every starter's .env.example names. */
export const OIDC_TEST = { clientId: 'saas-app', clientSecret: 'saas-app-secret' };

/** The folder the provider runs from, its package installed on first use. */
export function providerDir({ log = console.log } = {}) {
  const dir = path.join(root, '.vscode-test', 'oidc-provider', VERSION);
  if (!existsSync(path.join(dir, 'node_modules', 'oidc-provider', 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(here, 'package.json'), path.join(dir, 'package.json'));
    log(`[oidc] installing oidc-provider ${VERSION} (once; cached in ${path.relative(root, dir)})`);
    try {
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--omit=dev'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      throw new Error(`could not install oidc-provider ${VERSION} with npm in ${dir}: ${String(err.stderr ?? err.message).trim().split('\n').slice(-5).join('\n')}`);
    }
  }
  copyFileSync(path.join(here, 'provider.mjs'), path.join(dir, 'provider.mjs'));
  return dir;
}

/** Starts the provider on `port`; its URL is the issuer. */
export async function startOidcProvider(port) {
  const dir = providerDir();
  const issuer = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: String(port), ISSUER: issuer, OIDC_CLIENT_ID: OIDC_TEST.clientId, OIDC_CLIENT_SECRET: OIDC_TEST.clientSecret };
  const child = spawn(process.execPath, ['provider.mjs'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`${issuer}/.well-known/openid-configuration`)).ok) break;
    } catch {}
    if (exited || Date.now() > deadline) {
      stop();
      throw new Error(`the OpenID Connect provider did not answer ${issuer}/.well-known/openid-configuration within 20 s${exited ? ' (it exited)' : ''}: ${stderr.trim().split('\n').slice(-5).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: issuer, stop };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startOidcProvider(Number(process.env.PORT || 4000));
  console.log(`[oidc] provider at ${url}; client ${OIDC_TEST.clientId} / ${OIDC_TEST.clientSecret}; Ctrl-C stops it`);
}
