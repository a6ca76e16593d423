import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RESOURCE_TYPES, PROJECT_LEVELS } from '../../src/roadmap/model';
import { KEYS } from '../../src/roadmap/keys';
import { SCHEMA_PATHS } from './schemaPaths';

const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../roadmap/schema/roadmap.schema.json'), 'utf8'));

describe('the published JSON schema', () => {
  for (const [kind, where] of Object.entries(SCHEMA_PATHS)) {
    it(`allows exactly the keys the validator allows in a ${kind}`, () => {
      const def = where.reduce((o, k) => o[k], schema);
      assert.strictEqual(def.additionalProperties, false, `${kind} must refuse unknown keys`);
      assert.deepStrictEqual(Object.keys(def.properties).sort(), [...KEYS[kind as keyof typeof KEYS]].sort());
    });
  }

  it('lists the same resource types and project levels', () => {
    assert.deepStrictEqual(schema.definitions.resource.properties.type.enum, [...RESOURCE_TYPES]);
    assert.deepStrictEqual(schema.definitions.project.properties.level.enum, [...PROJECT_LEVELS]);
  });

  it('requires kebab-case ids with the validator\'s pattern', () => {
    const re = new RegExp(schema.definitions.id.pattern);
    assert.ok(re.test('what-is-http'));
    assert.ok(!re.test('What_is_HTTP'));
    assert.ok(!re.test('double--hyphen'));
  });
});
