// What a learner waits for when opening the view: from the click on an extension's icon in the
// activity bar to the first rows of its tree drawn, in the real workbench of a fresh code-server,
// for ours and for bench/baseline-view-extension (a container with 19 fixed rows) in the same
// window. Neither extension is active before its click: both activate when their view first opens.
// The time is taken inside the page (performance.now() at the click's pointerdown, a
// MutationObserver for the first row), so none of Playwright's round trips count.
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { startCodeServer } from '../scripts/code-server.mjs';
import { waitForQuiet } from './quiet.mjs';

/** The two views: the activity-bar icon a learner clicks and the container it opens. */
export const VIEWS = {
  ours: { icon: 'Roadmap', container: 'workbench.view.extension.backendRoadmap' },
  baseline: { icon: 'Baseline View', container: 'workbench.view.extension.benchBaselineView' },
};
const TIMEOUT_MS = 60_000;

/**
 * One fresh code-server (fresh user data) with both extensions installed from their .vsix; opens
 * the workbench on an empty folder, lets it settle, then opens `first`'s view and the other's.
 * @returns {Promise<Record<'ours' | 'baseline', { firstPaintMs: number, frameMs: number, rows: number, idle: number, clickedAt: number, welcome?: { ms: number, text: string } }>>}
 */
export async function measureViewHost({ browser, stage, vsix, first }) {
  const workspace = mkdtempSync(path.join(stage, 'workspace-'));
  const server = await startCodeServer({ folder: workspace, vsix });
  const page = await browser.context.newPage();
  try {
    if (process.env.ROADMAP_DEBUG_CONSOLE) page.on('console', (msg) => console.log('[page]', msg.text()));
    // The workbench as a learner opens it: no extension under development, no tests.
    await page.goto(`${server.url}/?${new URLSearchParams({ folder: workspace })}`);
    await page.locator('.part.activitybar').waitFor({ timeout: TIMEOUT_MS });
    // The extension host has started and both containers are in the activity bar.
    await page.waitForFunction(() => performance.getEntriesByName('code/didLoadExtensions').length > 0, undefined, { timeout: TIMEOUT_MS });
    for (const view of Object.values(VIEWS)) await iconOf(page, view).waitFor({ timeout: TIMEOUT_MS });
    // Extensions that start with the window (git and others) activate a few seconds after it.
    await page.waitForTimeout(3000);
    const order = first === 'ours' ? ['ours', 'baseline'] : ['baseline', 'ours'];
    const out = {};
    for (const who of order) {
      const idle = (await waitForQuiet()) ?? -1;
      out[who] = { ...(await openView(page, VIEWS[who], who)), idle };
      await page.waitForTimeout(500);
    }
    return out;
  } catch (err) {
    throw new Error(`the view run failed: ${err.message}; code-server's last output:\n${server.output().slice(-2000)}`);
  } finally {
    await page.close().catch(() => {});
    await server.stop();
  }
}

function iconOf(page, view) {
  return page.locator(`.part.activitybar .action-item a[aria-label^="${view.icon}"]`);
}

/**
 * Clicks the view's icon and returns, in ms after the click, when its first row entered the page
 * and the next frame; the click's time since the epoch, to line it up with the extension host's clock.
 */
async function openView(page, view, who) {
  // The container must not be showing already, or the click would close it instead.
  const shown = await page.evaluate(({ container, icon }) => {
    const item = document.querySelector(`.part.activitybar .action-item a[aria-label^="${icon}"]`)?.closest('.action-item');
    const el = document.getElementById(container);
    return { checked: item?.classList.contains('checked') ?? false, visible: !!el && el.offsetParent !== null, rows: el?.querySelectorAll('.monaco-list-row').length ?? 0 };
  }, view);
  if (shown.checked || shown.visible || shown.rows > 0) {
    throw new Error(`the ${who} view (${view.container}) was already open before its icon was clicked (icon active: ${shown.checked}, rows: ${shown.rows}): the window restored it; every run needs fresh user data`);
  }
  // Set up before the click: the click's own time, then the first row in the container. Also
  // noted: a welcome text the view shows while it has no rows yet (what the learner sees meanwhile).
  await page.evaluate((container) => {
    window.__benchFirstPaint = new Promise((resolve) => {
      let clicked;
      let welcome;
      window.addEventListener('pointerdown', () => (clicked ??= performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        const el = clicked !== undefined ? document.getElementById(container) : undefined;
        if (!el) return;
        const text = el.querySelector('.welcome-view-content')?.textContent?.trim();
        if (text && !welcome) welcome = { ms: performance.now() - clicked, text: text.slice(0, 80) };
        const rows = el.querySelectorAll('.monaco-list-row');
        if (!rows.length) return;
        const inPage = performance.now();
        observer.disconnect();
        // The frame that draws it: animation frames run just before the browser paints.
        requestAnimationFrame(() => resolve({ firstPaintMs: inPage - clicked, frameMs: performance.now() - clicked, rows: rows.length, welcome, clickedAt: performance.timeOrigin + clicked }));
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  }, view.container);
  await iconOf(page, view).click();
  let timer;
  try {
    return await Promise.race([
      page.evaluate(() => window.__benchFirstPaint),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no row appeared in ${view.container} within ${TIMEOUT_MS / 1000} s of clicking the ${who} icon`)), TIMEOUT_MS))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
