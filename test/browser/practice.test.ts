import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, Workbench } from './workbench';

/** The file-backed URL shortener of the verify tests, less its validation: the learner types it in. */
const fixture = path.join(ROOT, 'test', 'fixtures', 'verify', 'url-shortener-lite');

/** `server.js` with `invalid()` checking only that the URL is a string, at line 12. */
function withoutValidation(source: string): string {
  const out = source
    .replace(/^const features = .*\n/m, '')
    .replace(/^function invalid\(url\) \{\n[\s\S]*?\n\}\n/m, "function invalid(url) {\n  if (typeof url !== 'string') return 'url must be a string';\n  return undefined;\n}\n");
  assert.strictEqual(out.split('\n')[11], "  if (typeof url !== 'string') return 'url must be a string';", 'the line the test types after');
  assert.ok(!out.includes('features.validation'), 'no switch left that would turn validation on');
  return out;
}

/** Typing code into the editor as it is, without the editor adding brackets, quotes or suggestions. */
const PLAIN_TYPING = {
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoIndent': 'none',
  'editor.autoSurround': 'never',
  'editor.formatOnType': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.wordBasedSuggestions': 'off',
};

describe('Watch mode: the practice loop in the workbench', function () {
  const wb = new Workbench('practice', PLAIN_TYPING);
  const project = path.join(wb.folder, 'my-shortener');

  before(async function () {
    this.timeout(180_000);
    fs.cpSync(fixture, project, { recursive: true });
    const server = path.join(project, 'server.js');
    fs.writeFileSync(server, withoutValidation(fs.readFileSync(server, 'utf8')));
    await wb.start();
  });
  afterEach(function () {
    return wb.captureFailure(this.currentTest);
  });
  after(() => wb.stop());

  const watchState = (text: RegExp) => wb.page.locator('.part.statusbar .statusbar-item', { hasText: text });
  const page = () => wb.lessonFrame();
  const checkRow = (name: string) => page().locator('li.check', { has: wb.page.locator('strong', { hasText: name }) });

  /** Opens server.js, puts the cursor at the end of `line`, types `code` on a new line and saves. */
  async function addLineAndSave(line: number, code: string): Promise<void> {
    await wb.runCommand('Go to File', 'server.js');
    const editor = wb.page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor({ timeout: 15_000 });
    await wb.page.keyboard.press('Control+G');
    await wb.page.locator('.quick-input-widget .quick-input-box input').fill(`:${line}`);
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.type(code);
    await wb.page.keyboard.press('Control+S');
    // Back to the milestone page, which shares the editor group.
    await wb.page.locator('.tab', { hasText: 'Validation' }).click();
  }

  it('watches the validation milestone: the page shows how it is tested and the first run fails', async function () {
    this.timeout(120_000);
    await wb.runCommand('Roadmap: Watch Milestone', 'Validation');
    await page().locator('h1', { hasText: 'Validation' }).waitFor({ timeout: 30_000 });
    // Every check in plain words, from the check data.
    await checkRow('a URL with a space answers 400').locator('.sent', { hasText: 'POST /links' }).first().waitFor({ timeout: 10_000 });
    await watchState(/Validation: \d+ of \d+ checks failed/).waitFor({ timeout: 60_000 });
    await checkRow('a URL without a scheme answers 400 with an error').locator('.outcome-failed').waitFor({ timeout: 10_000 });
    await wb.screenshot('1-watching');
  });

  it('a half fix saved in the editor shows the check still failing within seconds, without pressing anything', async function () {
    this.timeout(120_000);
    const started = Date.now();
    await addLineAndSave(12, "  if (!/^https?:\\/\\/[^\\/\\s]/.test(url)) return 'url must start with http:// or https:// and a host';");
    await checkRow('a URL without a scheme answers 400 with an error').locator('.outcome-passed').waitFor({ timeout: 60_000 });
    await checkRow('a URL with a space answers 400').locator('.outcome-failed').waitFor({ timeout: 10_000 });
    await watchState(/Validation: \d+ of \d+ checks failed/).waitFor({ timeout: 10_000 });
    // What came back, in the page: the server accepted the URL with a space.
    await checkRow('a URL with a space answers 400').locator('pre.failure', { hasText: /201/ }).waitFor({ timeout: 10_000 });
    await wb.screenshot('2-half-fix-fails');
    assert.ok(Date.now() - started < 60_000, 'the verdict came while the learner waited');
  });

  it('opens one hint at a time, and the page remembers how many', async function () {
    this.timeout(60_000);
    await page().locator('#hint').click();
    await page().locator('#hint-1').waitFor({ timeout: 10_000 });
    assert.strictEqual(await page().locator('#hint-2').count(), 0, 'only the first hint opens');
    await page().locator('#hint', { hasText: 'Show hint 2 of 3' }).waitFor({ timeout: 10_000 });
    await page().locator('#hint-1').scrollIntoViewIfNeeded();
    await wb.screenshot('3-hint');
  });

  it('the full fix passes on save, and the milestone\'s topics turn verified', async function () {
    this.timeout(120_000);
    await addLineAndSave(12, "  if (/\\s/.test(url)) return 'url must not contain spaces, tabs or line breaks';");
    await watchState(/Validation: passed/).waitFor({ timeout: 60_000 });
    await page().locator('#milestone-status', { hasText: 'Verified by your code' }).waitFor({ timeout: 15_000 });
    await wb.screenshot('4-passed');
    await wb.openRoadmap();
    await wb.runCommand('Roadmap: Search Topics', 'JSON APIs');
    const row = wb.row('JSON APIs');
    await row.locator('.codicon-verified-filled').waitFor({ timeout: 15_000 });
    await wb.screenshot('5-tree-verified');
  });

  it('shows the reference diff only after the learner confirms, and stops watching on request', async function () {
    this.timeout(60_000);
    await wb.runCommand('Roadmap: Show the Reference Diff');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    await wb.screenshot('6-reference-confirm');
    await dialog.getByRole('button', { name: 'Show the Reference' }).click();
    await wb.page.locator('.tab', { hasText: /reference/ }).first().waitFor({ timeout: 15_000 });
    await wb.screenshot('7-reference-diff');
    await wb.runCommand('Roadmap: Stop Watching');
    await watchState(/Validation:/).waitFor({ state: 'hidden', timeout: 15_000 });
  });
});
