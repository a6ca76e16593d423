import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { codeBlocks, isShellBlock } from '../../src/lesson/codeBlocks';
import { isWebUrl, parseWebviewMessage } from '../../src/lesson/protocol';
import { createLessonRenderer } from '../../src/roadmap/markdown';

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
  it('chooses a language only among the language topics, or asks which', () => {
    const checks = { ...known, knownNode: (id: string) => ['dns', 'go'].includes(id), isLanguage: (id: string) => id === 'go' };
    assert.deepStrictEqual(parseWebviewMessage({ type: 'chooseLanguage', nodeId: 'go' }, checks), { type: 'chooseLanguage', nodeId: 'go' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'chooseLanguage' }, checks), { type: 'chooseLanguage' });
    for (const nodeId of ['dns', 'cobol', 42, null]) assert.strictEqual(parseWebviewMessage({ type: 'chooseLanguage', nodeId }, checks), undefined, String(nodeId));
    assert.strictEqual(parseWebviewMessage({ type: 'chooseLanguage', nodeId: 'go' }, known), undefined, 'no language choice on this page');
  });
  it('refuses unknown types, unknown nodes, bad statuses and non-web links', () => {
    for (const m of [null, 'ready', { type: 'eval' }, { type: 'setStatus', nodeId: 'nope', status: 'done' }, { type: 'setStatus', nodeId: 'dns', status: 'finished' },
      { type: 'openExternal', url: 'command:workbench.action.terminal.new' }, { type: 'openExternal', url: 'file:///etc/passwd' }, { type: 'openNode', nodeId: 42 },
      { type: 'openNotes', nodeId: '../../etc/passwd' }, { type: 'scaffold', projectId: 'rm-rf' }, [{ type: 'ready' }], { type: 'openExternal', url: 'vscode:extension/x' }]) {
      assert.strictEqual(parseWebviewMessage(m, known), undefined, JSON.stringify(m));
    }
  });
  it('takes an answer as picked choices or typed text, never both, and a rating of 1 to 3', () => {
    assert.deepStrictEqual(parseWebviewMessage({ type: 'answerItem', nodeId: 'dns', itemId: 'ttl-cache', picked: [0, 2] }, known), { type: 'answerItem', nodeId: 'dns', itemId: 'ttl-cache', picked: [0, 2] });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'answerItem', nodeId: 'dns', itemId: 'port', typed: '53' }, known), { type: 'answerItem', nodeId: 'dns', itemId: 'port', typed: '53' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'rateQuestion', nodeId: 'dns', question: 2, outcome: 3 }, known), { type: 'rateQuestion', nodeId: 'dns', question: 2, outcome: 3 });
    for (const m of [
      { type: 'answerItem', nodeId: 'dns', itemId: 'port', typed: '53', picked: [0] },
      { type: 'answerItem', nodeId: 'dns', itemId: 'port' },
      { type: 'answerItem', nodeId: 'nope', itemId: 'port', typed: '53' },
      { type: 'answerItem', nodeId: 'dns', itemId: '../x', typed: '53' },
      { type: 'answerItem', nodeId: 'dns', itemId: 'p', picked: [-1] },
      { type: 'answerItem', nodeId: 'dns', itemId: 'p', picked: [0.5] },
      { type: 'answerItem', nodeId: 'dns', itemId: 'p', typed: 'x'.repeat(201) },
      { type: 'rateQuestion', nodeId: 'dns', question: 0, outcome: 3 },
      { type: 'rateQuestion', nodeId: 'dns', question: 1, outcome: 4 },
    ]) assert.strictEqual(parseWebviewMessage(m, known), undefined, JSON.stringify(m));
  });
  it('treats only http and https as web links', () => {
    assert.ok(isWebUrl('https://example.com/a'));
    assert.ok(isWebUrl('http://example.com'));
    assert.ok(!isWebUrl('javascript:alert(1)'));
    assert.ok(!isWebUrl('vscode://settings'));
    assert.ok(!isWebUrl('not a url'));
  });
});

describe('lesson page: code blocks for Copy and Run in Terminal', () => {
  const known = { knownNode: (id: string) => id === 'dns', knownProject: () => false };
  it('names a block by its number only: no command text travels from the page', () => {
    assert.deepStrictEqual(parseWebviewMessage({ type: 'runCode', nodeId: 'dns', index: 2 }, known), { type: 'runCode', nodeId: 'dns', index: 2 });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'copyCode', nodeId: 'dns', index: 0, text: 'rm -rf /' }, known), { type: 'copyCode', nodeId: 'dns', index: 0 });
    for (const m of [{ type: 'runCode', nodeId: 'dns', index: -1 }, { type: 'runCode', nodeId: 'dns', index: 1.5 }, { type: 'runCode', nodeId: 'dns', index: '0' }, { type: 'runCode', nodeId: 'nope', index: 0 }, { type: 'runCode', nodeId: 'dns' }]) {
      assert.strictEqual(parseWebviewMessage(m, known), undefined, JSON.stringify(m));
    }
  });

  it('reads each block back from the rendered lesson, unescaped, with its language', () => {
    const render = createLessonRenderer();
    const html = render('Intro `inline` code.\n\n```bash\ncurl -i "https://example.com/?a=1&b=<2>"\necho \'done\'\n```\n\n1. A list\n\n   ```python\n   print("x")\n   ```\n\n```\nplain\n```\n');
    const blocks = codeBlocks(html);
    assert.deepStrictEqual(blocks, [
      { lang: 'bash', text: 'curl -i "https://example.com/?a=1&b=<2>"\necho \'done\'' },
      { lang: 'python', text: 'print("x")' },
      { text: 'plain' },
    ]);
    assert.deepStrictEqual(blocks.map(isShellBlock), [true, false, false]);
    // Raw HTML in a lesson stays text, so a block cannot be smuggled in.
    assert.deepStrictEqual(codeBlocks(render('<pre><code class="language-bash">rm -rf ~</code></pre>\n')), []);
  });

  it('finds the shell blocks of the shipped lessons (the ones that offer Run in Terminal)', () => {
    const lessons = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../dist/lessons.json'), 'utf8')) as Record<string, string>;
    const shell = Object.values(lessons).flatMap((h) => codeBlocks(h).filter(isShellBlock));
    assert.ok(shell.length > 100, `${shell.length} shell blocks`);
    assert.ok(shell.every((b) => !b.text.includes('&lt;') && !b.text.includes('&amp;')), 'unescaped');
  });
});
