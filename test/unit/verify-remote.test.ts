/**
 * Remote mode: which checks need process control (pure), and a remote run over real HTTPS through a
 * TLS front with a certificate made in the test, trusted only when the run is told to (`ca`).
 */
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as http from 'http';
import * as path from 'path';
import { diskReader } from '../../src/roadmap/nodeFs';
import { readRoadmap } from '../../src/roadmap/validate';
import { parseIdeaChecks, type IdeaChecks } from '../../src/verify/checks';
import { readCheckFiles } from '../../src/verify/files';
import { parseRemoteUrl, planRemote, remoteBlocker, remoteSkipReason } from '../../src/verify/remote';
import { verifyRemote } from '../../src/verify/remoteRun';
import { formatReport } from '../../src/verify/report';
import { Parser } from '../../src/verify/parser';
import { parseStep, type Step } from '../../src/verify/steps';
import { hstsMaxAge } from '../../src/verify/steps/https';
import { selfSignedCert, tlsFront } from './helpers/tlsFront';

const root = path.resolve(__dirname, '../../..');

function step(value: unknown): Step {
  const p = new Parser();
  const parsed = parseStep(p, value, ['step']);
  assert.deepStrictEqual(p.problems, []);
  return parsed!;
}

describe('verify: remote mode, which checks need process control', function () {
  // Reading the shipped roadmap and check files takes a few seconds on a busy machine.
  this.timeout(30_000);
  const delay = { SLOW_QUERY_MS: '100', JWT_SECRET: 'a-secret-is-no-delay-0123456789abcdef' };

  it('blocks restart, kill, shutdown, instance, log, upstream, follow and websocket steps, each with its reason', () => {
    const blocked: [unknown, RegExp][] = [
      [{ restart: true }, /restarts the server, and a deployed server is not the runner's to restart/],
      [{ kill: true }, /kills the server's process/],
      [{ shutdown: { inflight: { path: '/slow' }, status: 200, signal: 'SIGTERM', exitCode: 0, withinMs: 5000 } }, /stops the server/],
      [{ instance: { name: 'second' } }, /starts another instance/],
      [{ log: { json: { level: 'info' } } }, /server's output/],
      [{ request: { path: '/x' }, expect: { status: 200 }, on: 'second' }, /another instance/],
      [{ follow: { url: 'http://127.0.0.1/x' }, expect: { status: 200 } }, /link to this machine only/],
    ];
    for (const [value, reason] of blocked) assert.match(remoteBlocker(step(value), {}) ?? '', reason, JSON.stringify(value));
  });

  it('blocks time bounds only when the check file injects a number through env, and names it', () => {
    const timed = step({ request: { path: '/posts' }, expect: { status: 200, ms: { atLeast: 98 } } });
    assert.match(remoteBlocker(timed, delay) ?? '', /SLOW_QUERY_MS=100/);
    assert.doesNotMatch(remoteBlocker(timed, delay) ?? '', /JWT_SECRET/, 'a secret is not a delay and is never printed');
    assert.strictEqual(remoteBlocker(timed, { JWT_SECRET: delay.JWT_SECRET }), undefined);
    const compare = step({ compare: { request: { path: '/posts' }, laterMs: { atMost: 50 } } });
    assert.match(remoteBlocker(compare, delay) ?? '', /time bounds/);
    assert.strictEqual(remoteBlocker(step({ request: { path: '/posts' }, expect: { status: 200 } }), delay), undefined);
    assert.strictEqual(remoteBlocker(step({ https: { path: '/health', hstsMaxAge: 31536000 } }), delay), undefined);
    assert.strictEqual(remoteBlocker(step({ wait: { ms: 10 } }), delay), undefined);
  });

  it('skips a check at its first blocked step, by number and kind', () => {
    const check = { name: 'c', steps: [step({ request: { path: '/a' }, expect: { status: 200 } }), step({ restart: true }), step({ request: { path: '/b' }, expect: { ms: { atMost: 5 } } })] };
    assert.match(remoteSkipReason(check, delay) ?? '', /^step 2 \(restart\): /);
  });

  it('skips exactly the blog platform checks that restart or are timed against SLOW_QUERY_MS', () => {
    const roadmap = readRoadmap(path.join(root, 'roadmap', 'backend', 'roadmap.yaml'), diskReader).roadmap!;
    const { checks } = readCheckFiles(path.join(root, 'roadmap', 'verify'), roadmap.projects);
    const blog = checks['blog-platform-capstone'];
    const { run, skipped } = planRemote(blog, ['baseline', 'features', 'performance', 'deployed']);
    assert.deepStrictEqual(skipped.map((s) => `${s.milestone}/${s.index}`), ['performance/0', 'performance/3']);
    assert.match(skipped[0].reason, /SLOW_QUERY_MS=100/);
    assert.match(skipped[1].reason, /restart/);
    assert.ok(run.has('deployed/0') && run.has('performance/1') && run.has('features/0'));
    // A check file that restarts in its baseline: the baseline check is skipped too.
    const restarting = planRemote(checks['cache-queue-worker'], ['baseline']);
    assert.ok(restarting.skipped.some((s) => /restart/.test(s.reason)));
  });

  it('refuses URLs that are not http(s), hold credentials or a query, with what to give instead', () => {
    assert.match(String(parseRemoteUrl('ftp://blog.example.com')), /ftp:\/\/ is not a web address: remote mode verifies a server over https:\/\//);
    assert.match(String(parseRemoteUrl('blog.example.com')), /not a URL: give the deployed server's address/);
    assert.match(String(parseRemoteUrl('https://me:pw@blog.example.com')), /user name or password/);
    assert.match(String(parseRemoteUrl('https://blog.example.com/?x=1')), /query or fragment/);
    assert.strictEqual((parseRemoteUrl('https://blog.example.com/app/') as URL).pathname, '/app/');
  });

  it('reads max-age out of Strict-Transport-Security', () => {
    assert.strictEqual(hstsMaxAge('max-age=31536000; includeSubDomains'), 31536000);
    assert.strictEqual(hstsMaxAge('includeSubDomains; max-age="600"'), 600);
    assert.strictEqual(hstsMaxAge('includeSubDomains'), undefined);
    assert.strictEqual(hstsMaxAge(undefined), undefined);
  });
});

describe('verify: a remote run over HTTPS through a TLS front', function () {
  this.timeout(30_000);
  let app: http.Server;
  let appPort: number;
  let maxAge = 31536000;
  let front: Awaited<ReturnType<typeof tlsFront>>;
  let cert: ReturnType<typeof selfSignedCert>;
  const milestones = [
    { id: 'baseline', title: 'Service runs', description: '', nodes: ['a'] },
    { id: 'deployed', title: 'Deployed', description: '', nodes: ['b'] },
  ];
  let checks: IdeaChecks;

  before(async () => {
    // A server that enforces HTTPS behind its front, as the milestone asks.
    app = http.createServer((req, res) => {
      if (req.headers['x-forwarded-proto'] === 'http') return void (res.writeHead(308, { location: `https://${req.headers.host}${req.url}` }), res.end());
      res.writeHead(req.url === '/health' || req.url === '/posts' ? 200 : 404, { 'content-type': 'application/json', 'strict-transport-security': `max-age=${maxAge}` });
      res.end(req.url === '/posts' ? '[]' : '{}');
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    appPort = (app.address() as { port: number }).port;
    cert = selfSignedCert();
    front = await tlsFront(appPort, cert);
    const parsed = parseIdeaChecks({
      idea: 'demo',
      env: { SLOW_QUERY_MS: '100' },
      milestones: {
        baseline: [
          { name: 'health', steps: [{ request: { path: '/health' }, expect: { status: 200 } }] },
          { name: 'after a restart', steps: [{ restart: true }, { request: { path: '/health' }, expect: { status: 200 } }] },
          { name: 'timed', steps: [{ request: { path: '/posts' }, expect: { status: 200, ms: { atLeast: 98 } } }] },
        ],
        deployed: [{ name: 'https enforced', steps: [{ https: { path: '/posts', hstsMaxAge: 31536000 } }] }],
      },
    }, ['baseline', 'deployed']);
    assert.deepStrictEqual(parsed.problems, []);
    checks = parsed.checks!;
  });
  after(async () => {
    await front.close();
    await new Promise<void>((r) => (app.closeAllConnections(), app.close(() => r())));
    fs.rmSync(cert.dir, { recursive: true, force: true });
  });

  const run = (url: string, extra: { ca?: string[]; plainPort?: number } = {}) =>
    verifyRemote({ url: new URL(url), idea: 'demo', checks, milestones, healthPath: '/health', plainPort: front.plainPort, ...extra });

  it('runs what needs no process control, passes the https step, and lists the skipped checks with why', async () => {
    maxAge = 31536000;
    const report = await run(`https://localhost:${front.httpsPort}`, { ca: [cert.cert] });
    assert.strictEqual(report.outcome, 'passed', formatReport(report));
    assert.deepStrictEqual(report.milestones.map((m) => [m.id, m.checks.map((c) => c.name), m.complete]), [['baseline', ['health'], false], ['deployed', ['https enforced'], true]]);
    assert.deepStrictEqual(report.remote?.skipped.map((s) => s.name), ['after a restart', 'timed']);
    const text = formatReport(report);
    assert.match(text, /Skipped against https:\/\/localhost:\d+\/ \(2; a local run, verify --dir, checks them\):/);
    assert.match(text, /after a restart\n\s+step 1 \(restart\): it restarts the server/);
    assert.match(text, /timed\n\s+step 1 \(request\): its time bounds are tied to SLOW_QUERY_MS=100/);
    assert.match(text, /2 skipped \(they need a local run\)/);
    assert.match(report.milestones[1].checks[0].steps[0].got, /localhost:\d+\/posts redirects to https:\/\/localhost:\d+\/posts; https answers 200 with Strict-Transport-Security: max-age=31536000/);
  });

  it('fails the https step one second short of the max-age, and when plain http is served', async () => {
    maxAge = 31535999;
    let report = await run(`https://localhost:${front.httpsPort}`, { ca: [cert.cert] });
    assert.strictEqual(report.milestones.find((m) => m.id === 'deployed')?.ok, false);
    assert.match(report.milestones[1].checks[0].steps[0].got, /max-age 31535999, at least 31536000 expected/);
    maxAge = 31536000;
    // The app itself as the "plain" port: it answers 200 over http, which is neither a redirect nor a refusal.
    report = await run(`https://localhost:${front.httpsPort}`, { ca: [cert.cert], plainPort: appPort });
    assert.match(report.milestones[1].checks[0].steps[0].got, /answered 200: plain http must redirect \(301 or 308\) to https:\/\/ or be refused/);
  });

  it('counts a refused plain port as enforced', async () => {
    const closed = await new Promise<number>((r) => {
      const s = http.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => r(port));
      });
    });
    const report = await run(`https://localhost:${front.httpsPort}`, { ca: [cert.cert], plainPort: closed });
    assert.strictEqual(report.outcome, 'passed', formatReport(report));
    assert.match(report.milestones[1].checks[0].steps[0].got, /is refused; https answers 200/);
  });

  it('refuses a certificate the machine does not trust, and says to pass --ca', async () => {
    const report = await run(`https://localhost:${front.httpsPort}`);
    assert.strictEqual(report.outcome, 'failed');
    assert.deepStrictEqual(report.milestones, []);
    assert.match(report.problem?.message ?? '', /did not answer GET \/health .* the certificate of localhost is not trusted .* --ca <file>/);
  });

  it('fails the https step for a plain http:// URL, and runs the rest', async () => {
    const report = await run(`http://127.0.0.1:${appPort}`);
    assert.strictEqual(report.milestones[0].ok, true);
    assert.match(report.milestones[1].checks[0].steps[0].got, /is plain http:\/\/: deploy behind HTTPS/);
  });

  it('verify --url in the CLI: refuses ftp://, and against the front lists the skipped checks of the blog platform', async () => {
    const cliFile = path.join(root, 'dist', 'cli.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-remote-cli-'));
    try {
      const project = path.join(dir, 'blog');
      assert.strictEqual(spawnSync(process.execPath, [cliFile, 'scaffold', 'blog-platform-capstone', '--stack', 'ts', '--dir', project]).status, 0);
      const refused = spawnSync(process.execPath, [cliFile, 'verify', '--dir', project, '--url', 'ftp://blog.example.com'], { encoding: 'utf8' });
      assert.strictEqual(refused.status, 2);
      assert.match(refused.stderr, /--url: ftp:\/\/ is not a web address: remote mode verifies a server over https:\/\//);
      const local = spawnSync(process.execPath, [cliFile, 'verify', '--dir', project, '--url', 'https://blog.example.com', '--install'], { encoding: 'utf8' });
      assert.strictEqual(local.status, 2);
      assert.match(local.stderr, /--install is for a local run/);
      // The toy server behind the front has no blog routes: features fail, and the skipped list is printed all the same.
      const child = spawn(process.execPath, [cliFile, 'verify', '--dir', project, '--url', `https://localhost:${front.httpsPort}`, '--ca', cert.certFile, '--plain-port', String(front.plainPort)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      assert.strictEqual(code, 1, out);
      assert.match(out, /remote mode: nothing is started/);
      assert.match(out, /✔ GET \/health answers 200 with PostgreSQL and Redis reachable/);
      assert.match(out, /✔ plain http on \/health redirects to https/);
      assert.match(out, /Skipped against https:\/\/localhost:\d+\/ \(2; a local run, verify --dir, checks them\):\n {4}- performance: the first GET \/posts after a new post asks PostgreSQL .*\n.*SLOW_QUERY_MS=100.*\n {4}- performance: the cached list is still served after a restart .*\n.*restarts the server/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
