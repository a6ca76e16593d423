import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Locator } from 'playwright-core';
import { ROOT, Workbench } from './workbench';

interface VsixModule {
  readVsix(file: string): { bytes: number; entries: { name: string; size: number }[] };
  vsixProblems(vsix: { bytes: number; entries: { name: string; size: number }[] }, pkg: unknown, root: string): string[];
}

/**
 * The package as a learner installs it: `npm run package` builds the .vsix, its files are checked,
 * and a fresh code-server with only that package installed (no extension loaded from source) walks
 * the Getting Started walkthrough, each step completed by doing it.
 */
describe('The packaged extension and its Getting Started walkthrough', function () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-vsix-'));
  const vsix = path.join(dir, 'backend-roadmap.vsix');
  let packaged: { status: number | null; output: string };
  const wb = new Workbench('walkthrough', { 'backendRoadmap.scaffold.openIn': 'none' }, { vsix });
  const step = (id: string) => wb.page.locator(`.getting-started-step[data-step-id="backend-roadmap.backend-roadmap#start#${id}"]`);
  const done = (id: string) => wb.page.locator(`[data-done-step-id="backend-roadmap.backend-roadmap#start#${id}"][aria-checked="true"]`);
  const quickRow = (label: string | RegExp) => wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();

  const showWalkthrough = () => retried(() => wb.runCommand('Welcome: Open Walkthrough...', 'Start the backend path'));
  /** The heading of each step's Markdown page (media/walkthrough/<id>.md). */
  const HEADINGS: Record<string, string> = { open: 'The Roadmap view', plan: 'Follow a plan', hours: 'Your pace', lesson: 'Lessons beside your code', scaffold: 'Starter projects', verify: 'Verified by your own code' };
  /** The walkthrough's Markdown is a webview of the workbench's own, not of the extension. */
  const media = () => wb.page.frameLocator('iframe.webview.ready:not([src*="extensionId=backend-roadmap"])').frameLocator('#active-frame');

  /**
   * Shows the walkthrough again (the steps open other editors and views) and opens one step. Its
   * Markdown page renders a moment later and takes the focus, which would close a quick pick the
   * step's button opened before that: so the page is waited for first.
   */
  async function openStep(id: string): Promise<void> {
    await showWalkthrough();
    await step(id).click();
    await step(id).locator('.step-description-container a.monaco-button').first().waitFor({ timeout: 10_000 });
    await media().locator('h1', { hasText: HEADINGS[id] }).waitFor({ timeout: 15_000 });
    await wb.page.waitForTimeout(500);
  }
  /** Clicks the step's button until what it opens shows (a focus change can close a quick pick at once). */
  async function clickStepButton(id: string, label: string, opens: Locator): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await openStep(id);
      await step(id).locator('.step-description-container a.monaco-button', { hasText: label }).click();
      try {
        await opens.waitFor({ timeout: 10_000 });
        await wb.page.waitForTimeout(300);
        if (await opens.isVisible()) return;
      } catch (err) {
        if (attempt === 3) throw err;
      }
      if (attempt === 3) throw new Error(`the step '${id}' opened something that closed again at once`);
      await wb.page.keyboard.press('Escape');
    }
  }

  before(async function () {
    this.timeout(300_000);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
    packaged = { status: r.status, output: `${r.stdout}${r.stderr}` };
    assert.strictEqual(r.status, 0, `npm run package failed:\n${packaged.output.slice(-3000)}`);
    await wb.start();
  });
  afterEach(function () {
    return wb.captureFailure(this.currentTest);
  });
  after(async () => {
    await wb.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('packages with no packager warning: every runtime file, nothing from tests or sources, no source maps', async () => {
    assert.doesNotMatch(packaged.output, /WARNING/);
    const { readVsix, vsixProblems } = (await import(path.join(ROOT, 'scripts', 'vsix.mjs'))) as VsixModule;
    const content = readVsix(vsix);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepStrictEqual(vsixProblems(content, pkg, ROOT), []);
    const names = content.entries.map((e) => e.name);
    assert.ok(names.includes('extension/dist/extension.js') && names.includes('extension/package.nls.json') && names.includes('extension/changelog.md'));
    assert.ok(!names.some((n) => n.startsWith('extension/test/') || n.endsWith('.map')), 'no tests, no source maps');
    console.log(`      the package: ${content.entries.length} files, ${(content.bytes / 1048576).toFixed(2)} MB`);
  });

  it('a fresh code-server with only the package installed shows the walkthrough, no step done', async function () {
    this.timeout(60_000);
    const extensions = fs.readdirSync(path.join(wb.extensionsDir()));
    assert.ok(extensions.some((e) => e.startsWith('backend-roadmap.backend-roadmap-0.')), `installed: ${extensions.join(', ')}`);
    await showWalkthrough();
    for (const id of ['open', 'plan', 'hours', 'lesson', 'scaffold', 'verify']) await step(id).waitFor({ timeout: 15_000 });
    assert.strictEqual(await wb.page.locator('[data-done-step-id^="backend-roadmap.backend-roadmap#start#"][aria-checked="true"]').count(), 0, 'nothing is done yet');
    await wb.screenshot('1-walkthrough');
  });

  it('opening the Roadmap from its step completes the step', async function () {
    this.timeout(60_000);
    await clickStepButton('open', 'Open the Roadmap', wb.roadmapView().locator('.monaco-list-row').first());
    await showWalkthrough();
    await done('open').waitFor({ timeout: 15_000 });
  });

  it('choosing a plan and setting weekly hours complete their steps', async function () {
    this.timeout(90_000);
    await clickStepButton('plan', 'Choose a Plan', quickRow('24-week plan'));
    await quickRow('24-week plan').click();
    await wb.roadmapView().locator('.monaco-list-row', { hasText: /Foundation.*weeks 1-6/ }).first().waitFor({ timeout: 15_000 });
    const hours = wb.page.locator('.settings-editor .setting-item-contents', { hasText: 'Weekly Hours' }).locator('input').first();
    await clickStepButton('hours', 'Set Weekly Hours', hours);
    await hours.fill('12');
    await hours.press('Tab');
    await showWalkthrough();
    await done('plan').waitFor({ timeout: 15_000 });
    await done('hours').waitFor({ timeout: 15_000 });
    await wb.screenshot('2-plan-and-hours-done');
  });

  it('opening the next lesson completes its step', async function () {
    this.timeout(60_000);
    // The step's promise is the lesson's editor; what the lesson page draws is tested in pages.test.ts.
    // (In this flow the page inside stayed blank in 2 of 8 runs of headless Chromium: noted to look into.)
    await clickStepButton('lesson', 'Open the Next Lesson', wb.page.locator('.tabs-container .tab', { hasText: 'Set up your machine' }));
    await wb.screenshot('3-lesson');
    await showWalkthrough();
    await done('lesson').waitFor({ timeout: 15_000 });
  });

  it('scaffolding a starter completes its step, and verifying it completes the last', async function () {
    this.timeout(240_000);
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    await clickStepButton('scaffold', 'Scaffold a Project', quickRow('Containerized microservice'));
    await input.fill('Containerized microservice');
    await quickRow('Containerized microservice').click();
    await quickRow(/^Go/).click();
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: /Where should/ }).waitFor({ timeout: 10_000 });
    await wb.answerScaffold('my-service');
    const project = path.join(wb.folder, 'my-service');
    await waitFor(() => fs.existsSync(path.join(project, 'starter.json')), 15_000, 'the starter was written');
    await showWalkthrough();
    await done('scaffold').waitFor({ timeout: 15_000 });
    // What the step's page asks first: the install command of the README, in a terminal.
    execFileSync('go', ['build', '-o', 'bin/server', '.'], { cwd: project, stdio: 'pipe', timeout: 120_000 });
    const verified = wb.page.locator('.notification-toast', { hasText: /Containerized microservice \(Go\): 1 of \d+ milestones passed \(baseline\)/ });
    await openStep('verify');
    await step('verify').locator('.step-description-container a.monaco-button', { hasText: 'Verify Project' }).click();
    await verified.waitFor({ timeout: 120_000 });
    await showWalkthrough();
    await done('verify').waitFor({ timeout: 15_000 });
    assert.strictEqual(await wb.page.locator('[data-done-step-id^="backend-roadmap.backend-roadmap#start#"][aria-checked="true"]').count(), 6, 'every step is done');
    await wb.screenshot('4-all-steps-done');
    // The step's Markdown takes the focus once rendered: wait for it, so the palette stays open.
    await openStep('verify');
    await retried(() => wb.setColorTheme('Dark Modern'));
    await media().locator('h1', { hasText: HEADINGS.verify }).waitFor({ timeout: 15_000 });
    await wb.screenshot('5-walkthrough-dark');
  });

  it('the package carries the exercises: one starts from the palette, is written and checked', async function () {
    this.timeout(120_000);
    await retried(() => wb.runCommand('Roadmap: Start Exercise', 'Operating system and terminal basics'));
    const dir = path.join(wb.folder, 'exercises', 'os-and-terminal');
    await waitFor(() => fs.existsSync(path.join(dir, 'starter.json')), 15_000, 'the exercise was written');
    await wb.page.locator('.part.statusbar .statusbar-item', { hasText: /Exercise: \d+ of \d+ checks failed/ }).waitFor({ timeout: 60_000 });
    await wb.screenshot('6-package-exercise');
  });
});

/**
 * Runs a palette flow again when something took the focus and closed the palette halfway (a view
 * or page that opens after a verify run does), up to three times.
 */
async function retried(flow: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await flow();
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

async function waitFor(ok: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
