import * as assert from 'assert';
import { Workbench } from './workbench';

for (const theme of ['Light Modern', 'Dark Modern']) {
  const slug = theme.startsWith('Light') ? 'light' : 'dark';

  describe(`lesson page and dashboard, ${slug} theme`, function () {
    const wb = new Workbench(`pages-${slug}`);

    before(async function () {
      this.timeout(180_000);
      await wb.start();
      await wb.setColorTheme(theme);
    });
    afterEach(function () {
      return wb.captureFailure(this.currentTest);
    });
    after(() => wb.stop());

    it('shows a lesson with its status, prerequisites, resources by type and projects', async () => {
      await wb.runCommand('Roadmap: Open Lesson', 'JWT');
      const f = wb.lessonFrame();
      await f.locator('h1', { hasText: 'JWT' }).waitFor({ timeout: 20_000 });
      assert.strictEqual((await f.locator('#status').textContent())?.trim(), 'To do');
      assert.strictEqual(await f.locator('.prereqs a', { hasText: 'Token-based auth' }).count(), 1);
      assert.ok((await f.locator('.resources h3').count()) >= 1);
      assert.ok((await f.locator('.project h3', { hasText: 'Task manager API' }).count()) === 1);
      // Below the project ideas: how to verify a project written in any language.
      const ownWay = f.locator('.projects .own-way');
      assert.match((await ownWay.textContent()) ?? '', /"Roadmap: Verify My Own Project"/);
      for (const field of ['idea', 'start', 'port', 'healthPath', 'stack', 'install', 'env', 'services']) {
        assert.strictEqual(await ownWay.locator('li code', { hasText: new RegExp(`^${field}$`) }).count(), 1, `the note explains ${field}`);
      }
      assert.strictEqual(await f.locator('.pager a.next').count(), 1);
      const bg = await f.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
      const rgb = (bg.match(/\d+/g) ?? []).slice(0, 3).map(Number);
      const lightness = rgb.reduce((a, b) => a + b, 0) / 3;
      assert.ok(slug === 'light' ? lightness > 200 : lightness < 60, `page background ${bg} does not follow the ${slug} theme`);
      await wb.screenshot('1-lesson');
      await ownWay.scrollIntoViewIfNeeded();
      await wb.screenshot('1-lesson-own-way');
    });

    it('marks the topic done from the page; the tree follows', async () => {
      const f = wb.lessonFrame();
      await f.locator('button[data-status="done"]').click();
      await f.locator('#status.status-done').waitFor({ timeout: 10_000 });
      assert.strictEqual(await f.locator('button[data-status="done"]').getAttribute('aria-pressed'), 'true');
      await wb.openRoadmap();
      await wb.row('Authentication').locator('.label-description', { hasText: /^1\/7 · / }).waitFor({ timeout: 10_000 });
    });

    it('follows a prerequisite link and the next link inside the same panel', async () => {
      const f = wb.lessonFrame();
      await f.locator('.prereqs a', { hasText: 'Token-based auth' }).click();
      await f.locator('h1', { hasText: 'Token-based auth' }).waitFor({ timeout: 10_000 });
      const next = (await f.locator('.pager a.next').textContent())?.trim() ?? '';
      await f.locator('.pager a.next').click();
      await f.locator('h1', { hasText: next }).waitFor({ timeout: 10_000 });
      assert.strictEqual(await wb.page.locator('.tab', { hasText: next }).count(), 1, 'the same tab shows the next lesson');
      await wb.screenshot('2-next-lesson');
    });

    it('asks before opening a resource link outside the editor', async () => {
      const f = wb.lessonFrame();
      const link = f.locator('.resources a').first();
      const href = (await link.getAttribute('href')) ?? '';
      assert.match(href, /^https:\/\//);
      await link.click();
      const dialog = wb.page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 10_000 });
      assert.match((await dialog.textContent()) ?? '', /open the external website/i);
      await wb.screenshot('3-open-external');
      await wb.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    });

    it('opens notes beside the lesson from the page', async () => {
      await wb.lessonFrame().locator('#open-notes').click();
      await wb.page.locator('.tab', { hasText: /\.md$/ }).first().waitFor({ timeout: 10_000 });
      await wb.lessonFrame().locator('#has-notes').waitFor({ timeout: 10_000 });
      await wb.screenshot('4-notes');
    });

    it('says why a topic is optional, and makes another language the learner\'s from its page', async () => {
      await wb.runCommand('Roadmap: Open Lesson', 'Python');
      const f = wb.lessonFrame();
      await f.locator('h1', { hasText: /^Python$/ }).waitFor({ timeout: 20_000 });
      const note = f.locator('#optional-note');
      assert.match((await note.textContent()) ?? '', /Optional, not counted in your hours\. JavaScript \/ TypeScript is the chosen language\./);
      await wb.screenshot('4b-optional-language');
      await note.locator('button', { hasText: 'Learn Python instead' }).click();
      await note.filter({ hasText: 'Your chosen language' }).waitFor({ timeout: 10_000 });
      await wb.openRoadmap();
      if ((await wb.row('Python').count()) === 0) await wb.row('Programming language').click();
      await wb.row('Python').locator('.label-description', { hasNotText: /optional/ }).waitFor({ timeout: 10_000 });
      assert.match((await wb.row('Go').locator('.label-description').textContent()) ?? '', /optional/, 'the other languages turn optional');
      // Back to the first language through the list the page's other button opens.
      await f.locator('#optional-note button', { hasText: 'Choose Another Language' }).click();
      await wb.pick('Pick a language');
      await f.locator('#optional-note', { hasText: /JavaScript \/ TypeScript is the chosen language/ }).waitFor({ timeout: 10_000 });
      await wb.runCommand('Roadmap: Open Lesson', 'MS SQL Server');
      await f.locator('#optional-note', { hasText: /commercial database found mostly in \.NET shops/ }).waitFor({ timeout: 20_000 });
      assert.strictEqual(await f.locator('#optional-note button').count(), 0, 'nothing to choose on a topic marked optional');
      await wb.screenshot('4c-optional-topic');
    });

    it('shows the dashboard with its chart, projection and plan, and saves a ticked signal', async () => {
      await wb.runCommand('Roadmap: Open Dashboard');
      const f = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
      await f.locator('h1', { hasText: 'Backend roadmap' }).waitFor({ timeout: 20_000 });
      assert.strictEqual(await f.locator('svg.chart g[role="listitem"]').count(), 19);
      assert.match((await f.locator('#projection').textContent()) ?? '', /hours a week you finish in about .* weeks, on \d{4}-\d{2}-\d{2}/);
      assert.strictEqual(await f.locator('.phase').count(), 3);
      await wb.screenshot('5-dashboard');
      // The plan's guidance: what to set up first, and the first two weeks day by day.
      await f.locator('#plan-guide summary').click();
      await f.locator('#plan-guide dt', { hasText: 'Monday' }).first().waitFor({ timeout: 10_000 });
      assert.strictEqual(await f.locator('#plan-guide dt').count(), 12);
      await f.locator('.phase-resources a').first().waitFor();
      await f.locator('#plan-guide').scrollIntoViewIfNeeded();
      await wb.screenshot('5b-dashboard-plan-guide');
      const box = f.locator('.signals input').first();
      await box.check();
      // The page re-renders once the extension has saved the tick.
      await f.locator('.signals input:checked').first().waitFor();
      await wb.page.waitForTimeout(500);
      await wb.reload();
      // VS Code in the browser can leave one of several restored webviews blank after a reload (its
      // service worker changes); the lesson page's own restore is tested alone in roadmap.test.ts.
      // Here the question is whether the tick was saved, so the dashboard is opened afresh.
      await wb.runCommand('View: Close All Editors');
      await wb.runCommand('Roadmap: Open Dashboard');
      const g = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await g.locator('h1', { hasText: 'Backend roadmap' }).waitFor({ timeout: 30_000 });
      assert.strictEqual(await g.locator('.signals input').first().isChecked(), true, 'the ticked signal was not kept');
    });
  });
}
