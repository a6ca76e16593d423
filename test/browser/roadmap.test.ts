import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SHOTS, Workbench, withWorkbench } from './workbench';

describe('Backend Roadmap in the real workbench (code-server + Chromium)', function () {
  const wb = new Workbench('roadmap');

  before(async function () {
    this.timeout(180_000);
    await wb.start();
  });
  afterEach(function () {
    return wb.captureFailure(this.currentTest);
  });
  after(async () => {
    await wb.stop();
    console.log(`    screenshots: ${SHOTS}`);
  });

  it('shows the Roadmap container with its sections, counts and hours left', async () => {
    await wb.clickRoadmapIcon();
    const section = wb.row('Internet fundamentals');
    await section.waitFor();
    assert.match((await section.locator('.label-description').textContent()) ?? '', /^0\/10 · \d+ h left$/);
    await wb.row('AI in the backend').waitFor();
    await wb.screenshot('1-sidebar');
  });

  it('shows percent done and the next topic in the status bar', async () => {
    const bar = wb.statusBar();
    await bar.waitFor();
    assert.match((await bar.textContent()) ?? '', /0% · Next: Set up your machine/);
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
    await wb.clickInlineAction('Set up your machine', 'Mark Done');
    await wb.row('Set up your machine').locator('.codicon-pass').waitFor({ timeout: 10_000 });
    await wb.row('Internet fundamentals').locator('.label-description', { hasText: /^1\/10 · / }).waitFor({ timeout: 10_000 });
    await wb.statusBar().filter({ hasText: 'Next: How does the internet work' }).waitFor({ timeout: 10_000 });
    await wb.screenshot('3-done-from-tree');
  });

  it('marks a node done from the command palette', async () => {
    await wb.runCommand('Roadmap: Mark Done', 'How does the internet work');
    await wb.row('How does the internet work').locator('.codicon-pass').waitFor({ timeout: 10_000 });
    await wb.row('Internet fundamentals').locator('.label-description', { hasText: /^2\/10 · / }).waitFor({ timeout: 10_000 });
    await wb.statusBar().filter({ hasText: 'Next: What is HTTP' }).waitFor({ timeout: 10_000 });
    await wb.screenshot('4-done-from-palette');
  });

  it('marks a node in progress from its context menu', async () => {
    await wb.row('DNS and how it works').click({ button: 'right' });
    const entry = wb.page.getByRole('menuitem', { name: 'Mark In Progress' });
    await entry.waitFor();
    await wb.page.waitForTimeout(300); // the menu fades in; a click during the fade is lost
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
    await wb.row('Internet fundamentals').locator('.label-description', { hasText: /^2\/10 · / }).waitFor({ timeout: 20_000 });
    await wb.statusBar().filter({ hasText: 'Next: DNS and how it works' }).waitFor({ timeout: 20_000 });
    await wb.lessonFrame().locator('h1', { hasText: 'DNS and how it works' }).waitFor({ timeout: 20_000 });
    await wb.screenshot('8-after-reload');
  });
});

describe('scaffolding from the tree and the lesson page', function () {
  const wb = new Workbench('scaffold');
  withWorkbench(wb);

  it('offers the related starter from a topic\'s context menu', async () => {
    await wb.clickRoadmapIcon();
    await wb.row('Containerization & web servers').click();
    await wb.row('Docker').click({ button: 'right' });
    const entry = wb.page.getByRole('menuitem', { name: 'Scaffold Starter Project' });
    await entry.waitFor();
    await wb.page.waitForTimeout(300); // the menu fades in; a click during the fade is lost
    await entry.click();
    const item = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Containerized microservice' });
    await item.waitFor({ timeout: 10_000 });
    assert.match((await item.textContent()) ?? '', /TypeScript \(Node\) · Python · Go/);
    await wb.screenshot('1-context-menu-pick');
    await wb.page.keyboard.press('Escape');
  });

  it('lists every idea by level in the scaffold picker, each with the stacks it can be scaffolded in', async () => {
    await wb.runCommand('Roadmap: Scaffold Starter Project');
    const widget = wb.page.locator('.quick-input-widget');
    await widget.locator('.monaco-list-row', { hasText: 'Task manager API' }).waitFor({ timeout: 10_000 });
    assert.match((await widget.textContent()) ?? '', /Beginner: 4 of 4 with starters/);
    await wb.screenshot('1a-scaffold-picker-levels');
    // An advanced idea, far down the list: found by typing, with its three stacks.
    await widget.locator('.quick-input-box input').fill('Distributed cache');
    const idea = widget.locator('.monaco-list-row', { hasText: 'Distributed cache' });
    await idea.waitFor({ timeout: 10_000 });
    assert.match((await idea.textContent()) ?? '', /TypeScript \(Node\) · Python · Go/);
    assert.doesNotMatch((await idea.textContent()) ?? '', /no starter yet/);
    await wb.screenshot('1b-scaffold-picker');
    await idea.click();
    await widget.locator('.monaco-list-row', { hasText: 'Python' }).waitFor({ timeout: 10_000 });
    assert.strictEqual(await widget.locator('.monaco-list-row').count(), 3, 'TypeScript, Python and Go');
    await wb.page.keyboard.press('Escape');
  });

  it('shows a Scaffold button on the lesson page for ideas with a starter, which asks where to write it', async () => {
    await wb.runCommand('Roadmap: Open Lesson', 'Docker');
    const f = wb.lessonFrame();
    const card = f.locator('.project[data-project="containerized-microservice"]');
    await card.waitFor({ timeout: 20_000 });
    await card.locator('button.scaffold').click();
    const stack = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'TypeScript (Node)' });
    await stack.waitFor({ timeout: 10_000 });
    assert.strictEqual(await wb.page.locator('.quick-input-widget .monaco-list-row').count(), 3, 'TypeScript, Python and Go');
    await stack.click();
    // The folder question is VS Code's own dialog; seeing it proves the button reached the command.
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: /Where should "Containerized microservice" go\?/ }).waitFor({ timeout: 10_000 });
    await wb.screenshot('2-lesson-scaffold-dialog');
    // Every idea of the built-in roadmap has starters, so every card on the page offers one.
    assert.strictEqual(await f.locator('.project button.scaffold').count(), await f.locator('.project').count());
  });

  it('writes the project where the learner says, and the topic turns in progress', async () => {
    await wb.answerScaffold('my-service');
    await wb.page.locator('.notification-toast', { hasText: 'The starter project is ready' }).waitFor({ timeout: 10_000 });
    await wb.screenshot('3-scaffolded');
    const pkg = JSON.parse(fs.readFileSync(path.join(wb.folder, 'my-service', 'package.json'), 'utf8'));
    assert.strictEqual(pkg.name, 'my-service');
    assert.ok(fs.existsSync(path.join(wb.folder, 'my-service', 'Dockerfile')));
    await wb.openRoadmap();
    await wb.row('Docker').locator('.codicon-circle-large-filled').waitFor({ timeout: 10_000 });
  });
});
