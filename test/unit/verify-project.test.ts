import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { parseIdeaChecks } from '../../src/verify/checks';
import { guessStack, manifestText, parseProjectManifest } from '../../src/verify/manifest';
import { shellCommand, treeKillCommand } from '../../src/verify/platform';
import { formatReport } from '../../src/verify/report';
import { verifyProject } from '../../src/verify/runner';
import { addressesOf, combinedFix, composeServiceFor, probeServices } from '../../src/verify/services';
import { classifyStart } from '../../src/verify/session';
import { curlCommand } from '../../src/verify/steps/requestSpec';

const root = path.resolve(__dirname, '../../..');
const fixture = path.join(root, 'test', 'fixtures', 'verify', 'project');

function tempProject(manifest: object, extra: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-own-'));
  fs.copyFileSync(path.join(fixture, 'server.js'), path.join(dir, 'server.js'));
  fs.writeFileSync(path.join(dir, 'starter.json'), JSON.stringify(manifest, null, 2));
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const health = { name: 'health answers 200', steps: [{ request: { path: '/health' }, expect: { status: 200 } }] };
const checks = parseIdeaChecks({ idea: 'verify-fixture', env: {}, milestones: { baseline: [health] } }, ['baseline']).checks!;
const milestones = [{ id: 'baseline', title: 'Runs', description: '', nodes: ['web-servers-basics'] }];

describe('verify: a project in any language', () => {
  it('needs only idea, start, port and healthPath, and takes any stack as written', () => {
    const { manifest, problems } = parseProjectManifest('{ "idea": "containerized-microservice", "stack": "java", "start": "java Server.java", "port": 8080, "healthPath": "/health" }');
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(manifest, { idea: 'containerized-microservice', stack: 'java', start: 'java Server.java', port: 8080, healthPath: '/health', install: [], build: '', env: {}, services: [] });
    for (const starter of fs.readdirSync(path.join(root, 'roadmap', 'starters'))) {
      for (const stack of fs.readdirSync(path.join(root, 'roadmap', 'starters', starter))) {
        const file = path.join(root, 'roadmap', 'starters', starter, stack, 'starter.json');
        assert.deepStrictEqual(parseProjectManifest(fs.readFileSync(file, 'utf8')).problems, [], `${file} is a verifiable manifest`);
      }
    }
  });

  it('says what is wrong with a manifest, and where', () => {
    const text = ['{', '  "idea": "Url Shortener",', '  "port": "3000",', '  "helthPath": "health",', '  "stack": 3', '}'].join('\n');
    assert.deepStrictEqual(
      parseProjectManifest(text).problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [
        "4:3 unknown field 'helthPath': did you mean 'healthPath'?",
        "2:3 'idea' must be a project idea id (lowercase words joined by -), not 'Url Shortener'",
        `1:1 'start' is missing: add it, such as "start": "node server.js"`,
        `1:1 'healthPath' is missing: add it, such as "healthPath": "/health"`,
        "3:3 'port' must be a whole number from 1 to 65535: write 3000 without quotes",
        `5:3 'stack' must be text, such as "java"`,
      ],
    );
    const broken = parseProjectManifest('{\n  "idea": "x",\n  "start": oops\n}').problems;
    assert.strictEqual(broken.length, 1);
    assert.match(broken[0].message, /^not valid JSON/);
    assert.strictEqual(broken[0].line, 3);
  });

  it('writes the minimal manifest it asks for, and guesses the stack from the files', () => {
    const text = manifestText({ idea: 'containerized-microservice', stack: 'rust', start: 'cargo run', port: 8000, healthPath: '/health' });
    assert.deepStrictEqual(JSON.parse(text), { idea: 'containerized-microservice', stack: 'rust', start: 'cargo run', port: 8000, healthPath: '/health' });
    assert.deepStrictEqual(parseProjectManifest(text).problems, []);
    assert.strictEqual(guessStack(['Server.java', 'README.md']), 'java');
    assert.strictEqual(guessStack(['Cargo.toml', 'src']), 'rust');
    assert.strictEqual(guessStack(['package.json']), 'js');
    assert.strictEqual(guessStack(['notes.txt']), undefined);
  });

  it('builds a curl command that sends the same request, quoted for a shell', () => {
    assert.strictEqual(
      curlCommand({ method: 'POST', path: '/links', headers: { 'content-type': 'application/json', authorization: 'Bearer a.b.c' }, body: `{"url":"it's"}` }, 3000),
      `curl -i -X POST http://localhost:3000/links -H 'content-type: application/json' -H 'authorization: Bearer a.b.c' --data-raw '{"url":"it'\\''s"}'`,
    );
    assert.strictEqual(curlCommand({ method: 'GET', path: '/x?a=1&b=2', headers: {} }, 8080), `curl -i 'http://localhost:8080/x?a=1&b=2'`);
  });

  it('stops a process tree on Windows with taskkill /T, and asks the group elsewhere', () => {
    assert.deepStrictEqual(treeKillCommand(4242, false, 'win32'), ['taskkill', '/PID', '4242', '/T']);
    assert.deepStrictEqual(treeKillCommand(4242, true, 'win32'), ['taskkill', '/PID', '4242', '/T', '/F']);
    assert.strictEqual(treeKillCommand(4242, true, 'linux'), undefined);
    assert.throws(() => treeKillCommand(0, true, 'win32'), /not a process id/);
    assert.deepStrictEqual(shellCommand('npm start && echo ok', 'win32'), ['cmd.exe', '/d', '/s', '/c', '"npm start && echo ok"']);
    assert.deepStrictEqual(shellCommand('npm start', 'darwin'), ['sh', '-c', 'npm start']);
  });

  it('tells the machine from the code when a server does not come up', () => {
    assert.strictEqual(classifyStart('Error: listen EADDRINUSE: address already in use :::3000', 1), 'port');
    assert.strictEqual(classifyStart('sh: 1: java: not found', 127), 'command');
    assert.strictEqual(classifyStart('TypeError: x is not a function', 1), 'start');
    assert.strictEqual(classifyStart('GET /favicon.ico: route not found', 1), 'start', 'a log line that ends in "not found" is the server\'s own');
  });
});

describe('verify: services first', () => {
  it('reads the addresses of a URL or a broker list, and the compose service that starts one', () => {
    assert.deepStrictEqual(addressesOf('postgres://app:secret@db.local:5433/app', 5432), [{ host: 'db.local', port: 5433 }]);
    assert.deepStrictEqual(addressesOf('redis://[::1]', 6379), [{ host: '::1', port: 6379 }]);
    assert.deepStrictEqual(addressesOf('localhost:9092, 127.0.0.1:9093', 9092), [{ host: 'localhost', port: 9092 }, { host: '127.0.0.1', port: 9093 }]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-compose-'));
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  app:\n    build: .\n  db:\n    image: postgres:17\n  cache:\n    image: "redis:7-alpine"\nvolumes:\n  data:\n');
    assert.deepStrictEqual(composeServiceFor(dir, /postgres/), { file: 'docker-compose.yml', name: 'db' });
    assert.deepStrictEqual(composeServiceFor(dir, /redis/), { file: 'docker-compose.yml', name: 'cache' });
    assert.strictEqual(composeServiceFor(dir, /kafka/), undefined);
  });

  it('names a service that is down in one line, with where and the command that starts it', async () => {
    const port = await closedPort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-compose-'));
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  db:\n    image: postgres:17\n');
    const problems = await probeServices(dir, ['postgresql', 'redis', 'mongodb'], { DATABASE_URL: `postgres://u@127.0.0.1:${port}/app` }, () => '.env');
    assert.deepStrictEqual(problems.map((p) => p.message), [
      `PostgreSQL is not reachable at 127.0.0.1:${port} (DATABASE_URL from .env): start it with \`docker compose up -d db\` in ${path.basename(dir)}`,
      'Redis has no address: REDIS_URL is not set (in .env or the environment); set it, then start Redis and set REDIS_URL',
    ]);
    assert.strictEqual(problems[0].composeName, 'db');
    assert.deepStrictEqual(combinedFix([...problems, { service: 'kafka', message: '', composeName: 'broker' }, { service: 'x', message: '', composeName: 'db' }], dir), { command: 'docker compose up -d db broker', cwd: dir });
    const listening = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => listening.once('listening', r));
    const up = await probeServices(dir, ['postgresql'], { DATABASE_URL: `postgres://u@localhost:${(listening.address() as net.AddressInfo).port}/app` }, () => '.env');
    listening.close();
    assert.deepStrictEqual(up, []);
  });

  it('stops before the server starts when a service is down: could not run, not failed, and nothing was started', async () => {
    const port = await closedPort();
    const dir = tempProject({ idea: 'verify-fixture', stack: 'java', start: 'node server.js', port: 3000, healthPath: '/health', services: ['postgresql'] }, { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:17\n' });
    const pidFile = path.join(dir, 'pids');
    const report = await verifyProject({ projectDir: dir, checks, milestones, baseEnv: { PATH: process.env.PATH, PID_FILE: pidFile, DATABASE_URL: `postgres://u@127.0.0.1:${port}/app` }, healthTimeoutMs: 5000 });
    assert.strictEqual(report.outcome, 'could-not-run');
    assert.strictEqual(report.problem?.kind, 'service');
    assert.strictEqual(report.milestones[0].outcome, 'could-not-run');
    assert.strictEqual(report.milestones[0].checks[0].outcome, 'could-not-run');
    assert.ok(!fs.existsSync(pidFile), 'the server was never started');
    const text = formatReport(report);
    assert.match(text, /^! could not run \(nothing was checked; this is the machine, not your code\):\n {4}PostgreSQL is not reachable at 127\.0\.0\.1:\d+ \(DATABASE_URL from the environment\): start it with `docker compose up -d db`/);
    assert.match(text, /fix: docker compose up -d db/);
    assert.doesNotMatch(text, /at .*\.js:\d+/, 'no stack trace');
  });

  it('finds a server that listens on IPv6 loopback only, and sends its checks there', async () => {
    const dir = tempProject({ idea: 'verify-fixture', start: 'node server.js', port: 3000, healthPath: '/health' });
    const report = await verifyProject({ projectDir: dir, checks, milestones, baseEnv: { PATH: process.env.PATH, MODE: 'ipv6' }, healthTimeoutMs: 10_000 });
    assert.strictEqual(report.outcome, 'passed', formatReport(report));
    assert.strictEqual(report.stack, '');
  });

  it('stops waiting on a health path that keeps answering 503, and shows its body', async () => {
    const dir = tempProject({ idea: 'verify-fixture', start: 'node server.js', port: 3000, healthPath: '/health' });
    const started = Date.now();
    const report = await verifyProject({ projectDir: dir, checks, milestones, baseEnv: { PATH: process.env.PATH, MODE: 'unready' }, healthTimeoutMs: 30_000, healthSteadyMs: 1500 });
    assert.ok(Date.now() - started < 20_000, 'it did not wait for the whole time-out');
    assert.strictEqual(report.outcome, 'failed', 'a server that never gets ready is the code, not the machine');
    assert.match(report.startProblem!, /answered 503 for 2 s with the same body: \{"status":"waiting for the database at 127\.0\.0\.1:1"\}/);
  });

  it('counts stopping the server as the server\'s time, not the runner\'s', async () => {
    const dir = tempProject({ idea: 'verify-fixture', start: 'node server.js', port: 3000, healthPath: '/health' });
    const report = await verifyProject({ projectDir: dir, checks, milestones, baseEnv: { PATH: process.env.PATH, MODE: 'ignores-sigterm' }, healthTimeoutMs: 10_000 });
    assert.strictEqual(report.outcome, 'passed', formatReport(report));
    // The server ignores SIGTERM, so stopping it takes the 5 s grace before SIGKILL: all of it waited on the server.
    assert.ok(report.ms >= 5000, `the run took ${report.ms} ms`);
    assert.ok(report.overheadMs < 2000, `overhead ${report.overheadMs.toFixed(0)} ms of ${report.ms.toFixed(0)} ms`);
  });
});
