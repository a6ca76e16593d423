import * as assert from 'assert';
import { Workbench, withWorkbench } from './workbench';

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
});
