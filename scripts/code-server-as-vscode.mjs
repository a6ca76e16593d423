#!/usr/bin/env node
// A stand-in for the VS Code executable that @vscode/test-electron's runTests() launches. It takes
// the same arguments (--extensionDevelopmentPath=, --extensionTestsPath=, a folder), runs them in
// code-server through a headless Chromium, and exits with the code the test run reported.
import { startCodeServer, workbenchUrl } from './code-server.mjs';
import { launchBrowser } from './browser.mjs';
import path from 'node:path';
import os from 'node:os';

const args = process.argv.slice(2);
const value = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const extensionPath = value('extensionDevelopmentPath');
const testsPath = value('extensionTestsPath');
const folder = path.resolve(args.find((a) => !a.startsWith('-')) ?? os.tmpdir());
if (!extensionPath || !testsPath) {
  console.error('usage: code-server-as-vscode.mjs <folder> --extensionDevelopmentPath=<dir> --extensionTestsPath=<file>');
  process.exit(2);
}

const timeoutMs = Number(process.env.ROADMAP_TEST_TIMEOUT_MS ?? 300_000);
const server = await startCodeServer({ folder });
const browser = await launchBrowser();
let code = 1;
try {
  const page = await browser.context.newPage();
  let finish;
  const finished = new Promise((r) => (finish = r));
  await page.exposeFunction('codeAutomationExit', (c) => finish(Number(c)));
  // The test report travels in the results file; the page console is echoed only on request.
  if (process.env.ROADMAP_DEBUG_CONSOLE) page.on('console', (msg) => console.log('[page]', msg.text()));
  page.on('pageerror', (err) => console.error('[page error]', err.message));
  await page.goto(workbenchUrl(server, { folder, extensionPath: path.resolve(extensionPath), testsPath: path.resolve(testsPath) }));
  const timer = new Promise((r) => setTimeout(() => r('timeout'), timeoutMs));
  const result = await Promise.race([finished, timer]);
  if (result === 'timeout') {
    console.error(`the test run did not finish within ${timeoutMs / 1000} s`);
    await page.screenshot({ path: path.join(os.tmpdir(), 'roadmap-integration-timeout.png') }).catch(() => {});
  } else code = result;
} catch (err) {
  console.error(err);
} finally {
  await browser.close();
  await server.stop();
}
process.exit(code);
