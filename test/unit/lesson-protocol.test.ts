import * as assert from 'assert';
import { isWebUrl, parseWebviewMessage } from '../../src/lesson/protocol';

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
