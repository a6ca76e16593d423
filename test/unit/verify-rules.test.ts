import * as assert from 'assert';
import { parseIdeaChecks } from '../../src/verify/checks';
import { clip } from '../../src/verify/match';
import { numericPhrases } from '../../src/verify/rules';

const check = (name: string) => ({ name, steps: [{ request: { path: '/health' }, expect: { status: 200 } }] });

describe('verify: numeric rules have checks on both sides', () => {
  it('finds the limits a milestone description states, and not the words that only look like them', () => {
    assert.deepStrictEqual(numericPhrases('An optional "alias" (4 to 32 letters) becomes the code; after which it redirects over the same path.'), ['4 to 32']);
    assert.deepStrictEqual(numericPhrases('A title over 200 characters answers 400; More than RATE_LIMIT_PER_MINUTE requests a minute answer 429.'), ['over 200', 'More than RATE_LIMIT_PER_MINUTE']);
    assert.deepStrictEqual(numericPhrases('GET /slow?ms=N answers after N milliseconds (at most 10000); locked after 5 failures, p95 under 35 ms.'), ['at most 10000', 'after 5', 'under 35']);
    assert.deepStrictEqual(numericPhrases('GET /health answers 200 with the header Retry-After.'), []);
  });

  it('requires a rule for every limit of a milestone description, naming real checks on both sides', () => {
    const descriptions = { aliases: 'An alias of 4 to 32 characters; at most 5 per user.' };
    const milestones = { aliases: [check('3 refused'), check('4 accepted'), check('32 accepted'), check('33 refused')] };
    const good = parseIdeaChecks({ idea: 'x', env: {}, milestones, rules: { aliases: [{ text: '4 to 32', inside: ['4 accepted', '32 accepted'], outside: ['3 refused', '33 refused'] }, { text: 'at most 5', inside: ['kit'], outside: ['kit'] }] } }, ['aliases'], descriptions);
    assert.deepStrictEqual(good.problems, []);
    assert.deepStrictEqual(good.checks!.rules.aliases[0], { text: '4 to 32', inside: ['4 accepted', '32 accepted'], outside: ['3 refused', '33 refused'] });
    const none = parseIdeaChecks({ idea: 'x', env: {}, milestones }, ['aliases'], descriptions);
    assert.deepStrictEqual(none.problems.map((p) => p.message.split(':')[0]), ["the description of 'aliases' states a limit, '4 to 32', with no rule naming the checks on both sides of it", "the description of 'aliases' states a limit, 'at most 5', with no rule naming the checks on both sides of it"], 'a file with no rules at all is held to them too');
    const bad = parseIdeaChecks({ idea: 'x', env: {}, milestones, rules: { aliases: [{ text: '4 to 32', inside: ['4 accepted', 'four'] }, { text: 'at most 6', inside: ['kit'], outside: [] }] } }, ['aliases'], descriptions);
    assert.deepStrictEqual(
      bad.problems.map((p) => `${p.path.join('.')}: ${p.message}`),
      [
        "rules.aliases.0.inside.1: 'four' is not a check of 'aliases'",
        "rules.aliases.0: rule 1 of 'aliases' has no 'outside': name the checks where a value just past the edge is refused (or kit)",
        "rules.aliases.1.outside: rule 2 of 'aliases' needs at least one check under 'outside'",
        "rules.aliases.1.text: 'at most 6' does not occur in the description of 'aliases'",
        "milestones.aliases: the description of 'aliases' states a limit, 'at most 5', with no rule naming the checks on both sides of it: add { text: \"at most 5\", inside: [...], outside: [...] } under rules.aliases",
      ],
    );
  });
});

describe('verify: report text', () => {
  it('cuts long text by code points, never splitting an emoji', () => {
    assert.strictEqual(clip('😀😀😀😀', 3), '😀😀…');
    assert.strictEqual(clip('abc', 3), 'abc');
  });
});
