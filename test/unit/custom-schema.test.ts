import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CUSTOM_ROADMAP_SUFFIX, DEFAULT_CUSTOM_ROADMAP_GLOB } from '../../src/roadmaps/encoding';
import { CUSTOM_NODE_KEYS, KEYS } from '../../src/roadmap/keys';
import { SCHEMA_PATHS as ALL_SCHEMA_PATHS } from './schemaPaths';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const custom = read('roadmap/schema/custom-roadmap.schema.json');
const builtin = read('roadmap/schema/roadmap.schema.json');
const manifest = read('package.json');

/** Where each kind of mapping lives in the custom schema: as in the built-in one, without includes. */
const { include: _include, ...SCHEMA_PATHS } = ALL_SCHEMA_PATHS;

describe('the schema for roadmaps of your own (yamlValidation)', () => {
  it('is contributed for *.roadmap.yaml files', () => {
    const entries = manifest.contributes.yamlValidation as { fileMatch: string; url: string }[];
    assert.deepStrictEqual(entries, [{ fileMatch: `*${CUSTOM_ROADMAP_SUFFIX}`, url: './roadmap/schema/custom-roadmap.schema.json' }]);
    assert.strictEqual(manifest.contributes.configuration.properties['backendRoadmap.customRoadmaps.include'].default, DEFAULT_CUSTOM_ROADMAP_GLOB);
    assert.ok(fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').includes('!roadmap/schema/**'), 'the schema ships in the VSIX');
  });

  for (const [kind, where] of Object.entries(SCHEMA_PATHS)) {
    it(`allows exactly the keys the validator allows in a ${kind}`, () => {
      const def = where.reduce((o, k) => o[k], custom);
      assert.strictEqual(def.additionalProperties, false, `${kind} must refuse unknown keys`);
      // A node of your own may carry its quiz too.
      const keys = kind === 'node' ? CUSTOM_NODE_KEYS : KEYS[kind as keyof typeof KEYS];
      assert.deepStrictEqual(Object.keys(def.properties).sort(), [...keys].sort());
    });
  }

  it('describes one self-contained file: no include entries, lesson files inside the folder', () => {
    assert.strictEqual(custom.definitions.include, undefined);
    assert.doesNotMatch(JSON.stringify(custom), /definitions\/include/);
    const lessonFile = new RegExp(custom.definitions.node.properties.lessonFile.pattern);
    assert.ok(lessonFile.test('lessons/http.md'));
    assert.ok(!lessonFile.test('../http.md') && !lessonFile.test('a/../../http.md') && !lessonFile.test('/etc/http.md'));
    assert.deepStrictEqual(custom.properties.id.allOf[1], { not: { const: 'backend' } });
    // A node of your own may leave out its lesson and hours, but not give two lessons.
    assert.deepStrictEqual(custom.definitions.node.required, ['id', 'title']);
    assert.deepStrictEqual(custom.definitions.node.not, { required: ['lesson', 'lessonFile'] });
  });

  it('keeps every other definition equal to the built-in schema\'s', () => {
    for (const [name, def] of Object.entries(builtin.definitions as Record<string, unknown>)) {
      if (name === 'include' || name === 'node' || name === 'project') continue;
      assert.deepStrictEqual(custom.definitions[name], def, name);
    }
    // A project idea differs only in its starter folder, which a file of your own may name.
    const withoutStarter = (d: { properties: Record<string, unknown> }) => ({ ...d, properties: { ...d.properties, starter: undefined } });
    assert.deepStrictEqual(withoutStarter(custom.definitions.project), withoutStarter(builtin.definitions.project));
    const starter = new RegExp(custom.definitions.project.properties.starter.pattern);
    assert.ok(starter.test('starters/hello') && !starter.test('../hello') && !starter.test('a/../../hello') && !starter.test('/abs/hello'));
    const { lessonFile: a, quiz: _quiz, ...customNode } = custom.definitions.node.properties;
    const { lessonFile: b, ...builtinNode } = builtin.definitions.node.properties;
    assert.ok(a && b);
    assert.deepStrictEqual(customNode, builtinNode);
  });
});
