// Remote mode in the starters layer: the reference solution runs behind a local TLS front (HTTPS
// with a self-signed certificate made here, and plain HTTP, both forwarded with X-Forwarded-Proto),
// and `verify --url https://... --ca <cert>` must pass every check it runs and skip exactly the
// ones listed below, as a deployed server would be verified.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './code-server.mjs';
import { readEnvFile } from './db-down.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Per idea with a remote check: the checks (milestone/index) a remote run must skip. */
export const REMOTE_SKIPS = {
  'blog-platform-capstone': ['performance/0', 'performance/3'],
};

function front(targetPort, cert, key) {
  const forward = (proto) => (req, res) => {
    const upstream = http.request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-proto': proto }, agent: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => (res.writeHead(502), res.end()));
    req.pipe(upstream);
  };
  const servers = [https.createServer({ cert, key }, forward('https')), http.createServer(forward('http'))];
  const listen = (s) => new Promise((r) => s.listen(0, '127.0.0.1', () => r(s.address().port)));
  return Promise.all(servers.map(listen)).then(([httpsPort, plainPort]) => ({ httpsPort, plainPort, close: () => servers.forEach((s) => (s.closeAllConnections(), s.close())) }));
}

/** Runs the remote check for `idea` when it has one; records each result through `record`. */
export async function checkRemote({ idea, dir, manifest, env, record, label = 'reference: ' }) {
  const expected = REMOTE_SKIPS[idea];
  if (!expected) return;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'roadmap-remote-'));
  const port = await freePort();
  const server = spawn('sh', ['-c', `exec ${manifest.start}`], { cwd: dir, env: { ...process.env, ...readEnvFile(path.join(dir, '.env.example')), ...env, PORT: String(port) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout.on('data', (c) => (output += c));
  server.stderr.on('data', (c) => (output += c));
  let tls;
  try {
    const certFile = path.join(tmp, 'cert.pem');
    const keyFile = path.join(tmp, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'pipe' });
    tls = await front(port, readFileSync(certFile), readFileSync(keyFile));
    const reportFile = path.join(tmp, 'report.json');
    const url = `https://localhost:${tls.httpsPort}`;
    // verify --url waits for nothing: give the server its start first.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !(await new Promise((r) => http.get({ host: '127.0.0.1', port, path: manifest.healthPath, agent: false }, (res) => (res.resume(), r(res.statusCode === 200))).on('error', () => r(false))))) await new Promise((r) => setTimeout(r, 250));
    const run = (...extra) => new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), 'verify', '--dir', dir, '--url', url, '--plain-port', String(tls.plainPort), ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (c) => (text += c));
      child.stderr.on('data', (c) => (text += c));
      child.on('exit', (code) => resolve({ code, text }));
    });
    const untrusted = await run();
    record(`${label}verify --url refuses a certificate the machine does not trust`, untrusted.code === 1 && /not trusted/.test(untrusted.text), /the certificate[^\n]*/.exec(untrusted.text)?.[0] ?? untrusted.text.slice(-600));
    const trusted = await run('--ca', certFile, '--report', reportFile);
    const report = trusted.code === 0 || trusted.code === 1 ? JSON.parse(readFileSync(reportFile, 'utf8')) : undefined;
    const skipped = report?.remote?.skipped.map((s) => `${s.milestone}/${s.index}`) ?? [];
    record(`${label}verify --url ${url} --ca <cert> behind a TLS front passes every check it runs`, trusted.code === 0, trusted.code === 0 ? /\d+ of \d+ milestones passed[^\n]*/.exec(trusted.text)?.[0] : trusted.text.slice(-1500));
    record(`${label}verify --url skips exactly ${expected.join(', ')}`, JSON.stringify(skipped) === JSON.stringify(expected), `skipped: ${skipped.join(', ') || 'none'}`);
  } catch (err) {
    record(`${label}verify --url behind a TLS front`, false, `${err.message}\n${output.slice(-800)}`);
  } finally {
    tls?.close();
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {}
    rmSync(tmp, { recursive: true, force: true });
  }
}
