// Shared setup for browser tests: a code-server with the extension loaded from source, driven by
// Debian's Chromium through playwright-core. Screenshots go to test-results/screenshots/.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../../..');
export const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

interface CodeServer {
  url: string;
  port: number;
  dirs: { extensions: string };
  stop(): Promise<void>;
}

export class Workbench {
  page!: Page;
  private server!: CodeServer;
  private browser!: { context: BrowserContext; close(): Promise<void> };
  readonly folder = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-browser-ws-'));
  private url = '';

  /**
   * `trust: true` leaves workspace trust on, so the folder opens in restricted mode until trusted;
   * `vsix` installs that package into the fresh code-server instead of loading the extension from source.
   */
  constructor(private readonly name: string, private readonly settings: Record<string, unknown> = {}, private readonly options: { trust?: boolean; vsix?: string } = {}) {}

  async start(): Promise<void> {
    const cs = await import(path.join(ROOT, 'scripts', 'code-server.mjs'));
    const br = await import(path.join(ROOT, 'scripts', 'browser.mjs'));
    // ROADMAP_TEST_VSIX=path runs the same tests against the packaged extension (npm run package).
    const vsix = this.options.vsix ?? process.env.ROADMAP_TEST_VSIX;
    this.server = await cs.startCodeServer({ folder: this.folder, settings: this.settings, vsix, trust: this.options.trust });
    this.browser = await br.launchBrowser();
    this.page = await this.browser.context.newPage();
    this.url = cs.workbenchUrl(this.server, { folder: this.folder, extensionPath: vsix ? undefined : ROOT });
    await this.open();
  }

  async open(): Promise<void> {
    await this.page.goto(this.url);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.part.activitybar').waitFor();
  }

  /** Reloads the window the way a learner does, so the workbench saves its state first. */
  async reload(): Promise<void> {
    const loaded = this.page.waitForEvent('load', { timeout: 60_000 });
    await this.runCommand('Developer: Reload Window');
    await loaded;
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  }

  /** Where code-server keeps installed extensions (a package installed with `vsix` lands there). */
  extensionsDir(): string {
    return this.server.dirs.extensions;
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.server?.stop();
    fs.rmSync(this.folder, { recursive: true, force: true });
  }

  /** For afterEach: a screenshot named after a test that failed, to see what the page showed. */
  async captureFailure(test: { state?: string; title: string } | undefined): Promise<void> {
    if (test?.state === 'failed') await this.screenshot(`failed-${test.title.replace(/\W+/g, '-')}`).catch(() => {});
  }

