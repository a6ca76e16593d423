// Starts and stops a private code-server (VS Code 1.100.3 in the browser) for tests, `npm start`
// and benchmarks: fresh user data per run, no outside lookups, killed with its whole process group.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureCodeServer } from './install-code-server.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** User settings for every run: quiet, no telemetry, no trust prompt, no welcome page. */
export const BASE_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
};

/**
 * Starts code-server and waits for /healthz.
 * @param {{ folder: string, settings?: object, env?: object, port?: number, keepData?: string, log?: (s: string) => void, trust?: boolean, vsix?: string | string[] }} options
 */
export async function startCodeServer(options) {
  const entry = ensureCodeServer();
  const port = options.port ?? (await freePort());
  const base = options.keepData ?? mkdtempSync(path.join(os.tmpdir(), 'roadmap-cs-'));
  const dirs = { userData: path.join(base, 'user-data'), extensions: path.join(base, 'extensions'), config: path.join(base, 'config'), data: path.join(base, 'data'), tmp: path.join(base, 'tmp') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...(options.settings ?? {}) }, null, 2));
  const env = { ...process.env, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, TMPDIR: dirs.tmp, EXTENSIONS_GALLERY: '{"serviceUrl":""}', ...(options.env ?? {}) };
  if (options.vsix) {
    // A packaged extension is installed like a learner's would be, instead of loaded from source.
    const installs = [options.vsix].flat().flatMap((v) => ['--install-extension', path.resolve(v)]);
    execFileSync(process.execPath, [entry, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, ...installs], { env, stdio: 'pipe' });
  }
  const cfg = path.join(base, 'config.yaml');
  writeFileSync(cfg, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [entry, '--config', cfg, '--auth', 'none', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override'];
  if (options.trust !== true) args.push('--disable-workspace-trust');
  args.push(options.folder);
  const child = spawn(process.execPath, args, {
    detached: true, // its own process group, so stop() ends everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  const output = [];
  const keep = (chunk) => {
    const s = chunk.toString();
    output.push(s);
    if (output.length > 200) output.shift();
    options.log?.(s);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    if (exited === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      await new Promise((r) => {
        const t = setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {}
          r();
        }, 3000);
        child.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
    if (!options.keepData) rmSync(base, { recursive: true, force: true });
  };
  const onExit = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  };
  process.on('exit', onExit);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (true) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited (${exited.code ?? exited.signal}) before it answered; its output:\n${output.join('').slice(-3000)}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url}/healthz within 60 s; its output:\n${output.join('').slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { url, port, dirs, base, stop, output: () => output.join('') };
}

/** The workbench URL that opens `folder` with the extension loaded from source (and tests, if given). */
export function workbenchUrl(server, { folder, extensionPath, testsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [];
  if (extensionPath) payload.push(['extensionDevelopmentPath', remote(extensionPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  const q = new URLSearchParams({ folder });
  if (payload.length) q.set('payload', JSON.stringify(payload));
  return `${server.url}/?${q.toString()}`;
}
