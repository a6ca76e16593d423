import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ID_PATTERN } from '../../src/roadmap/model';
import { parseManifest } from '../../src/scaffold/manifest';
import { MANIFEST_FIELDS, parseProjectManifest } from '../../src/verify/manifest';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const schema: Schema = read('roadmap/schema/starter.schema.json');
const packageJson = read('package.json');

/** The part of draft-07 this schema uses; `problemsOf` checks every keyword that constrains a value. */
interface Schema {
  type?: 'object' | 'array' | 'string' | 'integer';
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  /** Exactly one branch holds: here, a project (idea, start...) or an exercise (exercise, and no idea). */
  oneOf?: { required: string[]; not?: { required: string[] } }[];
}

/** Keywords that only document (titles, descriptions, completions) and the ones `problemsOf` enforces. */
const DOCUMENTING = ['$schema', 'title', 'description', 'examples', 'default'];
const ENFORCED = ['type', 'required', 'properties', 'additionalProperties', 'items', 'minLength', 'pattern', 'minimum', 'maximum', 'oneOf', 'not'];

/** What is wrong with a value against the schema, one line per problem, each naming where. */
function problemsOf(value: unknown, s: Schema, where: string): string[] {
  const problems: string[] = [];
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (s.type === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return [`${where} must be a whole number, not ${JSON.stringify(value)}`];
    if (s.minimum !== undefined && value < s.minimum) problems.push(`${where} must be at least ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) problems.push(`${where} must be at most ${s.maximum}`);
  } else if (s.type === 'string') {
    if (typeof value !== 'string') return [`${where} must be a string, not ${kind}`];
    if (s.minLength !== undefined && value.length < s.minLength) problems.push(`${where} must have at least ${s.minLength} character(s)`);
    if (s.pattern !== undefined && !new RegExp(s.pattern).test(value)) problems.push(`${where} must match ${s.pattern}`);
  } else if (s.type === 'array') {
    if (!Array.isArray(value)) return [`${where} must be a list, not ${kind}`];
    if (s.items) value.forEach((v, i) => problems.push(...problemsOf(v, s.items!, `${where}[${i}]`)));
  } else if (s.type === 'object') {
    if (kind !== 'object') return [`${where} must be an object, not ${kind}`];
    const object = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in object)) problems.push(`${where} needs '${key}'`);
    if (s.oneOf) {
      const branches = s.oneOf.map((b) => [...b.required.filter((k) => !(k in object)).map((k) => `${where} needs '${k}'`), ...(b.not && b.not.required.every((k) => k in object) ? [`${where} may not have ${b.not.required.join(', ')} here`] : [])]);
      const holding = branches.filter((b) => b.length === 0).length;
      // None holds: the first branch (a project) says what is missing.
      if (holding === 0) problems.push(...branches[0]);
      else if (holding > 1) problems.push(`${where} matches more than one form`);
    }
    for (const [key, v] of Object.entries(object)) {
      const property = s.properties?.[key];
      if (property) problems.push(...problemsOf(v, property, `${where}.${key}`));
      else if (s.additionalProperties === false) problems.push(`${where} has an unknown key '${key}'`);
      else if (typeof s.additionalProperties === 'object') problems.push(...problemsOf(v, s.additionalProperties, `${where}.${key}`));
    }
  }
  return problems;
}

/** Every keyword used anywhere in the schema, outside property names and example values. */
function keywordsOf(s: Record<string, unknown>, found = new Set<string>()): Set<string> {
  for (const [key, value] of Object.entries(s)) {
    found.add(key);
    if (key === 'properties') for (const sub of Object.values(value as Record<string, Record<string, unknown>>)) keywordsOf(sub, found);
    else if ((key === 'items' || key === 'additionalProperties') && typeof value === 'object') keywordsOf(value as Record<string, unknown>, found);
    else if (key === 'oneOf') for (const b of value as Record<string, unknown>[]) keywordsOf(b, found);
    else if (key === 'not') keywordsOf(value as Record<string, unknown>, found);
  }
  return found;
}

const shippedManifests = fs
  .readdirSync(path.join(root, 'roadmap/starters'))
  .flatMap((idea) => fs.readdirSync(path.join(root, 'roadmap/starters', idea)).map((stack) => `roadmap/starters/${idea}/${stack}/starter.json`));
const ownProject = 'test/fixtures/own-project/java/starter.json';
const minimal = { idea: 'containerized-microservice', start: 'java Server.java', port: 3000, healthPath: '/health' };

describe('the schema of starter.json (jsonValidation)', () => {
  it('is contributed for every starter.json and ships in the VSIX', () => {
    assert.deepStrictEqual(packageJson.contributes.jsonValidation, [{ fileMatch: 'starter.json', url: './roadmap/schema/starter.schema.json' }]);
    assert.ok(fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').includes('!roadmap/schema/**'));
  });

  it('uses no keyword the check below would skip', () => {
    const unknown = [...keywordsOf(schema as Record<string, unknown>)].filter((k) => !DOCUMENTING.includes(k) && !ENFORCED.includes(k));
    assert.deepStrictEqual(unknown, []);
  });

  it('requires what verify needs and describes every field for the learner', () => {
    // A project needs idea, start, port and healthPath; an exercise folder needs its topic and no idea.
    assert.deepStrictEqual(schema.oneOf, [{ required: ['idea', 'start', 'port', 'healthPath'], not: { required: ['exercise'] } }, { required: ['exercise'], not: { required: ['idea'] } }]);
    const verifyFields: string[] = [...MANIFEST_FIELDS];
    // The scaffolding fields: every one the starter engine reads.
    const scaffoldFields = Object.keys(parseManifest(read(shippedManifests[0]), shippedManifests[0]).manifest!).filter((f) => !verifyFields.includes(f));
    assert.deepStrictEqual(scaffoldFields.sort(), ['executable', 'nodes', 'test', 'title', 'variables']);
    assert.deepStrictEqual(Object.keys(schema.properties!).sort(), ['$schema', ...verifyFields, ...scaffoldFields].sort());
    for (const field of [...verifyFields, ...scaffoldFields]) {
      const description = (schema.properties![field] as { description?: string }).description ?? '';
      assert.ok(description.length > 20, `'${field}' needs a description written for the learner`);
    }
    assert.strictEqual(schema.properties!.idea.pattern, ID_PATTERN.source);
  });

  it('offers as idea examples exactly the ideas that have checks', () => {
    const withChecks = fs.readdirSync(path.join(root, 'roadmap/verify')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    const examples = (schema.properties!.idea as { examples: string[] }).examples;
    assert.deepStrictEqual([...examples].sort(), withChecks.sort());
  });

  it('accepts every shipped starter manifest and a project of your own in any language', () => {
    // Every idea under roadmap/starters ships all three stacks.
    assert.strictEqual(shippedManifests.length, 3 * fs.readdirSync(path.join(root, 'roadmap/starters')).length);
    for (const file of [...shippedManifests, ownProject]) assert.deepStrictEqual(problemsOf(read(file), schema, file), [], file);
    assert.strictEqual(read(ownProject).stack, 'java');
    assert.deepStrictEqual(problemsOf(minimal, schema, 'm'), []);
    assert.deepStrictEqual(problemsOf({ ...minimal, stack: 'rust', install: ['cargo build --release'], env: { SLOW_QUERY_MS: '40' }, services: ['postgresql', 'mongodb'] }, schema, 'm'), []);
  });

  it('refuses a manifest without a start command, with a port in quotes or a health path without /', () => {
    const { start: _start, ...withoutStart } = minimal;
    assert.deepStrictEqual(problemsOf(withoutStart, schema, 'm'), ["m needs 'start'"]);
    assert.deepStrictEqual(problemsOf({ ...minimal, port: '3000' }, schema, 'm'), ['m.port must be a whole number, not "3000"']);
    assert.deepStrictEqual(problemsOf({ ...minimal, healthPath: 'health' }, schema, 'm'), ['m.healthPath must match ^/']);
  });

  it('refuses other mistakes a learner makes by hand', () => {
    const refused = (manifest: Record<string, unknown>, expected: string) => assert.deepStrictEqual(problemsOf(manifest, schema, 'm'), [expected]);
    refused({ ...minimal, port: 0 }, 'm.port must be at least 1');
    refused({ ...minimal, port: 70000 }, 'm.port must be at most 65535');
    refused({ ...minimal, port: 30.5 }, 'm.port must be a whole number, not 30.5');
    refused({ ...minimal, idea: 'URL Shortener' }, `m.idea must match ${ID_PATTERN.source}`);
    refused({ ...minimal, stack: '' }, 'm.stack must match \\S');
    refused({ ...minimal, start: '  ' }, 'm.start must match \\S');
    refused({ ...minimal, install: 'npm install' }, 'm.install must be a list, not string');
    refused({ ...minimal, env: { SLOW_QUERY_MS: 40 } }, 'm.env.SLOW_QUERY_MS must be a string, not number');
    refused({ ...minimal, services: 'postgresql' }, 'm.services must be a list, not string');
    refused({ ...minimal, healthpath: '/health' }, "m has an unknown key 'healthpath'");
    refused({ ...minimal, exercise: 'dns' }, 'm may not have exercise here');
    assert.deepStrictEqual(problemsOf({ exercise: 'database-indexes', stack: 'sql', vars: { stack: 'sql' }, services: ['postgresql'] }, schema, 'm'), []);
  });
});

describe('the schema and verify\'s reading of starter.json', () => {
  /** Manifests written by hand, right and wrong: the editor must accept what verify accepts, and only that. */
  const cases: Record<string, unknown>[] = [
    minimal,
    { ...minimal, stack: 'java', install: [], env: {}, services: [] },
    { ...minimal, stack: 'java', build: 'mvn -q package' },
    { ...minimal, build: '' },
    { ...minimal, build: ['npm run build'] },
    { ...minimal, stack: 'rust', install: ['cargo build --release'], env: { RUST_LOG: 'info' }, services: ['postgresql', 'mongodb'], $schema: './starter.schema.json' },
    { ...minimal, title: 'Mine', variables: [], executable: [], test: { unit: 'true', integration: 'true' }, nodes: ['docker'] },
    { ...minimal, start: undefined },
    { ...minimal, idea: undefined },
    { ...minimal, port: undefined },
    { ...minimal, healthPath: undefined },
    { ...minimal, idea: 'Url Shortener' },
    { ...minimal, start: '' },
    { ...minimal, start: '   ' },
    { ...minimal, start: 42 },
    { ...minimal, port: '3000' },
    { ...minimal, port: 0 },
    { ...minimal, port: 65536 },
    { ...minimal, port: 3000.5 },
    { ...minimal, healthPath: 'health' },
    { ...minimal, healthPath: '' },
    { ...minimal, stack: '' },
    { ...minimal, stack: 7 },
    { ...minimal, install: 'npm install' },
    { ...minimal, install: [1] },
    { ...minimal, env: { PORT_OFFSET: 1 } },
    { ...minimal, env: ['A=1'] },
    { ...minimal, services: 'redis' },
    { ...minimal, healthpath: '/health' },
    { ...minimal, command: 'java Server.java' },
  ];

  /** How a case differs from the minimal manifest, for its test's name. */
  const difference = (manifest: Record<string, unknown>) => {
    const m = minimal as Record<string, unknown>;
    const parts = Object.entries(manifest).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(m[k])).map(([k, v]) => (v === undefined ? `without ${k}` : `${k}: ${JSON.stringify(v)}`));
    return parts.length ? parts.join(', ') : 'the minimal manifest';
  };

  for (const manifest of cases) {
    const text = JSON.stringify(manifest);
    it(`agree on ${difference(manifest)}`, () => {
      const verifyProblems = parseProjectManifest(text).problems.map((p) => p.message);
      const schemaProblems = problemsOf(JSON.parse(text), schema, 'starter.json');
      assert.strictEqual(schemaProblems.length === 0, verifyProblems.length === 0, `schema: ${schemaProblems.join('; ') || 'accepted'}; verify: ${verifyProblems.join('; ') || 'accepted'}`);
    });
  }

  it('verify reads the Java project of one\'s own as written', () => {
    const { manifest, problems } = parseProjectManifest(fs.readFileSync(path.join(root, ownProject), 'utf8'));
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(manifest, { idea: 'containerized-microservice', stack: 'java', start: 'java Server.java', port: 3000, healthPath: '/health', install: [], build: '', env: {}, services: [] });
  });
});

describe('the starters\' READMEs', () => {
  const section = (readme: string) => {
    const start = readme.indexOf('\n## Verify it your own way\n');
    assert.ok(start >= 0, 'the README has a section "Verify it your own way"');
    const next = readme.indexOf('\n## ', start + 1);
    return readme.slice(start, next < 0 ? undefined : next);
  };

  it('explain verifying a project your own way, in the same words, with each starter\'s own values', () => {
    const wordings = new Set<string>();
    for (const file of shippedManifests) {
      const manifest = read(file);
      const text = section(fs.readFileSync(path.join(root, path.dirname(file), 'README.md'), 'utf8'));
      for (const field of ['idea', 'start', 'port', 'healthPath', 'stack']) assert.ok(text.includes(`\`${field}\`: `) || text.includes(`\`${field}\` (optional): `), `${file}: ${field} is explained`);
      for (const value of [manifest.idea, manifest.start, String(manifest.port), manifest.healthPath, manifest.stack, ...manifest.install, ...manifest.services]) {
        assert.ok(text.includes(`\`${value}\``), `${file}: the README shows ${value}`);
      }
      assert.ok(text.includes('"Roadmap: Verify My Own Project"'), file);
      const example = /```json\n(.*)\n```/.exec(text);
      assert.ok(example, `${file}: the README shows a starter.json of one's own`);
      assert.deepStrictEqual(problemsOf(JSON.parse(example[1]), schema, file), []);
      assert.strictEqual(JSON.parse(example[1]).idea, manifest.idea, file);
      wordings.add(text.replace(/```json\n.*\n```/, '').replace(/(`[^`]*`(, )?)+|none here/g, 'V').replace(/\s+/g, ' '));
    }
    assert.strictEqual(wordings.size, 1, [...wordings].join('\n---\n'));
  });
});