  async screenshot(step: string): Promise<string> {
    fs.mkdirSync(SHOTS, { recursive: true });
    const file = path.join(SHOTS, `${this.name}-${step}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Opens the Roadmap container in the activity bar (a no-op when it is already showing). */
  async openRoadmap(): Promise<Locator> {
    const view = this.roadmapView();
    const icon = this.page.locator('.part.activitybar .action-item a[aria-label^="Roadmap"]');
    await icon.waitFor({ timeout: 30_000 });
    if (!(await view.locator('.monaco-list-row').first().isVisible())) {
      // The palette command only ever opens the container; the icon toggles it, which races with
      // the workbench restoring the sidebar after a reload.
      await this.runCommand('View: Show Roadmap');
    }
    await view.locator('.monaco-list-row').first().waitFor({ timeout: 30_000 });
    return view;
  }

  /** Clicks the Roadmap icon in the activity bar, as a learner opens it the first time. */
  async clickRoadmapIcon(): Promise<Locator> {
    await this.page.locator('.part.activitybar .action-item a[aria-label^="Roadmap"]').click();
    await this.roadmapView().locator('.monaco-list-row').first().waitFor({ timeout: 30_000 });
    return this.roadmapView();
  }

  roadmapView(): Locator {
    return this.page.locator('[id="workbench.view.extension.backendRoadmap"]');
  }

  row(label: string): Locator {
    return this.roadmapView().locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
  }

  /** Runs a palette command, then answers its quick pick with `pick` when given. */
  async runCommand(title: string, pick?: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    // F1 can land while focus moves between a webview and the workbench; ask again if nothing opened.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ timeout: 3000 });
        break;
      } catch (err) {
        if (attempt === 3) throw err;
        await this.page.locator('.part.statusbar').hover();
      }
    }
    // Right after the window opens the palette may not list the extension's commands yet: type
    // the title again for a while before giving up.
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { has: this.page.locator('.label-name', { hasText: title }) }).first();
    for (let attempt = 1; ; attempt++) {
      // A view or page that takes the focus as it opens closes the palette: open it again.
      if (!(await input.isVisible())) await this.page.keyboard.press('F1');
      await input.fill(`>${title}`, { timeout: 5000 });
      try {
        await row.waitFor({ timeout: 3000 });
        break;
      } catch (err) {
        if (attempt === 10) throw err;
        if (await input.isVisible()) await input.fill('>', { timeout: 5000 });
      }
    }
    await this.chooseRow(title);
    if (pick !== undefined) await this.pick(pick);
  }

  /** Answers the open quick pick: types `label` and picks the row whose label has it. */
  async pick(label: string): Promise<void> {
    await this.page.locator('.quick-input-widget .monaco-list-row').first().waitFor();
    await this.page.locator('.quick-input-widget .quick-input-box input').fill(label);
    await this.chooseRow(label);
  }

  /** Clicks the quick-pick row whose label starts with `label` (Enter could pick a fuzzier match). */
  private async chooseRow(label: string): Promise<void> {
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { has: this.page.locator('.label-name', { hasText: label }) }).first();
    await row.waitFor();
    if (await row.evaluate((el) => el.classList.contains('focused'))) await this.page.keyboard.press('Enter');
    else await row.click();
  }

  /** Picks a color theme through "Preferences: Color Theme", as a learner does. */
  async setColorTheme(label: string): Promise<void> {
    // In a window that has just opened, the picker can come up empty and stay so (the themes are
    // not known yet): close it and ask again.
    const rows = this.page.locator('.quick-input-widget .monaco-list-row');
    for (let attempt = 1; ; attempt++) {
      await this.runCommand('Preferences: Color Theme');
      try {
        await rows.first().waitFor({ timeout: 5000 });
        break;
      } catch (err) {
        if (attempt === 6) throw new Error(`the color theme picker listed no themes after ${attempt} tries: ${(err as Error).message}`);
        await this.page.keyboard.press('Escape');
        await this.page.waitForTimeout(1000);
      }
    }
    await this.page.locator('.quick-input-widget .quick-input-box input').fill(label);
    await this.chooseRow(label);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // The workbench takes the theme's kind as a class once it has applied it; webviews follow it.
    const kind = /high contrast light/i.test(label) ? 'hc-light' : /high contrast/i.test(label) ? 'hc-black' : /dark/i.test(label) ? 'vs-dark' : 'vs';
    await this.page.waitForFunction((k) => document.querySelector('.monaco-workbench')?.classList.contains(k), kind, { timeout: 15_000 });
    await this.page.waitForTimeout(500);
  }

  /**
   * Answers the scaffold command's questions after the stack: the folder (the workspace's), the
   * project's name, and no to `git init`.
   */
  async answerScaffold(name: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    // VS Code's folder dialog writes its starting folder into the box a moment after it shows: a
    // path typed before that ends up behind it. Type it until it stays.
    for (let attempt = 1; ; attempt++) {
      await input.fill(`${this.folder}/`);
      await this.page.waitForTimeout(300);
      if ((await input.inputValue()) === `${this.folder}/`) break;
      if (attempt === 5) throw new Error(`the folder dialog kept changing the path typed: ${await input.inputValue()}`);
    }
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Project name' }).waitFor({ timeout: 10_000 });
    await input.fill(name);
    await this.page.keyboard.press('Enter');
    const git = this.page.locator('.notification-toast', { hasText: 'Initialise a git repository' });
    await git.waitFor({ timeout: 10_000 });
    await git.getByRole('button', { name: 'No', exact: true }).click();
  }

  /**
   * "Import Progress…" of a file in the workspace folder, picked in VS Code's own file dialog (it
   * opens there), then waits for the summary that says what was merged.
   */
  async importProgress(fileName: string, summary: RegExp): Promise<void> {
    await this.runCommand('Roadmap: Import Progress…');
    const entry = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: fileName });
    await entry.waitFor({ timeout: 15_000 });
    await entry.click();
    await this.page.locator('.quick-input-widget .quick-input-box input').press('Enter');
    await this.page.locator('.notification-toast', { hasText: summary }).waitFor({ timeout: 15_000 });
  }

  /** The Roadmap status bar entry. */
  statusBar(): Locator {
    return this.page.locator('.part.statusbar .statusbar-item', { hasText: /\d+%/ }).filter({ has: this.page.locator('.codicon-milestone') });
  }

  /** Hovers a tree row and clicks one of its inline action buttons by its label. */
  async clickInlineAction(rowLabel: string, actionLabel: string): Promise<void> {
    const row = this.row(rowLabel);
    await row.hover();
    await row.locator(`.actions .action-label[aria-label^="${actionLabel}"]`).click();
  }

  /** The lesson page inside the webview's two nested iframes. */
  lessonFrame(): FrameLocator {
    // The extension's own webview: the Getting Started page renders its Markdown in one too.
    return this.page.frameLocator('iframe.webview.ready[src*="extensionId=backend-roadmap"]').frameLocator('#active-frame');
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The usual hooks of a describe block: start the workbench before its tests, a screenshot of each that fails, stop after. */
export function withWorkbench(wb: Workbench): void {
  before(async function () {
    this.timeout(180_000);
    await wb.start();
  });
  afterEach(function () {
    return wb.captureFailure(this.currentTest);
  });
  after(() => wb.stop());
}
