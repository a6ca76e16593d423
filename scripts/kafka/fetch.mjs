// The Kafka broker's jars, fetched once from Maven Central with Maven (pom.xml beside this file)
// into .vscode-test/kafka/<version>/libs and reused from there. Java 17+ and Maven come from
// Debian's packages when they are missing (Maven only when there is something to fetch).
// Usage: node scripts/kafka/fetch.mjs   (fetches now and prints where the jars are and how long it took)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages } from '../system-deps.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const pom = path.join(here, 'pom.xml');

export const KAFKA_VERSION = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(pom, 'utf8'))[1];
export const LOG4J_CONFIG = path.join(here, 'log4j2.properties');

/** The major version of the `java` on PATH, or 0 when there is none. */
function javaMajor() {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return 0;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr + r.stdout);
  if (!m) return 0;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
}

const has = (cmd) => !spawnSync(cmd, ['-version'], { stdio: 'ignore' }).error;

/** Java 17 or later (Kafka 4's broker needs it), installed when missing. */
export function ensureJava() {
  if (javaMajor() >= 17) return;
  ensureDebianPackages(['default-jre-headless']);
  const major = javaMajor();
  if (major < 17) throw new Error(`Kafka ${KAFKA_VERSION} needs Java 17 or later; 'java -version' says ${major || 'nothing'}`);
}

/** The folder of the broker's jars, fetched on first use. */
export function kafkaLibs({ log = console.log } = {}) {
  const dir = path.join(root, '.vscode-test', 'kafka', KAFKA_VERSION);
  const libs = path.join(dir, 'libs');
  const done = path.join(dir, 'fetched');
  ensureJava();
  if (existsSync(done)) return libs;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (!has('mvn')) ensureDebianPackages(['maven']);
  const started = Date.now();
  log(`[kafka] fetching Kafka ${KAFKA_VERSION} with Maven into ${path.relative(root, libs)} (once)`);
  try {
    execFileSync('mvn', ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${libs}`, '-DincludeScope=runtime'], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const out = `${err.stdout ?? ''}${err.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`could not fetch Kafka ${KAFKA_VERSION} with Maven:\n${out}`);
  }
  const jars = readdirSync(libs).filter((f) => f.endsWith('.jar'));
  if (!jars.some((f) => f.startsWith('kafka_2.13-'))) throw new Error(`Maven finished but ${libs} has no kafka_2.13 jar`);
  writeFileSync(done, `${new Date().toISOString()} ${jars.length} jars\n`);
  log(`[kafka] fetched ${jars.length} jars in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return libs;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const libs = kafkaLibs();
  console.log(`[kafka] ${libs} ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
