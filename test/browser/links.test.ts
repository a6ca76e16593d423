import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { Workbench } from './workbench';

/** A workspace roadmap whose lesson has a web link in its text and another among its resources. */
const LINKS = `id: links
title: Links roadmap
sections:
  - id: reading
    title: Reading
    nodes:
      - id: outside
        title: Reading outside the editor
        hours: 1
        lesson: |
          ## Why it matters

          The [HTTP overview](https://example.com/lesson-text) explains requests.

          \`\`\`bash
          echo "ran from the lesson" > ran-from-lesson.txt
          \`\`\`
        resources:
          - { type: docs, title: "Example resource", url: "https://example.com/resource" }
`;

const MODES = [
  { name: 'trusted', settings: {}, options: {} },
  { name: 'restricted', settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always' }, options: { trust: true } },
];

for (const mode of MODES) {
  // VS Code's webview host also opens a link clicked in a page, at once in a trusted workspace and
  // after a question of its own in a restricted one; the page must keep every link to itself.
  describe(`web links in a lesson open only after VS Code asks, exactly once (${mode.name} workspace)`, function () {
    const wb = new Workbench(`links-${mode.name}`, mode.settings, mode.options);
    /** Every page the browser opened besides the workbench: a link that left the editor. */
    const opened: Page[] = [];

    before(async function () {
      this.timeout(180_000);
      fs.writeFileSync(path.join(wb.folder, 'links.roadmap.yaml'), LINKS);
      await wb.start();
      if (mode.name === 'restricted') {
        await wb.page.getByRole('button', { name: /No, I don.t trust the authors/ }).click({ timeout: 30_000 });
        await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).waitFor({ timeout: 15_000 });
      }
      // The sites never load from the network: whatever opens gets this page.
      await wb.page.context().route('https://example.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>opened</title>' }));
      wb.page.context().on('page', (p) => opened.push(p));
      await wb.clickRoadmapIcon();
      await wb.row('Reading').click();
      await wb.row('Reading outside the editor').click();
      await wb.lessonFrame().locator('#lesson-title', { hasText: 'Reading outside the editor' }).waitFor({ timeout: 30_000 });
    });
    const dialogs = () => wb.page.locator('.monaco-dialog-box');

    afterEach(async function () {
      await wb.captureFailure(this.currentTest);
      // A failed test may leave questions open; each test starts with none and no page opened.
      for (let i = 0; i < 5 && (await dialogs().count()) > 0; i++) {
        await wb.page.keyboard.press('Escape');
        await wb.page.waitForTimeout(500);
      }
      for (const p of opened.splice(0)) await p.close().catch(() => undefined);
    });
    after(() => wb.stop());

    /** Waits for VS Code's question about the link; nothing may have opened before it is answered. */
    async function question(): Promise<void> {
      await dialogs().first().waitFor({ timeout: 15_000 });
      assert.match((await dialogs().first().textContent()) ?? '', /open the external website/i);
      assert.strictEqual(await dialogs().count(), 1, 'one question at a time');
      assert.strictEqual(opened.length, 0, `nothing opens before the answer, but ${opened.map((p) => p.url()).join(', ')} did`);
    }

    async function cancel(): Promise<void> {
      await wb.page.keyboard.press('Escape');
      await dialogs().first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {
        throw new Error('after Escape a question is still showing: the link was asked about a second time');
      });
    }

    /** After an answer: no second question comes, and no other page opens, for a while. */
    async function nothingMore(pages: number): Promise<void> {
      await wb.page.waitForTimeout(2500);
      assert.strictEqual(await dialogs().count(), 0, 'the link was asked about a second time');
      assert.strictEqual(opened.length, pages, `pages opened: ${opened.map((p) => p.url()).join(', ') || 'none'}`);
    }

    it('asks about a link in the lesson text, and opens nothing when the learner cancels', async () => {
      const link = wb.lessonFrame().locator('article.lesson a[href="https://example.com/lesson-text"]');
      await link.click();
      await question();
      assert.match((await dialogs().first().textContent()) ?? '', /example\.com\/lesson-text/);
      await wb.screenshot('1-question');
      await cancel();
      await nothingMore(0);
    });

    it('opens a resource link once, after the learner accepts', async () => {
      const link = wb.lessonFrame().locator('.resources a', { hasText: 'Example resource' });
      await link.click();
      await question();
      await dialogs().first().locator('.dialog-buttons .monaco-button', { hasText: /^Open$/ }).click();
      await dialogs().first().waitFor({ state: 'detached', timeout: 10_000 });
      if (opened.length === 0) await wb.page.context().waitForEvent('page', { timeout: 10_000 });
      await nothingMore(1);
      await opened[0].waitForURL('https://example.com/resource', { timeout: 10_000 });
      await wb.screenshot('2-opened-once');
    });

    it(mode.name === 'trusted' ? 'copies a code block, and runs a shell block in a terminal after showing the command' : 'copies a code block, and offers no Run in Terminal', async () => {
      const f = wb.lessonFrame();
      const copy = f.locator('button.code-copy[data-block="0"]');
      await copy.click();
      await copy.filter({ hasText: 'Copied' }).waitFor({ timeout: 10_000 });
      const ran = path.join(wb.folder, 'ran-from-lesson.txt');
      if (mode.name === 'restricted') {
        assert.strictEqual(await f.locator('button.code-run').count(), 0, 'no Run in Terminal in Restricted Mode');
        await wb.screenshot('4-copied-restricted');
        return;
      }
      await f.locator('button.code-run[data-block="0"]').click();
      await dialogs().first().waitFor({ timeout: 15_000 });
      assert.match((await dialogs().first().textContent()) ?? '', /Run these commands in a terminal\?[\s\S]*echo "ran from the lesson" > ran-from-lesson\.txt/);
      assert.ok(!fs.existsSync(ran), 'nothing runs before the learner says Run');
      await wb.screenshot('4-run-question');
      await dialogs().first().locator('.dialog-buttons .monaco-button', { hasText: /^Run$/ }).click();
      for (let i = 0; i < 60 && !fs.existsSync(ran); i++) await wb.page.waitForTimeout(500);
      assert.strictEqual(fs.readFileSync(ran, 'utf8'), 'ran from the lesson\n');
      await wb.screenshot('5-ran-in-terminal');
    });

    it('asks as well for a middle click and for Enter on a link, and opens nothing by itself', async () => {
      const link = wb.lessonFrame().locator('.resources a', { hasText: 'Example resource' });
      await link.click({ button: 'middle' });
      await question();
      await cancel();
      await nothingMore(0);
      await link.focus();
      await wb.page.keyboard.press('Enter');
      await question();
      await cancel();
      await nothingMore(0);
      await wb.screenshot('3-after-keyboard');
    });
  });
}
