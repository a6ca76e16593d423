import * as assert from 'assert';
import { SHOTS, Workbench } from './workbench';

describe('Backend Roadmap in the real workbench (code-server + Chromium)', function () {
  const wb = new Workbench('roadmap');

  before(async function () {
    this.timeout(180_000);
    await wb.start();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => {});
  });
  after(async () => {
    await wb.stop();
    console.log(`    screenshots: ${SHOTS}`);
  });

  it('shows the Roadmap container with its sections, counts and hours left', async () => {
    await wb.clickRoadmapIcon();
    const section = wb.row('Internet fundamentals');
    await section.waitFor();
    assert.match((await section.locator('.label-description').textContent()) ?? '', /^0\/9 · \d+ h left$/);
    await wb.row('AI in the backend').waitFor();
    await wb.screenshot('1-sidebar');
  });

  it('shows percent done and the next topic in the status bar', async () => {
    const bar = wb.statusBar();
    await bar.waitFor();
    assert.match((await bar.textContent()) ?? '', /0% · Next: How does the internet work/);
  });

  it('expands a section and lists its nodes with hours', async () => {
    await wb.row('Internet fundamentals').click();
    const node = wb.row('How does the internet work');
    await node.waitFor();
    assert.match((await node.locator('.label-description').textContent()) ?? '', /^\d+ h$/);
    assert.strictEqual(await node.locator('.codicon-circle-large-outline').count(), 1, 'a to-do icon');
    await wb.screenshot('2-section-open');
  });

  it('marks a node done with its inline tree action; icon, counts and status bar follow', async () => {
    await wb.clickInlineAction('How does the internet work', 'Mark Done');
    await wb.row('How does the internet work').locator('.codicon-pass').waitFor({ timeout: 10_000 });
    await wb.row('Internet fundamentals').locator('.label-description', { hasText: /^1\/9 · / }).waitFor({ timeout: 10_000 });
    await wb.statusBar().filter({ hasText: 'Next: What is HTTP' }).waitFor({ timeout: 10_000 });
    await wb.screenshot('3-done-from-tree');
  });

  it('marks a node done from the command palette', async () => {
    await wb.runCommand('Roadmap: Mark Done', 'What is HTTP');
    await wb.row('What is HTTP').locator('.codicon-pass').waitFor({ timeout: 10_000 });
    await wb.row('Internet fundamentals').locator('.label-description', { hasText: /^2\/9 · / }).waitFor({ timeout: 10_000 });
    await wb.statusBar().filter({ hasText: /Next: (HTTPS \/ TLS|What is a domain name)/ }).waitFor({ timeout: 10_000 });
    await wb.screenshot('4-done-from-palette');
  });

  it('marks a node in progress from its context menu', async () => {
    await wb.row('DNS and how it works').click({ button: 'right' });
    const entry = wb.page.getByRole('menuitem', { name: 'Mark In Progress' });
    await entry.waitFor();
    await wb.screenshot('5-context-menu');
    await entry.click();
    await wb.row('DNS and how it works').locator('.codicon-circle-large-filled').waitFor({ timeout: 10_000 });
    await wb.statusBar().filter({ hasText: 'Next: DNS and how it works' }).waitFor({ timeout: 10_000 });
  });

  it('opens a lesson and shows it in the webview', async () => {
    await wb.runCommand('Roadmap: Open Lesson', 'DNS and how it works');
    const frame = wb.lessonFrame();
    await frame.locator('h1', { hasText: 'DNS and how it works' }).waitFor({ timeout: 20_000 });
    assert.ok((await frame.locator('article.lesson h2').count()) >= 1, 'the lesson body has no headings');
    assert.ok((await frame.locator('.resources li a').count()) >= 1, 'no resources listed');
    await wb.screenshot('6-lesson');
  });

  it('groups by the 24-week plan and filters to in-progress topics', async () => {
    await wb.runCommand('Roadmap: Group By…', '24-week plan');
    await wb.row('Foundation').waitFor({ timeout: 10_000 });
    await wb.runCommand('Roadmap: Filter Topics…', 'In progress only');
    await wb.row('DNS and how it works').waitFor({ timeout: 10_000 });
    assert.strictEqual(await wb.row('How does the internet work').count(), 0, 'done topics are hidden');
    await wb.screenshot('7-plan-in-progress');
    await wb.runCommand('Roadmap: Filter Topics…', 'All topics');
    await wb.runCommand('Roadmap: Group By…', 'Topics');
    await wb.row('Internet fundamentals').waitFor({ timeout: 10_000 });
  });

  it('keeps progress, the view and the lesson after a reload', async () => {
    await wb.reload();
    await wb.openRoadmap();
    await wb.row('Internet fundamentals').locator('.label-description', { hasText: /^2\/9 · / }).waitFor({ timeout: 20_000 });
    await wb.statusBar().filter({ hasText: 'Next: DNS and how it works' }).waitFor({ timeout: 20_000 });
    await wb.lessonFrame().locator('h1', { hasText: 'DNS and how it works' }).waitFor({ timeout: 20_000 });
    await wb.screenshot('8-after-reload');
  });
});
