/**
 * The file step: real files in a temporary exercise folder, read as text, JSON, YAML, TOML and
 * Dockerfiles, with parse errors at line and column, and paths that cannot leave the folder.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeStep, runStep } from '../../src/verify/steps';
import { parseDockerfile } from '../../src/verify/steps/dockerfile';
import { realSession, parsedStep as step, stepProblems as problems } from './helpers/stepSession';

const COMPOSE = `services:
  db:
    image: postgres:16
    healthcheck:
      test: ["CMD", "pg_isready"]
  api:
    build: .
    depends_on: { db: { condition: service_healthy } }
`;

const DOCKERFILE = `# syntax=docker/dockerfile:1
# escape=\\
FROM node:22-alpine AS build
# a comment
WORKDIR /app
RUN npm ci && \\
    # a comment inside
    npm run build
healthcheck --interval=5s \\
  CMD wget -qO- http://localhost:3000/health || exit 1
USER node
CMD ["node", "dist/server.js"]
`;

describe('verify: the file step', () => {
  let dir: string;
  const run = (value: unknown, vars: Record<string, string> = {}) => runStep(step(value), vars, realSession(0, { dir }));
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-file-step-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('matches a YAML file against a JSON shape, and names where it differs', async () => {
    write('docker-compose.yaml', COMPOSE);
    const ok = await run({ file: 'docker-compose.yaml', parses: 'yaml', expect: { json: { services: { db: { image: '<string>', healthcheck: { test: { '<contains>': 'pg_isready' } } } } }, contains: ['service_healthy'] } });
    assert.deepStrictEqual(ok, { ok: true, got: 'docker-compose.yaml (9 lines) parses as yaml and matches' });
    const wrong = await run({ file: 'docker-compose.yaml', parses: 'yaml', expect: { json: { services: { cache: { image: 'redis:7' } } } } });
    assert.deepStrictEqual(wrong, { ok: false, got: 'docker-compose.yaml: json.services.cache: expected an object, got nothing' });
  });

  it('reads several YAML documents as a list of them', async () => {
    write('k8s.yaml', 'kind: Deployment\n---\nkind: Service\n');
    assert.strictEqual((await run({ file: 'k8s.yaml', parses: 'yaml', expect: { json: [{ kind: 'Deployment' }, { kind: 'Service' }] } })).ok, true);
  });

  it('fails a file that does not parse, with the line and column', async () => {
    write('bad.yaml', 'services:\n  db:\n    image: [postgres\n');
    const yaml = await run({ file: 'bad.yaml', parses: 'yaml' });
    assert.strictEqual(yaml.ok, false);
    assert.match(yaml.got, /^bad\.yaml does not parse as yaml: line \d+, column \d+: /);
    write('bad.json', '{\n  "a": 1,\n  b: 2\n}');
    assert.deepStrictEqual(await run({ file: 'bad.json', parses: 'json' }), { ok: false, got: "bad.json does not parse as json: line 3, column 3: Expected double-quoted property name" });
    write('bad.toml', 'name = "x"\nlist = [1,\n');
    const toml = await run({ file: 'bad.toml', parses: 'toml' });
    assert.match(toml.got, /^bad\.toml does not parse as toml: line \d+, column \d+: /);
    write('Dockerfile', 'FROM node:22\nCOPYY . .\n');
    assert.deepStrictEqual(await run({ file: 'Dockerfile', parses: 'dockerfile' }), { ok: false, got: `Dockerfile does not parse as dockerfile: line 2, column 1: unknown instruction 'COPYY': known are ADD, ARG, CMD, COPY, ENTRYPOINT, ENV, EXPOSE, FROM, HEALTHCHECK, LABEL, MAINTAINER, ONBUILD, RUN, SHELL, STOPSIGNAL, USER, VOLUME, WORKDIR` });
  });

  it('reads TOML and JSON values', async () => {
    write('pyproject.toml', '[project]\nname = "slugify"\ndependencies = ["pytest>=8"]\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n');
    assert.strictEqual((await run({ file: 'pyproject.toml', parses: 'toml', expect: { json: { project: { name: 'slugify', dependencies: { '<contains>': 'pytest>=8' } }, tool: { pytest: { ini_options: { testpaths: ['tests'] } } } } } })).ok, true);
    write('package.json', '{ "scripts": { "test": "vitest run" } }');
    const r = await run({ file: 'package.json', parses: 'json', expect: { json: { scripts: { test: '{{want}}' } } } }, { want: 'jest' });
    assert.deepStrictEqual(r, { ok: false, got: 'package.json: json.scripts.test: expected "jest", got "vitest run"' });
  });

  it('reads a Dockerfile as its instructions: directives, comments and continuation lines', async () => {
    assert.deepStrictEqual(parseDockerfile(DOCKERFILE), [
      { instruction: 'FROM', args: 'node:22-alpine AS build' },
      { instruction: 'WORKDIR', args: '/app' },
      { instruction: 'RUN', args: 'npm ci && npm run build' },
      { instruction: 'HEALTHCHECK', args: '--interval=5s CMD wget -qO- http://localhost:3000/health || exit 1' },
      { instruction: 'USER', args: 'node' },
      { instruction: 'CMD', args: '["node", "dist/server.js"]' },
    ]);
    assert.deepStrictEqual(parseDockerfile('# escape=`\nFROM windows `\n  AS base\nRUN <<EOF\necho a\necho b\nEOF\n'), [
      { instruction: 'FROM', args: 'windows AS base' },
      { instruction: 'RUN', args: '<<EOF\necho a\necho b\nEOF' },
    ]);
    assert.throws(() => parseDockerfile('FROM x\nRUN a \\'), /line 2, column 1: RUN ends in \\ on the last line/);
    assert.throws(() => parseDockerfile('FROM x\n  --chown=1 a b\n'), /line 2, column 3: '--chown=1' is not an instruction/);
    write('Dockerfile', DOCKERFILE);
    assert.strictEqual((await run({ file: 'Dockerfile', parses: 'dockerfile', expect: { json: { '<contains>': { instruction: 'HEALTHCHECK' } } } })).ok, true);
    const root = await run({ file: 'Dockerfile', parses: 'dockerfile', expect: { json: { '<none>': { instruction: 'USER', args: 'node' } } } });
    assert.deepStrictEqual(root, { ok: false, got: 'Dockerfile: json.4: expected no element matching {"instruction":"USER","args":"node"}, got {"instruction":"USER","args":"node"}' });
  });

  it('checks the raw text: contains, notContains and matches', async () => {
    write('src/app.py', 'import os\nSECRET = os.environ["SECRET"]\n');
    assert.strictEqual((await run({ file: 'src/app.py', expect: { contains: ['os.environ'], notContains: ['hunter2'], matches: '^SECRET = ' } })).ok, true);
    write('src/app.py', 'SECRET = "hunter2"\n');
    assert.deepStrictEqual(await run({ file: 'src/app.py', expect: { notContains: ['hunter2'] } }), { ok: false, got: 'src/app.py contains "hunter2" (line 1)' });
    assert.deepStrictEqual(await run({ file: 'src/app.py', expect: { matches: 'os\\.environ' } }), { ok: false, got: 'src/app.py does not match /os\\.environ/m' });
  });

  it('says a missing file is missing, and passes exists: false only when it is', async () => {
    assert.deepStrictEqual(await run({ file: 'Dockerfile' }), { ok: false, got: 'there is no file Dockerfile in the exercise folder: create it' });
    assert.deepStrictEqual(await run({ file: '.env', expect: { exists: false } }), { ok: true, got: 'no file .env' });
    write('.env', 'SECRET=1\n');
    assert.deepStrictEqual(await run({ file: '.env', expect: { exists: false } }), { ok: false, got: '.env exists (9 bytes): remove it' });
    fs.mkdirSync(path.join(dir, 'sub'));
    assert.deepStrictEqual(await run({ file: 'sub' }), { ok: false, got: 'sub is a folder, not a file' });
  });

  it('refuses a path out of the folder: at parse time, and through a symbolic link at run time', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-file-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.txt'), 'x');
      fs.symlinkSync(outside, path.join(dir, 'link'));
      assert.deepStrictEqual(await run({ file: 'link/secret.txt' }), { ok: false, got: "the path 'link/secret.txt' leads outside the exercise folder (through a symbolic link)" });
      assert.deepStrictEqual(await run({ file: '{{p}}' }, { p: '../x' }), { ok: false, got: "the path '../x' has a '..' part: give a path inside the exercise folder" });
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    assert.deepStrictEqual(problems({ file: '../etc/passwd' }), ["milestones.a.0.steps.0.file: the path '../etc/passwd' has a '..' part: give a path inside the exercise folder"]);
    assert.deepStrictEqual(problems({ file: '/etc/passwd' }), ["milestones.a.0.steps.0.file: the path '/etc/passwd' is absolute: give a path relative to the exercise folder"]);
  });

  it('refuses a wrong step at the path of each mistake', () => {
    assert.deepStrictEqual(problems({ file: 'a.txt', parses: 'xml', expect: { json: {}, exist: false } }), [
      "milestones.a.0.steps.0.parses: 'parses' of the file step must be one of text, json, yaml, toml, dockerfile, not 'xml'",
      "milestones.a.0.steps.0.expect.exist: unknown key 'exist' in 'expect' of the file step: did you mean 'exists'?",
    ]);
    assert.deepStrictEqual(problems({ file: 'a.txt', expect: { json: {} } }), ["milestones.a.0.steps.0.expect.json: a JSON shape needs a parsed file: add parses: json, yaml, toml or dockerfile to the file step"]);
    assert.deepStrictEqual(problems({ file: 'a.txt', expect: { exists: false, contains: ['x'] } }), ["milestones.a.0.steps.0.expect: 'expect' of the file step says the file must not exist: leave out the other checks (contains)"]);
    assert.deepStrictEqual(problems({ file: 'a.txt', expect: { exists: 'no' } }), ["milestones.a.0.steps.0.expect.exists: 'exists' of 'expect' of the file step must be true or false, not 'no'"]);
  });

  it('says in words what it reads and expects', () => {
    const d = describeStep(step({ file: 'docker-compose.yaml', parses: 'yaml', expect: { json: { services: '<object>' }, contains: ['db'] } }), {}, { healthPath: '/health' });
    assert.deepStrictEqual(d, { sent: 'a read of the file docker-compose.yaml in the exercise folder', expected: 'the file parses as YAML, its value matches {"services":"<object>"}, its text containing "db"' });
    assert.deepStrictEqual(describeStep(step({ file: '.env', expect: { exists: false } }), {}, { healthPath: '/health' }), { sent: 'a look for the file .env in the exercise folder', expected: 'no such file' });
  });
});
