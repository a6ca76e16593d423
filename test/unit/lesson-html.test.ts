import * as assert from 'assert';
import { buildPageHtml, contentSecurityPolicy } from '../../src/lesson/html';
import { isWebUrl, parseWebviewMessage } from '../../src/lesson/protocol';

const assets = { cspSource: 'https://webview.example', scriptUris: ['https://webview.example/page.js', 'https://webview.example/lesson.js'], styleUris: ['https://webview.example/base.css'] };

describe('lesson page HTML', () => {
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
    const { randomBytes } = require('crypto') as typeof import('crypto');
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

  it('builds the CSP from the webview source', () => {
    assert.strictEqual(contentSecurityPolicy('vscode-resource:', 'N'), "default-src 'none'; style-src vscode-resource:; font-src vscode-resource:; img-src vscode-resource: https:; script-src 'nonce-N'");
  });
});

describe('lesson page messages', () => {
  const known = { knownNode: (id: string) => id === 'dns', knownProject: (id: string) => id === 'url-shortener' };
  it('accepts well-formed messages about known nodes', () => {
    assert.deepStrictEqual(parseWebviewMessage({ type: 'setStatus', nodeId: 'dns', status: 'done' }, known), { type: 'setStatus', nodeId: 'dns', status: 'done' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'openNode', nodeId: 'dns' }, known), { type: 'openNode', nodeId: 'dns' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'ready' }, known), { type: 'ready' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'openNotes', nodeId: 'dns' }, known), { type: 'openNotes', nodeId: 'dns' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'scaffold', projectId: 'url-shortener' }, known), { type: 'scaffold', projectId: 'url-shortener' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'openExternal', url: 'https://example.com/x' }, known), { type: 'openExternal', url: 'https://example.com/x' });
  });
  it('refuses unknown types, unknown nodes, bad statuses and non-web links', () => {
    for (const m of [null, 'ready', { type: 'eval' }, { type: 'setStatus', nodeId: 'nope', status: 'done' }, { type: 'setStatus', nodeId: 'dns', status: 'finished' },
      { type: 'openExternal', url: 'command:workbench.action.terminal.new' }, { type: 'openExternal', url: 'file:///etc/passwd' }, { type: 'openNode', nodeId: 42 },
      { type: 'openNotes', nodeId: '../../etc/passwd' }, { type: 'scaffold', projectId: 'rm-rf' }, [{ type: 'ready' }], { type: 'openExternal', url: 'vscode:extension/x' }]) {
      assert.strictEqual(parseWebviewMessage(m, known), undefined, JSON.stringify(m));
    }
  });
  it('treats only http and https as web links', () => {
    assert.ok(isWebUrl('https://example.com/a'));
    assert.ok(isWebUrl('http://example.com'));
    assert.ok(!isWebUrl('javascript:alert(1)'));
    assert.ok(!isWebUrl('vscode://settings'));
    assert.ok(!isWebUrl('not a url'));
  });
});
