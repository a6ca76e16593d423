import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Workbench, withWorkbench } from './workbench';

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * Progress as a learner would export it after answering Docker's four graded items right three
 * days ago, all due again since yesterday: the clock is not faked, the answers are dated back.
 */
function answeredDaysAgo(folder: string): string {
  const now = Date.now();
  const record = { due: new Date(now - DAY).toISOString(), stability: 3, difficulty: 5, reps: 1, lapses: 0, state: 2, lastAt: new Date(now - 3 * DAY).toISOString(), lastRating: 3, rightOn: [isoDay(now - 3 * DAY)] };
  const review = Object.fromEntries(['stop-signal', 'layer-cache-order', 'port-mapping', 'pid-one'].map((id) => [`docker/${id}`, record]));
  const file = path.join(folder, 'progress-three-days-ago.json');
  fs.writeFileSync(file, JSON.stringify({ format: 'backend-roadmap-progress', version: 3, exportedAt: new Date(now - 3 * DAY).toISOString(), roadmaps: { backend: { nodes: {}, review } } }));
  return file;
}

/** "Check yourself" on a lesson page: graded items answered, graded by the extension, with every explanation. */
describe('Check yourself on the lesson page', function () {
  const wb = new Workbench('quiz');
  withWorkbench(wb);

  it('grades a wrong choice with the explanation of every choice, and a typed answer', async function () {
    this.timeout(90_000);
    await wb.runCommand('Roadmap: Open Lesson', 'Docker');
    const f = wb.lessonFrame();
    const quiz = f.locator('section.quiz');
    await quiz.waitFor({ timeout: 20_000 });
    assert.match((await f.locator('#quiz-summary').textContent()) ?? '', /^0 of 8 answered$/);
    const stop = quiz.locator('.quiz-item[data-item="stop-signal"]');
    await stop.locator('label', { hasText: 'SIGKILL at once' }).click();
    await stop.locator('button.quiz-check').click();
    await stop.locator('.verdict .result', { hasText: 'Not quite.' }).waitFor({ timeout: 10_000 });
    assert.strictEqual(await stop.locator('.why').count(), 4, 'every choice is explained');
    assert.match((await stop.locator('.choice.correct').textContent()) ?? '', /SIGTERM, then SIGKILL/);
    assert.match((await stop.locator('.why', { hasText: 'Your choice.' }).textContent()) ?? '', /That is docker kill/);
    assert.strictEqual(await stop.locator('input:disabled').count(), 4, 'an answer cannot be changed once checked');
    const port = quiz.locator('.quiz-item[data-item="port-mapping"]');
    await port.locator('input[type="text"]').fill(' 8080:3000 ');
    await port.locator('button.quiz-check').click();
    await port.locator('.verdict .result', { hasText: 'Right.' }).waitFor({ timeout: 10_000 });
    await port.locator('.due', { hasText: /Comes back for review on/ }).waitFor();
    await f.locator('#quiz-summary', { hasText: '2 of 8 answered' }).waitFor({ timeout: 10_000 });
    await stop.scrollIntoViewIfNeeded();
    await wb.screenshot('1-graded');
  });

  it('reveals a model answer, then takes the learner\'s own rating', async function () {
    this.timeout(60_000);
    const f = wb.lessonFrame();
    const q = f.locator('.quiz-question[data-question="3"]');
    await q.locator('textarea').fill('a volume was missing');
    await q.locator('button.reveal').click();
    await q.locator('.answer', { hasText: /named volume/ }).waitFor({ timeout: 10_000 });
    await q.locator('.rate button', { hasText: 'Knew it' }).click();
    await q.locator('.due', { hasText: /Comes back for review on/ }).waitFor({ timeout: 10_000 });
    await f.locator('#quiz-summary', { hasText: '3 of 8 answered' }).waitFor({ timeout: 10_000 });
    await q.scrollIntoViewIfNeeded();
    await wb.screenshot('2-model-answer');
    await wb.setColorTheme('Dark Modern');
    await f.locator('.quiz-item[data-item="stop-signal"]').scrollIntoViewIfNeeded();
    await wb.screenshot('3-graded-dark');
  });

  it('brings answered items back when due: the tree, the status bar and the lesson say so; right again on a later day, the topic is checked', async function () {
    this.timeout(120_000);
    // A fresh window of the same workspace would keep today's answers: start from the import alone.
    await wb.runCommand('Roadmap: Reset All Progress…');
    await wb.page.locator('.notification-toast, .monaco-dialog-box').getByRole('button', { name: /Reset/ }).first().click({ timeout: 10_000 });
    const file = path.basename(answeredDaysAgo(wb.folder));
    await wb.importProgress(file, /4 quiz answers merged/);
    await wb.page.locator('.part.statusbar .statusbar-item', { hasText: '4 due' }).waitFor({ timeout: 15_000 });
    await wb.openRoadmap();
    // First in the view: the topics with items due, Docker among them.
    const group = wb.roadmapView().locator('.monaco-list-row').first();
    await group.locator('.label-name', { hasText: 'Due for review' }).waitFor({ timeout: 15_000 });
    assert.match((await group.locator('.label-description').textContent()) ?? '', /^4 items in 1 topic$/);
    const row = wb.row('Docker').first();
    await row.locator('.label-description', { hasText: 'review due' }).waitFor({ timeout: 15_000 });
    await wb.screenshot('4-review-due-in-tree');
    // The lesson itself takes the learner to its items due (the review page, which runs every topic's, is tested apart).
    await wb.runCommand('Roadmap: Open Lesson', 'Docker');
    const f = wb.lessonFrame();
    await f.locator('button.review-due', { hasText: '4 due for review' }).click({ timeout: 20_000 });
    assert.strictEqual(await f.locator('.quiz-item .due-tag').count(), 4, 'the four items are marked due');
    const answer = async (id: string, act: (box: ReturnType<typeof f.locator>) => Promise<void>) => {
      const box = f.locator(`.quiz-item[data-item="${id}"]`);
      await act(box);
      await box.locator('button.quiz-check').click();
      await box.locator('.verdict .result', { hasText: 'Right.' }).waitFor({ timeout: 10_000 });
    };
    await answer('stop-signal', (b) => b.locator('label', { hasText: 'SIGTERM, then SIGKILL' }).click());
    await answer('layer-cache-order', async (b) => {
      await b.locator('label', { hasText: 'A new dependency in package.json' }).click();
      await b.locator('label', { hasText: 'A changed base image tag in FROM' }).click();
    });
    await answer('port-mapping', (b) => b.locator('input[type="text"]').fill('8080:3000'));
    await answer('pid-one', (b) => b.locator('label', { hasText: 'The shell or npm is PID 1' }).click());
    await f.locator('#quiz-summary', { hasText: /^Checked: every graded item answered right on two different days\.$/ }).waitFor({ timeout: 15_000 });
    await f.locator('#status', { hasText: 'Checked by its quiz' }).waitFor({ timeout: 15_000 });
    await f.locator('#lesson-title').scrollIntoViewIfNeeded();
    await wb.screenshot('5-checked');
    // Nothing is due any more: the group is gone, and Docker shows as checked in its section.
    await wb.roadmapView().locator('.label-name', { hasText: 'Due for review' }).waitFor({ state: 'detached', timeout: 15_000 });
    await wb.runCommand('Roadmap: Search Topics', 'Docker');
    await wb.row('Docker').locator('.codicon-mortar-board').waitFor({ timeout: 15_000 });
    await wb.page.locator('.part.statusbar .statusbar-item', { hasText: /\d+ due/ }).waitFor({ state: 'hidden', timeout: 15_000 });
  });
});
