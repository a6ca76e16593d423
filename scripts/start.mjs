// `npm start`: builds, then opens VS Code with the extension loaded. Desktop VS Code when `code`
// is on PATH; otherwise a local code-server in the browser, whose URL is printed. Ctrl+C stops
// everything this script started.
import { spawnSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { ensureNodeModules } from './npm-deps.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function must(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n'${[cmd, ...args].join(' ')}' failed (exit ${r.status}).`);
    process.exit(1);
  }
}

if (!ensureNodeModules(root)) {
  console.error('\nnpm could not install the packages; see the output above.');
  process.exit(1);
}
must(process.execPath, ['esbuild.mjs']);

// A folder to open: the one given, or a scratch workspace inside the project (git-ignored).
const folder = path.resolve(process.argv[2] ?? path.join(root, '.vscode-test', 'workspace'));
mkdirSync(folder, { recursive: true });

const hasCode = !process.env.ROADMAP_USE_CODE_SERVER && spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
if (hasCode) {
  console.log(`Opening VS Code with the extension from ${root}`);
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, folder], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const { startCodeServer, workbenchUrl } = await import('./code-server.mjs');
  const port = Number(process.env.PORT ?? 8080);
  const keepData = path.join(root, '.vscode-test', 'start-data');
  let server;
  try {
    server = await startCodeServer({ folder, port: Number.isInteger(port) && port > 0 ? port : undefined, keepData });
  } catch (err) {
    console.error(`code-server could not start: ${err.message}\nIs port ${port} in use? Try PORT=8081 npm start.`);
    process.exit(1);
  }
  const url = workbenchUrl(server, { folder, extensionPath: root });
  console.log(`\nBackend Roadmap is running in VS Code (code-server) at:\n\n  ${url}\n\nOpen it in a browser; the Roadmap icon is in the activity bar. Press Ctrl+C to stop.\n`);
  const stop = async () => {
    console.log('\nStopping code-server...');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
