import * as assert from 'assert';
import { SHOTS, Workbench } from './workbench';

describe('Backend Roadmap in the real workbench (code-server + Chromium)', function () {
  const wb = new Workbench('foundation');

  before(async function () {
    this.timeout(180_000);
    await wb.start();
  });
  after(async () => {
    await wb.stop();
    console.log(`    screenshots: ${SHOTS}`);
  });

  it('shows the Roadmap container with its sections', async () => {
    await wb.openRoadmap();
    const section = wb.row('Internet fundamentals');
    await section.waitFor();
    assert.strictEqual((await section.locator('.label-description').textContent())?.trim(), '0/9');
    assert.ok(await wb.row('AI in the backend').count() + (await wb.row('Programming language').count()) > 0, 'later sections are missing');
    await wb.screenshot('1-sidebar');
  });

  it('expands a section and lists its nodes with hours', async () => {
    await wb.row('Internet fundamentals').click();
    const node = wb.row('What is HTTP');
    await node.waitFor();
    assert.match((await node.locator('.label-description').textContent()) ?? '', /^\d+(\.\d+)? h$/);
    await wb.screenshot('2-section-open');
  });

  it('marks a node done from the command palette and the counts follow', async () => {
    await wb.runCommand('Roadmap: Mark Done', 'What is HTTP');
    await wb.row('Internet fundamentals').locator('.label-description', { hasText: '1/9' }).waitFor({ timeout: 10_000 });
    const icon = wb.row('What is HTTP').locator('.codicon-pass');
    await icon.waitFor({ timeout: 10_000 });
    await wb.screenshot('3-marked-done');
  });

  it('opens a lesson and shows it in the webview', async () => {
    await wb.runCommand('Roadmap: Open Lesson', 'DNS and how it works');
    const frame = wb.lessonFrame();
    await frame.locator('h1', { hasText: 'DNS and how it works' }).waitFor({ timeout: 20_000 });
    assert.ok((await frame.locator('article.lesson h2').count()) >= 1, 'the lesson body has no headings');
    assert.ok((await frame.locator('.resources li a').count()) >= 1, 'no resources listed');
    await wb.screenshot('4-lesson');
  });

  it('keeps progress and the lesson after a reload', async () => {
    await wb.reload();
    await wb.openRoadmap();
    await wb.row('Internet fundamentals').locator('.label-description', { hasText: '1/9' }).waitFor({ timeout: 20_000 });
    await wb.lessonFrame().locator('h1', { hasText: 'DNS and how it works' }).waitFor({ timeout: 20_000 });
    await wb.screenshot('5-after-reload');
  });
});
