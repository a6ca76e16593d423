import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SHOTS, Workbench } from './workbench';

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
});
