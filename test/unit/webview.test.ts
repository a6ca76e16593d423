import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { buildPageHtml, contentSecurityPolicy, escapeHtml, pageAssets } from '../../src/webview/html';
import { messagesBetween, RenderQueue } from '../../src/webview/render';

const assets = { cspSource: 'https://webview.example', scriptUris: ['https://webview.example/page.js', 'https://webview.example/lesson.js'], styleUris: ['https://webview.example/base.css'] };

describe('webview page shell', () => {
  it('carries a CSP that allows only its own nonce for scripts', () => {
    const html = buildPageHtml(assets, 'abc123', 'DNS', { lesson: null });
    const csp = (/http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '').replace(/&#39;/g, "'");
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(html, /<script nonce="abc123" src="https:\/\/webview.example\/page.js"><\/script>\n {2}<script nonce="abc123" src="https:\/\/webview.example\/lesson.js"><\/script>/);
    assert.strictEqual((html.match(/<script/g) ?? []).length, 2, 'only the two page scripts');
    assert.strictEqual((html.match(/<script nonce="abc123"/g) ?? []).length, 2, 'every script carries the nonce');
  });

  it('uses a different nonce on every render of the panel', () => {
    // The panel draws its nonce from crypto for each render; two renders must never share one.
    const a = buildPageHtml(assets, randomBytes(16).toString('base64'), 'x', {});
    const b = buildPageHtml(assets, randomBytes(16).toString('base64'), 'x', {});
    const nonce = (h: string) => /script nonce="([^"]+)"/.exec(h)?.[1];
    assert.notStrictEqual(nonce(a), nonce(b));
  });

  it('escapes the initial data so it cannot break out of its attribute', () => {
    const evil = { title: '"><script>alert(1)</script><x a=\'' };
    const html = buildPageHtml(assets, 'n', 'x', evil);
    assert.doesNotMatch(html, /<script>alert/);
    const attr = /data-state="([^"]*)"/.exec(html)?.[1] ?? '';
    const decoded = attr.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.deepStrictEqual(JSON.parse(decoded), evil);
  });

  it('escapes the title and every URI it writes', () => {
    const html = buildPageHtml({ ...assets, styleUris: ['https://webview.example/a.css"><script>x</script>'] }, 'n', '</title><script>alert(1)</script>', {});
    assert.doesNotMatch(html, /<script>/);
    assert.match(html, /<title>&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/title>/);
    assert.strictEqual(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('builds the CSP from the webview source', () => {
    assert.strictEqual(contentSecurityPolicy('vscode-resource:', 'N'), "default-src 'none'; style-src vscode-resource:; font-src vscode-resource:; img-src vscode-resource: https:; script-src 'nonce-N'");
  });

  it('loads the shared script and style before the page\'s own, all from media/', () => {
    const made = pageAssets('src:', (...p) => `media:/${p.join('/')}`, { script: 'lesson.js', style: 'lesson.css' });
    assert.deepStrictEqual(made, {
      cspSource: 'src:',
      scriptUris: ['media:/page.js', 'media:/lesson.js'],
      styleUris: ['media:/base.css', 'media:/lesson.css'],
      codiconUri: 'media:/codicons/codicon.css',
    });
  });
});

describe('webview drawing', () => {
  /** A queue whose deferred runs wait until the test says so. */
  function queued() {
    let draws = 0;
    const later: (() => void)[] = [];
    const queue = new RenderQueue(() => draws++, (run) => later.push(run));
    return { queue, draws: () => draws, runLater: () => later.splice(0).forEach((run) => run()) };
  }

  it('draws once for every request made in the same turn', () => {
    const { queue, draws, runLater } = queued();
    for (let i = 0; i < 4; i++) queue.request();
    assert.strictEqual(draws(), 0, 'nothing is drawn before the turn ends');
    runLater();
    assert.strictEqual(draws(), 1);
    runLater();
    assert.strictEqual(draws(), 1, 'nothing left to draw');
  });

  it('draws again for a request in a later turn', () => {
    const { queue, draws, runLater } = queued();
    queue.request();
    runLater();
    queue.request();
    runLater();
    assert.strictEqual(draws(), 2);
  });

  it('draws nothing for a request cancelled before the turn ends (the panel closed)', () => {
    const { queue, draws, runLater } = queued();
    queue.request();
    queue.cancel();
    runLater();
    assert.strictEqual(draws(), 0);
  });

  it('defers to a microtask by default: once, before the next timer', async () => {
    let draws = 0;
    const queue = new RenderQueue(() => draws++);
    for (let i = 0; i < 5; i++) queue.request();
    assert.strictEqual(draws, 0);
    await Promise.resolve();
    assert.strictEqual(draws, 1);
  });

  it('posts nothing when the page already shows the same state, else the smaller update or the whole', () => {
    const page = (n: number, note = false) => ({ type: 'show', n, note });
    const noteOnly = (a: { n: number; note: boolean }, b: { n: number; note: boolean }) => (a.n === b.n ? [{ type: 'note', n: b.n, note: b.note }] : undefined);
    assert.deepStrictEqual(messagesBetween(page(1), page(1), noteOnly), []);
    assert.deepStrictEqual(messagesBetween(page(1), page(1, true), noteOnly), [{ type: 'note', n: 1, note: true }]);
    assert.deepStrictEqual(messagesBetween(page(1), page(2), noteOnly), [page(2)]);
    assert.deepStrictEqual(messagesBetween(page(1), page(2)), [page(2)]);
    assert.deepStrictEqual(messagesBetween(undefined, page(1), noteOnly), [page(1)], 'a page that shows nothing known gets the whole');
  });
});
