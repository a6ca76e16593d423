import * as assert from 'assert';
import * as path from 'path';
import { LineCounter, parseDocument } from 'yaml';
import type { Problem } from '../../src/roadmap/problems';
import { readCustomRoadmap, readCustomRoadmapFile } from '../../src/roadmaps/readFile';
import { decodeUtf8 } from '../../src/roadmap/utf8';
import { locateYaml, type YamlSource } from '../../src/roadmap/yamlLocation';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/custom-roadmaps');

/** The problems of a custom roadmap file with this content. */
function problemsOf(content: string | Uint8Array, files: Record<string, string | Uint8Array> = {}): Problem[] {
  const all: Record<string, string | Uint8Array> = { '/w/t.roadmap.yaml': content, ...files };
  return readCustomRoadmap('/w/t.roadmap.yaml', { reader: { read: (f) => all[f] } }).problems;
}

const at = (p: Problem) => [p.line, p.column];
const head = 'id: team\ntitle: Team\nsections:\n  - id: s\n    title: S\n    nodes:\n';

describe('YAML syntax errors are located where the mistake starts', () => {
  it('an unclosed double quote, at the quote (the parser says: at the end of the file)', () => {
    const [p] = problemsOf(`${head}      - id: a\n        title: "HTTP basics\n        hours: 2\n        lesson: x\n`);
    assert.deepStrictEqual(at(p), [8, 16]);
    assert.deepStrictEqual([p.endLine, p.endColumn], [8, 17], 'the quote is underlined');
    assert.match(p.message, /^YAML syntax: the text quoted with " here is never closed: end it with "/);
  });

  it('an unclosed single quote, inside a flow mapping, at the quote', () => {
    const [p] = problemsOf(`${head}      - { id: a, title: 'HTTP, hours: 2, lesson: x }\n`);
    assert.deepStrictEqual(at(p), [7, 25]);
    assert.match(p.message, /the text quoted with ' here is never closed/);
  });

  it('an unclosed [ of a flow sequence, at the bracket (the parser says: where the block ends)', () => {
    const [p] = problemsOf(`${head}      - id: a\n        title: A\n        prerequisites: [b, c\n        hours: 2\n      - id: b\n        title: B\n`);
    assert.deepStrictEqual(at(p), [9, 24]);
    assert.match(p.message, /the list opened with \[ here is never closed: end it with \]/);
  });

  it('an unclosed { of a flow mapping, at the brace', () => {
    const [p] = problemsOf(`${head}      - { id: a, title: A\n      - id: b\n`);
    assert.deepStrictEqual(at(p), [7, 9]);
    assert.match(p.message, /the mapping opened with \{ here is never closed: end it with \}/);
  });

  it('a key indented one space too deep, at that key (the parser says: at the value above it)', () => {
    const [p] = problemsOf(`${head}      - id: a\n        title: A\n         hours: 2\n        lesson: x\n`);
    assert.deepStrictEqual(at(p), [9, 10]);
    assert.deepStrictEqual([p.endLine, p.endColumn], [9, 15], 'the key is underlined');
    assert.match(p.message, /'hours' is indented more than 'title' above it/);
  });

  it('a top-level key and a key after a list item, one space too deep, at the key', () => {
    assert.deepStrictEqual(at(problemsOf('id: team\n title: Team\nsections: []\n')[0]), [2, 2]);
    const [p] = problemsOf(`${head}      - id: a\n        resources:\n          - x\n         hours: 2\n`);
    assert.deepStrictEqual(at(p), [10, 10]);
    assert.match(p.message, /'hours' does not start in the same column as the other keys/);
  });

  it('other errors stay where the parser puts them, with its words', () => {
    const [p] = problemsOf('id: team\ntitle: Team\nsections:\n\t- id: s\n');
    assert.deepStrictEqual(at(p), [4, 1]);
    assert.match(p.message, /^YAML syntax: Tabs are not allowed as indentation/);
  });

  for (const [name, line, column] of [['unclosed-quote', 10, 18], ['unclosed-bracket', 15, 24], ['over-indented-key', 10, 10]] as const) {
    it(`fixture ${name}: one problem at ${line}:${column}`, () => {
      const problems = readCustomRoadmapFile(path.join(fixtures, `${name}.roadmap.yaml`))!.problems;
      assert.deepStrictEqual(problems.map(at), [[line, column]], problems.map((p) => p.message).join('\n'));
    });
  }
});

describe('files that are not UTF-8', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc(p)] : p)));

  it('decodes UTF-8, keeping a byte order mark as the text had it', () => {
    assert.deepStrictEqual(decodeUtf8(enc('\uFEFFid: café ✓ 𝄞')), { text: '\uFEFFid: café ✓ 𝄞' });
  });

  it('finds the first byte that is not UTF-8, at its line and its column in characters', () => {
    const cases: [Uint8Array, number, number, string][] = [
      [bytes([0xff], 'id: x'), 1, 1, '0xFF'],
      [bytes('a: é\nb: 𝄞 ', [0xe9], 'x'), 2, 7, '0xE9'], // 𝄞 is two characters, as editors count them
      [bytes('a: ', [0xc0, 0xaf]), 1, 4, '0xC0'], // an overlong form
      [bytes('a: ', [0xed, 0xa0, 0x80]), 1, 4, '0xED'], // a surrogate
      [bytes('a: ok\nb: ', [0xe2, 0x9c]), 2, 4, '0xE2'], // cut off at the end of the file
    ];
    for (const [input, line, column, hex] of cases) {
      const d = decodeUtf8(input);
      assert.ok(!('text' in d), `${hex} should not decode`);
      assert.deepStrictEqual([d.line, d.column], [line, column], hex);
      assert.match(d.message, new RegExp(`byte ${hex} here cannot be read; save the file with the UTF-8 encoding`));
    }
  });

  it('reports a roadmap file that is not UTF-8 at the byte, read from disk as it is (fixture not-utf8)', () => {
    const file = path.join(fixtures, 'not-utf8.roadmap.yaml');
    const r = readCustomRoadmapFile(file)!;
    assert.deepStrictEqual(r.problems.map((p) => [p.file, ...at(p)]), [[file, 9, 21]]);
    assert.strictEqual(r.roadmap, undefined, 'nothing is read with replacement characters');
  });

  it('reports a lesson file that is not UTF-8 in the lesson file, and the node keeps no lesson', () => {
    const problems = problemsOf(enc(`${head}      - { id: a, title: A, hours: 1, lessonFile: a.md }\n`), { '/w/a.md': bytes('## Why\n\nCaf', [0xe9], '\n') });
    assert.deepStrictEqual(problems.map((p) => [p.file, ...at(p)]), [['/w/a.md', 3, 4]]);
    assert.match(problems[0].message, /not UTF-8/);
  });
});

describe('locating a YAML path', () => {
  const text = 'a:\n  b: [1, 2]\n  c: { d: x }\n';
  const lines = new LineCounter();
  const source: YamlSource = { text, lines, doc: parseDocument(text, { lineCounter: lines }) };

  it('finds a value, a key, and the nearest ancestor of a path the file does not hold', () => {
    assert.deepStrictEqual(locateYaml(source, ['a', 'b', 1]), { line: 2, column: 10, endLine: 2, endColumn: 11 });
    assert.deepStrictEqual(locateYaml(source, ['a', 'c'], true), { line: 3, column: 3, endLine: 3, endColumn: 4 });
    assert.deepStrictEqual(locateYaml(source, ['a', 'c', 'nope'], true), locateYaml(source, ['a', 'c']));
    assert.deepStrictEqual(locateYaml(source, ['a', 'b', 7, 'x']), locateYaml(source, ['a', 'b']));
    assert.deepStrictEqual(locateYaml(source, []).line, 1);
  });

  it('keeps the underline on the first line of a value that spans several', () => {
    const span = locateYaml(source, ['a']);
    assert.deepStrictEqual([span.line, span.endLine], [2, 2]);
  });
});

