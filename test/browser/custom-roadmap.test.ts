import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, SHOTS, Workbench } from './workbench';

/** A team's roadmap with one mistake: a prerequisite that names no node. */
const TEAM = `id: team
title: Team roadmap
sections:
  - id: basics
    title: Team basics
    nodes:
      - id: dns
        title: Our DNS setup
        hours: 2
        lesson: |
          ## Why it matters

          Every service we run is found through **our own** resolvers. <script>alert(1)</script>
        resources:
          - { type: docs, title: "Resolver runbook", url: "https://example.com/runbook" }
      - id: proxy
        title: Our reverse proxy
        hours: 3
        prerequisites: [dnz]
        lessonFile: lessons/proxy.md
`;

describe('a roadmap of the workspace\'s own in the real workbench', function () {
  const wb = new Workbench('custom-roadmap');
  const file = path.join(wb.folder, 'team.roadmap.yaml');

  before(async function () {
    this.timeout(180_000);
    fs.mkdirSync(path.join(wb.folder, 'lessons'));
    fs.writeFileSync(path.join(wb.folder, 'lessons', 'proxy.md'), '## The proxy\n\nIt terminates TLS for every service.\n');
    fs.writeFileSync(file, TEAM);
    // Titles, summaries and resources only, with a plan of its own.
    fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'workspace-roadmaps', 'lean.roadmap.yaml'), path.join(wb.folder, 'lean.roadmap.yaml'));
    await wb.start();
  });
  afterEach(function () {
    return wb.captureFailure(this.currentTest);
  });
  after(async () => {
    await wb.stop();
    console.log(`    screenshots: ${SHOTS}`);
  });

  const problemsPanel = () => wb.page.locator('.markers-panel');

  it('shows the built-in roadmap and the workspace\'s as two roots, and the mistake in the Problems panel', async () => {
    await wb.clickRoadmapIcon();
    await wb.row('Team roadmap').waitFor({ timeout: 30_000 });
    await wb.row('Backend').waitFor();
    assert.match((await wb.row('Team roadmap').locator('.label-description').textContent()) ?? '', /^0\/2 · 5 h left · 1 problem$/);
    await wb.row('Team basics').click();
    await wb.row('Our reverse proxy').waitFor();
    await wb.runCommand('View: Focus Problems');
    const problem = problemsPanel().locator('.monaco-list-row', { hasText: "unknown node id 'dnz'" });
    await problem.waitFor({ timeout: 15_000 });
    assert.match((await problem.textContent()) ?? '', /did you mean 'dns'\?.*\[Ln 19, Col 25\]/);
    await wb.screenshot('1-two-roots-and-a-problem');
  });

  it('opens the file at the problem from the Problems panel, and saving the fix clears it', async () => {
    await problemsPanel().locator('.monaco-list-row', { hasText: "unknown node id 'dnz'" }).click();
    // Enter opens the file with the problem's range selected and the focus in the editor.
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.tab.active', { hasText: 'team.roadmap.yaml' }).waitFor();
    await wb.page.locator('.editor-instance .monaco-editor.focused').waitFor();
    await wb.page.locator('.part.statusbar', { hasText: 'Ln 19, Col 28 (3 selected)' }).waitFor();
    // Typing replaces the selected 'dnz' with the right id, as a learner would, then saves.
    await wb.page.keyboard.type('dns');
    await wb.page.keyboard.press('Control+S');
    await problemsPanel().locator('.monaco-list-row', { hasText: "unknown node id 'dnz'" }).waitFor({ state: 'detached', timeout: 15_000 });
    await wb.row('Team roadmap').locator('.label-description', { hasText: /^0\/2 · 5 h left$/ }).waitFor({ timeout: 15_000 });
    assert.match(fs.readFileSync(file, 'utf8'), /prerequisites: \[dns\]/);
    await wb.screenshot('2-fixed-and-saved');
  });

  it('opens a workspace topic\'s lesson, rendered safely, and marks it done from the tree', async () => {
    await wb.row('Our DNS setup').click();
    const frame = wb.lessonFrame();
    await frame.locator('#lesson-title', { hasText: 'Our DNS setup' }).waitFor({ timeout: 30_000 });
    assert.strictEqual(await frame.locator('.section').textContent(), 'Team roadmap · Team basics');
    assert.match((await frame.locator('article.lesson').innerHTML()) ?? '', /<strong>our own<\/strong> resolvers\. &lt;script&gt;/);
    assert.strictEqual(await frame.locator('article.lesson script').count(), 0);
    await wb.clickInlineAction('Our DNS setup', 'Mark Done');
    await wb.row('Our DNS setup').locator('.codicon-pass').waitFor({ timeout: 10_000 });
    await frame.locator('#status', { hasText: 'Done' }).waitFor({ timeout: 10_000 });
    await wb.row('Team roadmap').locator('.label-description', { hasText: /^1\/2 · 3 h left$/ }).waitFor({ timeout: 10_000 });
    await wb.screenshot('3-workspace-lesson');
  });

  it('takes a roadmap of titles, summaries and resources: no lesson yet, hours unknown, its plan in Group By and its own dashboard', async () => {
    await wb.row('Lean roadmap').locator('.label-description', { hasText: /^0\/2 · 3 h\+ left$/ }).waitFor({ timeout: 15_000 });
    await wb.row('Start here').click();
    await wb.row('HTTP basics').locator('.label-description', { hasText: /^\? h$/ }).waitFor();
    await wb.row('HTTP basics').click();
    const frame = wb.lessonFrame();
    await frame.locator('#lesson-title', { hasText: 'HTTP basics' }).waitFor({ timeout: 30_000 });
    assert.match((await frame.locator('article.lesson').textContent()) ?? '', /This topic has no lesson yet\./);
    await wb.screenshot('4-no-lesson-yet');
    await wb.runCommand('View: Close All Editors');
    // Group By from the roadmap's root offers that roadmap's sections and plans.
    await wb.row('Lean roadmap').click({ button: 'right' });
    const groupBy = wb.page.getByRole('menuitem', { name: 'Group By…' });
    await groupBy.waitFor();
    await wb.page.waitForTimeout(300); // the menu fades in; a click during the fade is lost
    await groupBy.click();
    const choices = wb.page.locator('.quick-input-widget .monaco-list-row');
    await choices.first().waitFor();
    const rows = await choices.allTextContents();
    assert.strictEqual(rows.length, 2, rows.join(' | '));
    assert.match(rows[0], /^Topics.*current/);
    assert.match(rows[1], /^Two weeks/);
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Two weeks' }).click();
    await wb.row('Week one').waitFor({ timeout: 10_000 });
    await wb.row('Not in this plan').waitFor();
    await wb.screenshot('5-lean-grouped-by-its-plan');
    await wb.row('Lean roadmap').click({ button: 'right' });
    const openDashboard = wb.page.getByRole('menuitem', { name: 'Open Dashboard' });
    await openDashboard.waitFor();
    await wb.page.waitForTimeout(300);
    await openDashboard.click();
    const f = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await f.locator('h1', { hasText: /^Lean roadmap$/ }).waitFor({ timeout: 20_000 });
    assert.match((await f.locator('#stat-topics').textContent()) ?? '', /0\/2/);
    assert.match((await f.locator('body').textContent()) ?? '', /Two weeks/);
    assert.strictEqual(await f.locator('.phase').count(), 1);
    assert.match((await f.locator('#projection').textContent()) ?? '', /1 topic has no estimate/);
    await wb.screenshot('6-lean-dashboard');
  });
});
