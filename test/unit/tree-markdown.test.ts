import * as assert from 'assert';
import { escapeMarkdown } from '../../src/tree/markdownText';

describe('text in the tree\'s Markdown tooltips', () => {
  it('escapes Markdown characters so text shows as written', () => {
    assert.strictEqual(escapeMarkdown('a_b *c* [d](e) #1 <x>'), 'a\\_b \\*c\\* \\[d\\]\\(e\\) \\#1 \\<x\\>');
  });

  it('leaves a web address unescaped, as an autolink, so no backslash shows in it', () => {
    assert.strictEqual(escapeMarkdown('See https://example.com/a_b-c?x=1.'), 'See <https://example.com/a_b-c?x=1>\\.');
    assert.strictEqual(escapeMarkdown('(docs: http://example.com/x), then'), '\\(docs: <http://example.com/x>\\), then');
    assert.strictEqual(escapeMarkdown('https://en.wikipedia.org/wiki/Cache_(computing)'), '<https://en.wikipedia.org/wiki/Cache_(computing)>');
    assert.strictEqual(escapeMarkdown('two: https://a.example, https://b.example'), 'two: <https://a.example>, <https://b.example>');
  });

  it('cannot be used to open a link of another kind or raw HTML', () => {
    const out = escapeMarkdown('[x](command:workbench.action.terminal.new) <img src=x> https://e.example/<script>');
    assert.doesNotMatch(out, /(^|[^\\])[[<](?!https:)/, out);
  });
});
