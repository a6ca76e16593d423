import * as assert from 'assert';
import { linkProblems, MOVED_PREFIXES, movedTo, normalizeUrl, type LinkSite } from '../../src/roadmap/links';
import { readRoadmap } from '../../src/roadmap/validate';

/** Sites numbered in the order written, so a problem names the line it is reported at. */
function sites(...list: [node: string, url: string][]): LinkSite<number>[] {
  return list.map(([node, url], i) => ({ node, url, at: i + 1 }));
}

describe('the links rule', () => {
  it('accepts distinct https addresses, one node each', () => {
    assert.deepStrictEqual(linkProblems(sites(['a', 'https://go.dev/doc/'], ['a', 'https://go.dev/tour/'], ['b', 'https://www.postgresql.org/docs/current/'])), []);
  });

  it('refuses the same address twice under one node, however it is written', () => {
    const problems = linkProblems(sites(['a', 'https://Go.dev/doc/'], ['a', 'https://go.dev/doc'], ['a', 'https://go.dev:443/doc']));
    assert.deepStrictEqual(problems.map((p) => p.at), [2, 3]);
    assert.match(problems[0].message, /listed twice under node 'a'/);
  });

  it('keeps addresses that differ by query or fragment apart (another page, another chapter)', () => {
    assert.deepStrictEqual(linkProblems(sites(['a', 'https://example.com/book#ch1'], ['a', 'https://example.com/book#ch2'], ['a', 'https://example.com/search?q=x'])), []);
  });

  it('refuses an address shared by two nodes, at the second, naming the first', () => {
    const problems = linkProblems(sites(['a', 'https://restfulapi.net'], ['b', 'https://restfulapi.net/']));
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].at, 2);
    assert.match(problems[0].message, /also a resource of node 'a'/);
  });

  it('lets the allowed addresses be shared', () => {
    const shared = new Set(['https://dataintensive.net']);
    assert.deepStrictEqual(linkProblems(sites(['a', 'https://dataintensive.net/'], ['b', 'https://dataintensive.net']), shared), []);
    assert.strictEqual(linkProblems(sites(['a', 'https://dataintensive.net'], ['b', 'https://dataintensive.net']), new Set()).length, 1);
  });

  it('refuses a known-moved prefix and names the new one', () => {
    const [p] = linkProblems(sites(['a', 'https://docs.microsoft.com/en-us/sql/']));
    assert.match(p.message, /moved to https:\/\/learn\.microsoft\.com\//);
    assert.match(p.message, /https:\/\/learn\.microsoft\.com\/en-us\/sql\//);
    assert.deepStrictEqual(movedTo('https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/ETag')?.url, 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/ETag');
  });

  it('accepts the new address of every moved prefix (no entry points back into another)', () => {
    for (const [from, to] of MOVED_PREFIXES) {
      assert.ok(!to.startsWith(from), `${from} -> ${to} would refuse its own replacement`);
      assert.strictEqual(movedTo(to), undefined, `${to} is itself under a moved prefix`);
    }
  });

  it('refuses tracking parameters and shows the address without them', () => {
    const problems = linkProblems(sites(['a', 'https://example.com/post?utm_source=x&id=7&utm_medium=y'], ['b', 'https://www.youtube.com/watch?v=abc&si=XYZ'], ['c', 'https://example.com/?gclid=1']));
    assert.deepStrictEqual(problems.map((p) => p.at), [1, 2, 3]);
    assert.match(problems[0].message, /utm_source, utm_medium: write https:\/\/example\.com\/post\?id=7$/);
    assert.match(problems[1].message, /parameter si: write https:\/\/www\.youtube\.com\/watch\?v=abc$/);
  });

  it("leaves other sites' own parameters alone (si off YouTube, a search query)", () => {
    assert.deepStrictEqual(linkProblems(sites(['a', 'https://example.com/?si=1'], ['b', 'https://www.youtube.com/watch?v=abc&t=30s'])), []);
  });

  it('normalizes only what does not change the page', () => {
    assert.strictEqual(normalizeUrl('https://EXAMPLE.com:443/a/'), 'https://example.com/a');
    assert.strictEqual(normalizeUrl('https://example.com/A?x=1#y'), 'https://example.com/A?x=1#y');
  });

  it('is part of lint for the built-in bar, at the url of the resource (file:line:column)', () => {
    const node = (id: string, urls: string[]) =>
      `      - id: ${id}\n        title: ${id}\n        summary: S.\n        hours: 1\n        lesson: x\n        resources:\n` + urls.map((u) => `          - type: docs\n            title: T\n            url: ${u}\n`).join('');
    const files: Record<string, string> = {
      '/r.yaml': 'id: r\ntitle: R\nsections:\n  - id: s\n    title: S\n    nodes:\n' + node('a', ['https://a.example/1', 'https://a.example/2', 'https://a.example/3']) + node('b', ['https://a.example/1', 'https://b.example/2', 'https://golang.org/doc/']),
    };
    const strict = readRoadmap('/r.yaml', { read: (f) => files[f] }, { strict: true }).problems.filter((p) => p.message.startsWith('URL'));
    assert.deepStrictEqual(strict.map((p) => [p.line, p.column, p.message.split(':')[0]]), [
      [30, 18, "URL 'https"],
      [36, 18, "URL 'https"],
    ]);
    assert.match(strict[0].message, /also a resource of node 'a'/);
    assert.match(strict[1].message, /moved to https:\/\/go\.dev\//);
    // A roadmap of the learner's own is not held to it.
    assert.deepStrictEqual(readRoadmap('/r.yaml', { read: (f) => files[f] }).problems, []);
  });
});
