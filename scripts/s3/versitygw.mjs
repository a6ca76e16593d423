// A real S3-compatible object store for the file upload starters: versitygw (the Versity S3
// gateway, Apache-2.0) on its posix backend, built once with `go install` from the Go module proxy
// into .vscode-test/versitygw/<version>/ and reused from there. It stores objects as files, checks
// SigV4 signatures and refuses presigned URLs once they have expired, like S3 itself.
// Usage: node scripts/s3/versitygw.mjs   (builds now and prints where the binary is and how long it took)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

export const VERSITYGW_VERSION = 'v1.8.0';
/** Fixed test credentials and the bucket every starter's S3_BUCKET names. */
export const S3_TEST = { accessKey: 'roadmap-test', secretKey: 'roadmap-test-secret', bucket: 'uploads', region: 'us-east-1' };

/** The versitygw binary, built on first use (a few minutes on two cores; then cached). */
export function versitygwBinary({ log = console.log } = {}) {
  const dir = path.join(root, '.vscode-test', 'versitygw', VERSITYGW_VERSION);
  const bin = path.join(dir, 'versitygw');
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  log(`[s3] building versitygw ${VERSITYGW_VERSION} with go install (once; cached in ${path.relative(root, dir)})`);
  try {
    execFileSync('go', ['install', `github.com/versity/versitygw/cmd/versitygw@${VERSITYGW_VERSION}`], { env: { ...process.env, GOBIN: dir, CGO_ENABLED: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    throw new Error(`could not build versitygw ${VERSITYGW_VERSION} with go install (Go 1.24 or later is needed): ${String(err.stderr ?? err.message).trim().split('\n').slice(-5).join('\n')}`);
  }
  log(`[s3] versitygw built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return bin;
}

function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Starts the store on `port` with the test bucket; its URL is the S3 endpoint. */
export async function startVersitygw(port) {
  const bin = versitygwBinary();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-s3-'));
  // On the posix backend a bucket is a folder at the top: made here, it exists before the first request.
  mkdirSync(path.join(dir, S3_TEST.bucket));
  const child = spawn(bin, ['--access', S3_TEST.accessKey, '--secret', S3_TEST.secretKey, '--region', S3_TEST.region, '--port', `127.0.0.1:${port}`, '--quiet', 'posix', dir], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  while (!(await listening(port))) {
    if (exited || Date.now() > deadline) {
      stop();
      throw new Error(`versitygw did not listen on 127.0.0.1:${port} within 20 s${exited ? ' (it exited)' : ''}: ${stderr.trim().split('\n').slice(-5).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${port}`, dir, stop };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(versitygwBinary());
