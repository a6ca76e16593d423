import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readGlossaryFile } from '../../src/glossary/glossaryFile';
import { formsOf, lessonProse, parseGlossary, termsIn, wordPattern, type GlossaryTerm } from '../../src/glossary/terms';
import { lessonTerms } from '../../src/lesson/terms';
import { createLessonRenderer } from '../../src/roadmap/markdown';

const lessons = new Map([
  ['idempotency', 'A retried request must be **idempotent**: an idempotency key makes it so.\n\n```js\nconst idempotent = true;\n```\n'],
  ['database-indexes', 'A B-tree keeps keys sorted, so a range scan reads neighbours.'],
  ['caching-concepts', 'Every entry has a TTL, and `ttl` in code does not count.'],
]);
const term = (over: Partial<GlossaryTerm> = {}) => ({ term: 'idempotent', aliases: ['idempotency'], topic: 'idempotency', definition: 'Doing it twice leaves the system as doing it once; a retried PUT changes nothing more.', ...over });
const small = { minTerms: 1, maxTerms: 10 };
const problems = (terms: unknown[], rules = small) => parseGlossary({ terms }, lessons, rules).problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n');

describe('glossary: terms, definitions and the lessons that teach them', () => {
  it('reads a glossary to the bar', () => {
    const r = parseGlossary({ terms: [term({ term: 'B-tree', aliases: [], topic: 'database-indexes', definition: 'The sorted, balanced tree most database indexes use; a lookup reads about log n pages.' }), term()] }, lessons, small);
    assert.deepStrictEqual(r.problems, []);
    assert.deepStrictEqual(r.terms!.map((t) => t.term), ['B-tree', 'idempotent']);
  });

  it('holds each term to its rules, each problem at the entry', () => {
    assert.match(problems([term()], { minTerms: 2, maxTerms: 3 }), /^terms: the glossary has 1 terms: write 2 to 3$/m);
    assert.match(problems([term({ topic: 'nope' })]), /0\.topic: 'nope' is not a topic with a lesson/);
    assert.match(problems([term({ term: 'TTL', aliases: [], topic: 'idempotency' })]), /0\.topic: the lesson of 'idempotency' never writes 'TTL' in its prose/);
    // Only in code does not count: 'ttl' is in inline code there, 'TTL' in prose is.
    assert.strictEqual(problems([term({ term: 'TTL', aliases: [], topic: 'caching-concepts', definition: 'How long, in seconds, a cached answer may be served; after it the cache asks again.' })]), '');
    assert.match(problems([term({ term: 'idempotent', aliases: ['idempotent key'] }), term({ term: 'idempotency key', aliases: ['Idempotent'] })]), /1\.aliases: 'Idempotent' is already a form of 'idempotent'/);
    assert.match(problems([term({ term: 'a very long term name' })]), /'a very long term name' of term 1 has 5 words/);
    assert.match(problems([term(), term({ term: 'B-tree', aliases: [], topic: 'database-indexes' })]), /1\.term: 'B-tree' comes after 'idempotent': keep the terms sorted/);
    assert.match(problems([term({ definition: 'One. Two. Three.' })]), /0\.definition: the definition of 'idempotent' must be 1 or 2 sentences/);
    assert.match(problems([term({ definition: 'See [this](https://example.com/x) page.' })]), /holds a link or HTML/);
    assert.match(problems([term({ definition: 'Idempotent means the same result twice.' })]), /starts with the term itself/);
    assert.match(problems([{ term: 'x', topic: 'idempotency' }]), /0: term 1 has no 'definition'/);
    assert.match(problems([{ ...term(), seeAlso: 'x' }]), /unknown key 'seeAlso'/);
  });

  it('finds whole words only, with punctuation taken as written', () => {
    assert.ok(wordPattern('B-tree').test('a B-tree index'));
    assert.ok(!wordPattern('TTL').test('the TTLs'));
    assert.ok(wordPattern('N+1 query').test('the classic N+1 query problem'));
    assert.ok(!wordPattern('span').test('spans and spanning'));
    assert.strictEqual(lessonProse('See [TTL](https://x.example/ttl) and `TTL`.\n```\nTTL\n```\n').includes('ttl)'), false);
  });

  it('tells a lesson which terms it uses: linked where another lesson teaches them, marked where it teaches them itself', () => {
    const glossary = parseGlossary({ terms: [term({ term: 'B-tree', aliases: [], topic: 'database-indexes', definition: 'The sorted, balanced tree most database indexes use; a lookup reads about log n `pages`.' }), term()] }, lessons, small).terms!;
    const render = createLessonRenderer();
    const html = render('## A B-tree heading\n\nRetries must be idempotent.\n\n`B-tree` in code and [a B-tree link](https://example.com/) do not count.\n');
    assert.deepStrictEqual(termsIn(html, glossary).map((t) => t.term), ['idempotent']);
    const shown = lessonTerms(html, 'idempotency', glossary, (id) => `Title of ${id}`);
    assert.deepStrictEqual(shown, [{ forms: ['idempotent', 'idempotency'], topic: 'idempotency', title: 'Title of idempotency', definition: term().definition, own: true }]);
    const elsewhere = lessonTerms(render('Each index here is a B-tree.'), 'postgresql', glossary, (id) => id);
    assert.deepStrictEqual(elsewhere.map((t) => [t.topic, t.own, t.definition]), [['database-indexes', false, 'The sorted, balanced tree most database indexes use; a lookup reads about log n pages.']]);
    assert.deepStrictEqual(formsOf(glossary[1]), ['idempotent', 'idempotency']);
  });

  it('reads the file with every problem at its line and column, and says when it is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-'));
    try {
      const file = path.join(dir, 'glossary.yaml');
      fs.writeFileSync(file, 'terms:\n  - term: idempotent\n    topic: nope\n    definition: Doing it twice leaves the system as doing it once.\n');
      const r = readGlossaryFile(file, lessons);
      assert.deepStrictEqual(r.problems.map((p) => [p.line, p.column, p.message.split(':')[0]]), [[2, 3, 'the glossary has 1 terms'], [3, 12, "'nope' is not a topic with a lesson"]]);
      assert.match(readGlossaryFile(path.join(dir, 'none.yaml'), lessons).problems[0].message, /the glossary is missing/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
