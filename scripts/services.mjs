// Real services for the starters' integration tests, on free loopback ports, in throwaway folders:
// PostgreSQL, MariaDB and Redis from Debian's packages, Kafka from its jars (scripts/kafka/). Each start
// returns its URL and a stop().
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './code-server.mjs';
import { ensureDebianPackages } from './system-deps.mjs';
import { clusterId, serverProperties, waitUntilReady } from './kafka/broker.mjs';
import { kafkaLibs, LOG4J_CONFIG } from './kafka/fetch.mjs';
import { S3_TEST, startVersitygw } from './s3/versitygw.mjs';
import { OIDC_TEST, startOidcProvider } from './oidc/start.mjs';

const asRoot = process.getuid?.() === 0;

function postgresBin() {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length) throw new Error('PostgreSQL is not installed: install the Debian package postgresql');
  return path.join(base, versions[0], 'bin');
}

/** PostgreSQL refuses to run as root, so as root its commands run as the postgres user. */
function asPostgres(cmd, args) {
  return asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' });
}

export async function startPostgres() {
  ensureDebianPackages(['postgresql']);
  const bin = postgresBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '30', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** A new empty database on the same server, so each project starts from a clean schema. */
    fresh(name) {
      execFileSync(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-c', `CREATE DATABASE "${name}"`], { stdio: 'pipe' });
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      try {
        asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export async function startRedis() {
  ensureDebianPackages(['redis-server']);
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore', detached: true });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if (execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'pipe' }).toString().trim() === 'PONG') break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer PING on port ${port} within 10 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A MariaDB server (Debian's package) with root and no password over TCP; its URL is what MARIADB_URL takes. */
export async function startMariadb() {
  ensureDebianPackages(['mariadb-server', 'mariadb-client']);
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-mariadb-'));
  const data = path.join(dir, 'data');
  const user = asRoot ? ['--user=root'] : [];
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, ...user, '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: 'pipe' });
  const child = spawn('mariadbd', ['--no-defaults', `--datadir=${data}`, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${path.join(dir, 'sock')}`, ...user, '--skip-log-bin', '--innodb-buffer-pool-size=32M', `--log-error=${path.join(dir, 'error.log')}`], { stdio: 'ignore', detached: true });
  let exited = false;
  child.on('exit', () => (exited = true));
  // SIGTERM shuts the server down cleanly; its folder goes once it has exited (at most 10 s, then SIGKILL).
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    for (let waited = 0; !exited && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
      await new Promise((r) => setTimeout(r, 200));
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      execFileSync('mariadb-admin', ['--no-defaults', '--host=127.0.0.1', `--port=${port}`, '--user=root', 'ping'], { stdio: 'pipe' });
      break;
    } catch {}
    if (exited || Date.now() > deadline) {
      const log = existsSync(path.join(dir, 'error.log')) ? readFileSync(path.join(dir, 'error.log'), 'utf8').trim().split('\n').slice(-10).join('\n') : '';
      await stop();
      throw new Error(`mariadbd ${exited ? 'exited' : 'did not answer a ping within 20 s'} on port ${port}\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `mysql://root@127.0.0.1:${port}/`, stop };
}

/** A single-node Kafka (KRaft: broker and controller in one JVM); its URL is host:port for KAFKA_BROKERS. */
export async function startKafka() {
  const libs = kafkaLibs();
  const started = Date.now();
  const port = await freePort();
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'roadmap-kafka-'));
  const props = path.join(dir, 'server.properties');
  writeFileSync(props, serverProperties({ port, controllerPort, logDir: path.join(dir, 'data') }));
  // A small heap and the client compiler: it starts faster on two cores and is plenty for tests.
  const jvm = ['-Xms128m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true', `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`, '-cp', path.join(libs, '*')];
  const logFile = path.join(dir, 'broker.log');
  try {
    execFileSync('java', [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', props], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not format Kafka's storage: ${`${err.stdout ?? ''}${err.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n')}`);
  }
  const log = openSync(logFile, 'a');
  const child = spawn('java', [...jvm, 'kafka.Kafka', props], { stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  let exited = false;
  child.on('exit', () => (exited = true));
  // Kafka's data here is throwaway, so stop kills the JVM at once instead of a controlled shutdown.
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  };
  try {
    await waitUntilReady(port, { exited: () => exited });
  } catch (err) {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n') : '';
    stop();
    throw new Error(`${err.message}\n${tail}`);
  }
  console.log(`[kafka] broker on 127.0.0.1:${port} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url: `127.0.0.1:${port}`, stop };
}

/** An S3-compatible store (versitygw, scripts/s3/) with the test bucket; `env` is what a server needs beside the endpoint. */
export async function startS3() {
  const store = await startVersitygw(await freePort());
  return { ...store, env: { S3_ACCESS_KEY_ID: S3_TEST.accessKey, S3_SECRET_ACCESS_KEY: S3_TEST.secretKey, S3_BUCKET: S3_TEST.bucket, S3_REGION: S3_TEST.region } };
}

/** The OpenID Connect provider (scripts/oidc/); its URL is the issuer, `env` the client's id and secret. */
export async function startOidc() {
  const provider = await startOidcProvider(await freePort());
  return { ...provider, env: { OIDC_CLIENT_ID: OIDC_TEST.clientId, OIDC_CLIENT_SECRET: OIDC_TEST.clientSecret } };
}

/** The environment variable each service's URL is passed in; a started service's `env` adds the rest (credentials, bucket). */
export const SERVICES = {
  postgresql: { env: 'DATABASE_URL', start: startPostgres },
  redis: { env: 'REDIS_URL', start: startRedis },
  mariadb: { env: 'MARIADB_URL', start: startMariadb },
  kafka: { env: 'KAFKA_BROKERS', start: startKafka },
  s3: { env: 'S3_ENDPOINT', start: startS3 },
  oidc: { env: 'OIDC_ISSUER', start: startOidc },
};
