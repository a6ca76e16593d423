// The integration layer: mocha inside a real VS Code extension host, started by
// @vscode/test-electron's runTests(). Where VS Code cannot be downloaded (this project's CI),
// the executable is code-server driven through Chromium; set VSCODE_EXECUTABLE to use another.
import { runTests } from '@vscode/test-electron';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [resultsFile] = process.argv.slice(2);
const workspace = mkdtempSync(path.join(os.tmpdir(), 'roadmap-workspace-'));
let code = 0;
try {
  await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE ?? path.join(root, 'scripts', 'code-server-as-vscode.mjs'),
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [workspace],
    extensionTestsEnv: { ROADMAP_TEST_RESULTS: resultsFile, ...(process.env.ROADMAP_TEST_GREP ? { ROADMAP_TEST_GREP: process.env.ROADMAP_TEST_GREP } : {}) },
  });
} catch (err) {
  console.error(`[integration] ${err.message ?? err}`);
  code = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  console.log(results.report ?? '');
  console.log(`[integration] ${results.passed} passed, ${results.failed} failed`);
} catch {
  console.error('[integration] the extension host wrote no results: the run did not start or crashed');
  code = 1;
}
process.exit(code);
