import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, Workbench } from './workbench';

/** A small file-backed URL shortener that passes the baseline, standing in for a learner's project. */
const fixture = path.join(ROOT, 'test', 'fixtures', 'verify', 'url-shortener-lite');

describe('Verify Project in the workbench', function () {
  const wb = new Workbench('verify');
  const project = path.join(wb.folder, 'my-shortener');

  before(async function () {
    this.timeout(180_000);
    fs.cpSync(fixture, project, { recursive: true });
    await wb.start();
  });
  afterEach(function () {
    return wb.captureFailure(this.currentTest);
  });
  after(() => wb.stop());

  const toast = (text: RegExp) => wb.page.locator('.notification-toast', { hasText: text });

  it('runs the milestones from the palette: the baseline passes, the rest fail, in the Testing view', async function () {
    this.timeout(120_000);
    await wb.runCommand('Roadmap: Verify Project');
    await toast(/URL shortener \(TypeScript \(Node\)\): 1 of 5 milestones passed \(baseline\)/).waitFor({ timeout: 60_000 });
    await wb.runCommand('Testing: Focus on Test Explorer View');
    const explorer = wb.page.locator('.test-explorer');
    const project = explorer.locator('.monaco-list-row', { hasText: 'URL shortener (TypeScript (Node))' });
    await project.waitFor({ timeout: 20_000 });
    if ((await project.getAttribute('aria-expanded')) === 'false') await project.click();
    const validation = explorer.locator('.monaco-list-row', { hasText: /^Validation/ });
    await validation.waitFor({ timeout: 10_000 });
    await validation.click();
    await validation.press('ArrowRight');
    const failedCheck = explorer.locator('.monaco-list-row', { hasText: 'a URL without a scheme answers 400 with an error' });
    await failedCheck.waitFor({ timeout: 10_000 });
    assert.strictEqual(await failedCheck.locator('.codicon-testing-failed-icon').count(), 1, 'the check shows as failed');
    assert.strictEqual(await explorer.locator('.monaco-list-row', { hasText: /^Service runs/ }).locator('.codicon-testing-passed-icon').count(), 1, 'the baseline shows as passed');
    await wb.screenshot('1-testing-view');
    // The failure message says what was sent, what was expected and what came back.
    await wb.runCommand('Test Results: Focus on Test Results View');
    const results = wb.page.locator('.test-output-peek-tree, .test-results, [id="workbench.panel.testResults.view"]').first();
    await results.locator('.monaco-list-row', { hasText: 'a URL without a scheme answers 400 with an error' }).first().click({ timeout: 15_000 });
    // Expected and actual side by side (editors render spaces as non-breaking ones).
    await wb.page.locator('.view-lines', { hasText: /status.400,.JSON/ }).first().waitFor({ timeout: 15_000 });
    await wb.page.locator('.view-lines', { hasText: /^201.Location/ }).first().waitFor({ timeout: 15_000 });
    await wb.screenshot('2-failure-message');
  });

  it('marks the milestone\'s topics verified in the tree once the learner implements it', async function () {
    this.timeout(120_000);
    await wb.page.keyboard.press('Escape');
    fs.writeFileSync(path.join(project, 'features.json'), JSON.stringify({ validation: true }));
    await wb.runCommand('Roadmap: Verify Project');
    await toast(/2 of 5 milestones passed \(baseline, validation\)/).waitFor({ timeout: 60_000 });
    await wb.openRoadmap();
    await wb.runCommand('Roadmap: Search Topics', 'JSON APIs');
    const row = wb.row('JSON APIs');
    await row.waitFor({ timeout: 15_000 });
    await row.locator('.codicon-verified-filled').waitFor({ timeout: 10_000 });
    await wb.screenshot('3-tree-verified');
  });
});

describe('Verify Project in restricted mode', function () {
  const wb = new Workbench('verify-restricted', { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always' }, { trust: true });
  afterEach(function () {
    return wb.captureFailure(this.currentTest);
  });

  before(async function () {
    this.timeout(180_000);
    fs.cpSync(fixture, path.join(wb.folder, 'my-shortener'), { recursive: true });
    await wb.start();
    // Workspace trust asks at start; the learner declines.
    const decline = wb.page.getByRole('button', { name: /No, I don.t trust the authors/ });
    await decline.click({ timeout: 30_000 }).catch(() => undefined);
  });
  after(() => wb.stop());

  it('runs nothing and says that verifying needs a trusted workspace', async function () {
    this.timeout(60_000);
    await wb.runCommand('Roadmap: Verify Project');
    await wb.page.locator('.notification-toast', { hasText: /needs a trusted workspace\. Nothing was run\./ }).waitFor({ timeout: 20_000 });
    await wb.screenshot('1-restricted');
    assert.strictEqual(fs.existsSync(path.join(wb.folder, 'my-shortener', 'links.json')), false, 'the project\'s server never ran');
  });
});
