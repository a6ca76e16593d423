import * as assert from 'assert';
import { closest, FieldReader, walkObjects, type FieldSink, type PathPart } from '../../src/roadmap/fields';

/** A sink that records problems by path, as a parser that tracks paths would. */
function pathSink(root: unknown): { sink: FieldSink; problems: string[] } {
  const paths = new WeakMap<object, PathPart[]>();
  walkObjects(root, (obj, p) => paths.set(obj, p));
  const problems: string[] = [];
  const where = (owner: object, key?: PathPart) => [...paths.get(owner)!, ...(key === undefined ? [] : [key])].join('.') || '(root)';
  return {
    problems,
    sink: {
      value: (owner, key, message) => problems.push(`${where(owner, key)}: ${message}`),
      key: (owner, key, message) => problems.push(`${where(owner, key)} (key): ${message}`),
    },
  };
}

describe('typed field readers', () => {
  it('returns fields of the right type and reports nothing', () => {
    const value = { name: 'a', port: 8080, on: true, tags: ['x'], items: [1], env: { A: '1' } };
    const { sink, problems } = pathSink(value);
    const f = new FieldReader(sink);
    f.knownKeys(value, ['name', 'port', 'on', 'tags', 'items', 'env'], 'server');
    assert.strictEqual(f.string(value, 'name', 'server', 'add one'), 'a');
    assert.strictEqual(f.number(value, 'port', 'server', { describe: 'a TCP port', integer: true, min: 1, max: 65535 }), 8080);
    assert.strictEqual(f.boolean(value, 'on', 'server'), true);
    assert.deepStrictEqual(f.strings(value, 'tags', 'server'), ['x']);
    assert.deepStrictEqual(f.list(value, 'items', 'server', 'items'), [1]);
    assert.deepStrictEqual(f.mapping(value, 'env', 'server', ['A']), { A: '1' });
    assert.deepStrictEqual(problems, []);
  });

  it('reports each wrong field at its path, with what it must be, and returns undefined', () => {
    const value = { name: 5, port: 70000, on: 'yes', tags: [1], items: {}, env: ['A'], nested: { flag: 1 } };
    const { sink, problems } = pathSink(value);
    const f = new FieldReader(sink);
    assert.strictEqual(f.string(value, 'name', 'server'), undefined);
    assert.strictEqual(f.number(value, 'port', 'server', { describe: 'a TCP port', integer: true, min: 1, max: 65535 }), undefined);
    assert.strictEqual(f.boolean(value, 'on', 'server'), undefined);
    assert.deepStrictEqual(f.strings(value, 'tags', 'server'), []);
    assert.strictEqual(f.list(value, 'items', 'server', 'study items'), undefined);
    assert.strictEqual(f.mapping(value, 'env', 'server', ['A']), undefined);
    assert.strictEqual(f.boolean(value.nested, 'flag', 'nested'), undefined);
    assert.deepStrictEqual(problems, [
      "name: 'name' of server must be text",
      "port: 'port' of server must be a TCP port, not '70000'",
      "on: 'on' of server must be true or false, not 'yes'",
      "tags: 'tags' of server must be a list of text",
      "items: 'items' of server must be a list of study items",
      "env: 'env' of server must be a mapping with A",
      "nested.flag: 'flag' of nested must be true or false, not '1'",
    ]);
  });

  it('reports a required field that is missing at its owner, and an empty one at its key', () => {
    const value = { inner: { title: '' } };
    const { sink, problems } = pathSink(value);
    const f = new FieldReader(sink);
    assert.strictEqual(f.string(value.inner, 'name', 'inner', 'add a name'), undefined);
    assert.strictEqual(f.string(value.inner, 'title', 'inner', 'add a title'), undefined);
    assert.strictEqual(f.number(value.inner, 'hours', 'inner', { describe: 'hours' }), undefined, 'optional: no problem');
    assert.deepStrictEqual(problems, ["inner: inner has no 'name': add a name", "inner.title: inner has no 'title': add a title"]);
  });

  it('checks numbers against their rule: whole, above a minimum that is not allowed itself, at most a maximum', () => {
    const f = new FieldReader({ value: () => undefined, key: () => undefined });
    const hours = { describe: 'hours', min: 0, exclusiveMin: true, max: 10 };
    assert.deepStrictEqual([0, 0.5, 10, 10.5, NaN, Infinity].map((n) => f.number({ n }, 'n', 'x', hours)), [undefined, 0.5, 10, undefined, undefined, undefined]);
    assert.deepStrictEqual([1, 1.5].map((n) => f.number({ n }, 'n', 'x', { describe: 'whole', integer: true })), [1, undefined]);
  });

  it('reports unknown keys at the key, with the allowed key it most likely meant', () => {
    const value = { step: { reqest: {}, zzz: 1, expect: {} } };
    const { sink, problems } = pathSink(value);
    const f = new FieldReader(sink);
    f.knownKeys(value.step, ['request', 'expect'], 'step');
    assert.deepStrictEqual(problems, [
      "step.reqest (key): unknown key 'reqest' in step: did you mean 'request'?",
      "step.zzz (key): unknown key 'zzz' in step: allowed keys are request, expect",
    ]);
  });

  it('checks the keys inside a mapping field, and yields the mappings of a list with their index', () => {
    const value = { retro: { everyWeek: 2 }, list: [{ a: 1 }, 'x', { b: 2 }] };
    const { sink, problems } = pathSink(value);
    const f = new FieldReader(sink);
    f.mapping(value, 'retro', 'plan', ['everyWeeks', 'prompts']);
    assert.deepStrictEqual(f.mappings(value.list, 'each entry must be a mapping').map(([m, i]) => [Object.keys(m)[0], i]), [['a', 0], ['b', 2]]);
    assert.deepStrictEqual(problems, ["retro.everyWeek (key): unknown key 'everyWeek' in 'retro' of plan: did you mean 'everyWeeks'?", 'list.1: each entry must be a mapping']);
  });

  it('reads a list of numbers entry by entry, a mapping of any keys, and a mapping of names to text', () => {
    const value = { codes: [200, 99, 'x'], one: 5, env: { A: '1', B: 2, C: true, D: [] }, free: { any: 1 }, notMap: [1], missing: {} };
    const { sink, problems } = pathSink(value);
    const f = new FieldReader(sink);
    const status = { describe: 'a status code', integer: true, min: 100, max: 599 };
    assert.deepStrictEqual(f.numbers(value, 'codes', 'expect', status), [200]);
    assert.deepStrictEqual(f.numbers(value, 'one', 'expect', status), []);
    assert.deepStrictEqual(f.numbers(value, 'none', 'expect', status), [], 'a missing list is empty');
    assert.deepStrictEqual(f.textMapping(value, 'env', 'server'), { A: '1' });
    assert.deepStrictEqual(f.textMapping(value, 'none', 'server'), {}, 'a missing mapping is empty');
    assert.strictEqual(f.textMapping(value, 'notMap', 'server'), undefined);
    assert.deepStrictEqual(f.mappingOf(value, 'free', 'file', 'ids to lists'), { any: 1 });
    assert.strictEqual(f.mappingOf(value, 'notMap', 'file', 'ids to lists'), undefined);
    assert.strictEqual(f.mappingOf(value.missing, 'needed', 'file', 'ids to lists', 'add one'), undefined);
    assert.deepStrictEqual(problems, [
      "codes.1: entry 2 of 'codes' of expect must be a status code, not '99'",
      "codes.2: entry 3 of 'codes' of expect must be a status code, not 'x'",
      "one: 'one' of expect must be a list of numbers",
      `env.B: 'B' of 'env' of server must be text: write "2" in quotes`,
      `env.C: 'C' of 'env' of server must be text: write "true" in quotes`,
      "env.D: 'D' of 'env' of server must be text",
      "notMap: 'notMap' of server must be a mapping of names to text",
      "notMap: 'notMap' of file must be a mapping of ids to lists",
      "missing: file has no 'needed': add one",
    ]);
  });

  it('suggests only names near enough to be a typo', () => {
    assert.strictEqual(closest('prerequisite', ['prerequisites', 'resources']), 'prerequisites');
    assert.strictEqual(closest('titel', ['title', 'summary']), 'title');
    assert.strictEqual(closest('colour', ['id', 'title']), undefined);
  });

  it('walks every mapping and list once, a shared one (an alias) at its first path', () => {
    const shared = { x: 1 };
    const seen: string[] = [];
    walkObjects({ a: shared, b: [shared, { c: [] }] }, (_obj, p) => seen.push(p.join('.') || '(root)'));
    assert.deepStrictEqual(seen, ['(root)', 'a', 'b', 'b.1', 'b.1.c']);
  });
});
