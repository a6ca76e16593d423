import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, Workbench, withWorkbench } from './workbench';

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The team's roadmap: one node whose quiz is written inline, in the built-in quiz files' format. */
function teamRoadmap(): string {
  const fixture = fs.readFileSync(path.join(ROOT, 'test/fixtures/custom-roadmaps/quiz-answers-count.roadmap.yaml'), 'utf8');
  return fixture
    .replace(/^# expect.*\n/, '')
    .replace('id: quiz-answers', 'id: team')
    .replace('title: A quiz with one answer for two questions', 'title: Team API basics')
    .replace('            - 201 says a new resource exists and where. 200 only says the request worked.\n', '            - 201 says a new resource exists and where. 200 only says the request worked.\n            - When the request worked and there is nothing to send back. A DELETE often answers it.\n');
}

/**
 * Progress answered three days ago and due since yesterday (the clock is not faked, the answers are
 * dated back): two of Docker's items and its third self-check question, and one item of the team's
 * own roadmap.
 */
function progressFile(folder: string): string {
  const now = Date.now();
  const record = (rating: number) => ({ due: new Date(now - DAY).toISOString(), stability: 3, difficulty: 5, reps: 1, lapses: 0, state: 2, lastAt: new Date(now - 3 * DAY).toISOString(), lastRating: rating, rightOn: rating >= 3 ? [isoDay(now - 3 * DAY)] : [] });
  const file = path.join(folder, 'progress-due.json');
  fs.writeFileSync(file, JSON.stringify({
    format: 'backend-roadmap-progress',
    version: 3,
    exportedAt: new Date(now - 3 * DAY).toISOString(),
    roadmaps: {
      backend: { nodes: {}, review: { 'docker/stop-signal': record(3), 'docker/port-mapping': record(3), 'docker/q3': record(2) } },
      team: { nodes: {}, review: { 'status-codes/created': record(3) } },
    },
  }));
  return file;
}

describe('the review page: what is due in every roadmap, in one session', function () {
  const wb = new Workbench('review');
  const dueInStatusBar = () => wb.page.locator('.part.statusbar .statusbar-item', { hasText: /^\s*\d+ due\s*$/ });
  before(() => {
    fs.writeFileSync(path.join(wb.folder, 'team.roadmap.yaml'), teamRoadmap());
    progressFile(wb.folder);
  });
  withWorkbench(wb);

  it('counts the due items of both roadmaps in the status bar and shows them on one page', async function () {
    this.timeout(120_000);
    await wb.openRoadmap();
    await wb.row('Team API basics').waitFor({ timeout: 30_000 });
    await wb.importProgress('progress-due.json', /4 quiz answers merged/);
    await dueInStatusBar().filter({ hasText: '4 due' }).waitFor({ timeout: 15_000 });
    // Each roadmap leads with its own "Due for review" group, and the two rows stay apart.
    await wb.roadmapView().locator('.label-name', { hasText: 'Due for review' }).nth(1).waitFor({ timeout: 15_000 });
    assert.deepStrictEqual(await wb.roadmapView().locator('.monaco-list-row', { hasText: 'Due for review' }).locator('.label-description').allTextContents(), ['3 items in 1 topic', '1 item in 1 topic']);
    assert.strictEqual(await wb.page.locator('.notification-toast', { hasText: /already registered/ }).count(), 0, 'no tree row id is used twice');
    // The status bar entry starts the session.
    await dueInStatusBar().click();
    const f = wb.lessonFrame();
    await f.locator('h1', { hasText: 'Review' }).waitFor({ timeout: 20_000 });
    assert.strictEqual(await f.locator('.summary').textContent(), '4 items due in 2 topics.');
    assert.deepStrictEqual(await f.locator('section.quiz h2').allTextContents(), ['Docker', 'Status codes']);
    // Only what is due: two of Docker's graded items (not its other two) and its third question alone.
    const docker = f.locator('section.quiz[data-topic="docker"]');
    assert.deepStrictEqual(await docker.locator('.quiz-item').evaluateAll((boxes) => boxes.map((b) => (b as HTMLElement).dataset.item)), ['stop-signal', 'port-mapping']);
    assert.deepStrictEqual(await docker.locator('.quiz-question').evaluateAll((qs) => qs.map((q) => (q as HTMLElement).dataset.question)), ['3']);
    // Topics of more than one roadmap: each says which.
    await f.locator('section.quiz[data-roadmap="team"] .muted', { hasText: 'Team API basics · 1 due' }).waitFor();
    assert.strictEqual(await f.locator('#review-progress').textContent(), '0 of 4 answered');
    await wb.screenshot('1-review-page');
  });

  it('grades each answer with its explanations, counts them, and clears the status bar when all are answered', async function () {
    this.timeout(120_000);
    const f = wb.lessonFrame();
    const stop = f.locator('section.quiz[data-topic="docker"] .quiz-item[data-item="stop-signal"]');
    await stop.locator('label', { hasText: 'SIGKILL at once' }).click();
    await stop.locator('button.quiz-check').click();
    await stop.locator('.verdict .result', { hasText: 'Not quite.' }).waitFor({ timeout: 10_000 });
    assert.strictEqual(await stop.locator('.why').count(), 4, 'every choice is explained');
    await f.locator('#review-progress', { hasText: '1 of 4 answered' }).waitFor({ timeout: 10_000 });
    const port = f.locator('section.quiz[data-topic="docker"] .quiz-item[data-item="port-mapping"]');
    // Answering with the keyboard: type, then Tab to Check and Enter.
    await port.locator('input[type="text"]').fill('8080:3000');
    await port.locator('input[type="text"]').press('Tab');
    await wb.page.keyboard.press('Enter');
    await port.locator('.verdict .result', { hasText: 'Right.' }).waitFor({ timeout: 10_000 });
    const q3 = f.locator('section.quiz[data-topic="docker"] .quiz-question[data-question="3"]');
    await q3.locator('button.reveal').click();
    await q3.locator('.answer', { hasText: /named volume/ }).waitFor({ timeout: 10_000 });
    await q3.locator('.rate button', { hasText: 'Not yet' }).click();
    await q3.locator('.due', { hasText: /Comes back for review on/ }).waitFor({ timeout: 10_000 });
    const created = f.locator('section.quiz[data-roadmap="team"] .quiz-item[data-item="created"]');
    await created.locator('label', { hasText: '201' }).click();
    await created.locator('button.quiz-check').click();
    await created.locator('.verdict .result', { hasText: 'Right.' }).waitFor({ timeout: 10_000 });
    await f.locator('#review-progress', { hasText: /^All 4 answered\./ }).waitFor({ timeout: 10_000 });
    await stop.scrollIntoViewIfNeeded();
    await wb.screenshot('2-answered');
    // Nothing is due now: a wrong answer comes back tomorrow, not this minute.
    await dueInStatusBar().waitFor({ state: 'hidden', timeout: 15_000 });
    await wb.setColorTheme('Dark Modern');
    await wb.screenshot('3-answered-dark');
  });

  it('keeps the answers on the page when it is hidden and shown again, and says so when nothing is due', async function () {
    this.timeout(120_000);
    await wb.runCommand('View: Open Previous Editor');
    await wb.runCommand('View: Open Next Editor');
    const f = wb.lessonFrame();
    await f.locator('#review-progress', { hasText: /^All 4 answered\./ }).waitFor({ timeout: 20_000 });
    await f.locator('.quiz-item[data-item="stop-signal"] .verdict .result', { hasText: 'Not quite.' }).waitFor();
    await wb.runCommand('View: Close All Editors');
    await wb.runCommand('Roadmap: Review Due Quiz Items');
    await wb.page.locator('.notification-toast', { hasText: /nothing is due for review/ }).waitFor({ timeout: 15_000 });
  });

  it('shows an inline quiz of the workspace roadmap under "Check yourself" on its lesson page', async function () {
    this.timeout(120_000);
    await wb.runCommand('Roadmap: Search Topics', 'Status codes');
    const f = wb.lessonFrame();
    await f.locator('section.quiz .quiz-title', { hasText: 'Check yourself' }).waitFor({ timeout: 20_000 });
    // One item answered in the review session, none due: 1 of 5 (3 items, 2 questions).
    assert.strictEqual(await f.locator('#quiz-summary').textContent(), '1 of 5 answered');
    const notFound = f.locator('.quiz-item[data-item="not-found"]');
    await notFound.locator('input[type="text"]').fill('404');
    await notFound.locator('button.quiz-check').click();
    await notFound.locator('.verdict .result', { hasText: 'Right.' }).waitFor({ timeout: 10_000 });
    await notFound.scrollIntoViewIfNeeded();
    await wb.screenshot('4-own-roadmap-quiz');
  });
});
