/**
 * Services first: before the learner's server starts, each service its manifest names is probed at
 * the address the server's environment gives it (DATABASE_URL, REDIS_URL, KAFKA_BROKERS). A service
 * that is down is the machine's state, not the learner's code, so the run stops as "could not run"
 * with one line that says which service, where, and the command that starts it from the project's
 * compose file. Pure Node, no `vscode`.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

export interface KnownService {
  /** As people say it. */
  title: string;
  /** The environment variable the server reads its address from. */
  env: string;
  defaultPort: number;
  /** Matches the image of its compose service. */
  image: RegExp;
  /** A path that must answer 200 over HTTP at the address, where an open port is not enough to say it is up. */
  probePath?: string;
}

export const KNOWN_SERVICES: Record<string, KnownService> = {
  postgresql: { title: 'PostgreSQL', env: 'DATABASE_URL', defaultPort: 5432, image: /postgres/i },
  redis: { title: 'Redis', env: 'REDIS_URL', defaultPort: 6379, image: /redis|valkey/i },
  mariadb: { title: 'MariaDB', env: 'MARIADB_URL', defaultPort: 3306, image: /mariadb/i },
  kafka: { title: 'Kafka', env: 'KAFKA_BROKERS', defaultPort: 9092, image: /kafka|redpanda/i },
  s3: { title: 'the S3 store', env: 'S3_ENDPOINT', defaultPort: 7070, image: /versitygw|minio|seaweedfs/i },
  oidc: { title: 'the OpenID Connect provider', env: 'OIDC_ISSUER', defaultPort: 4000, image: /oidc/i, probePath: '/.well-known/openid-configuration' },
};

export interface ServiceProblem {
  service: string;
  /** One line: which, where, and what to do. */
  message: string;
  /** Its service in the project's compose file, when the file names one. */
  composeName?: string;
}

/** One command that starts every service of `problems` the compose file names (`docker compose up -d db redis`). */
export function combinedFix(problems: readonly ServiceProblem[], projectDir: string): { command: string; cwd: string } | undefined {
  const names = [...new Set(problems.map((p) => p.composeName).filter((n): n is string => !!n))];
  return names.length ? { command: `docker compose up -d ${names.join(' ')}`, cwd: projectDir } : undefined;
}

/** host:port pairs of a service address: a URL (postgres://u@h:5432/db) or a broker list (h1:9092,h2:9092). */
export function addressesOf(value: string, defaultPort: number): { host: string; port: number }[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      try {
        const url = new URL(part.includes('://') ? part : `tcp://${part}`);
        return { host: url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost', port: url.port ? Number(url.port) : defaultPort };
      } catch {
        return { host: part, port: defaultPort };
      }
    });
}

/** The compose service whose image matches, from docker-compose.yml / compose.yaml (a plain scan: no YAML parser in this bundle). */
export function composeServiceFor(projectDir: string, image: RegExp): { file: string; name: string } | undefined {
  for (const file of ['docker-compose.yml', 'docker-compose.yaml', 'compose.yaml', 'compose.yml']) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(projectDir, file), 'utf8');
    } catch {
      continue;
    }
    let inServices = false;
    let current: string | undefined;
    for (const line of text.split(/\r?\n/)) {
      if (/^\S/.test(line)) inServices = /^services:\s*(#.*)?$/.test(line);
      else if (inServices) {
        const name = /^ {2}([A-Za-z0-9._-]+):\s*(#.*)?$/.exec(line);
        if (name) current = name[1];
        const img = /^\s{4,}image:\s*["']?([^"'\s#]+)/.exec(line);
        if (img && current && image.test(img[1])) return { file, name: current };
      }
    }
  }
  return undefined;
}

/** True when something accepts a TCP connection at host:port within `ms` (IPv4 or IPv6, as the name resolves). */
export function reachable(host: string, port: number, ms = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, autoSelectFamily: true });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(ms, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The status of a GET to `url` within `ms`, or undefined without an answer. */
export async function httpStatus(url: string, ms = 3000): Promise<number | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(ms), redirect: 'manual' });
    await res.body?.cancel();
    return res.status;
  } catch {
    return undefined;
  }
}

/**
 * Probes every known service the manifest names; the problems, in manifest order. `source` says
 * where a variable came from (".env", "the environment") for the message.
 */
export async function probeServices(projectDir: string, services: readonly string[], env: NodeJS.ProcessEnv, source: (name: string) => string): Promise<ServiceProblem[]> {
  const problems: ServiceProblem[] = [];
  for (const name of services) {
    const known = KNOWN_SERVICES[name];
    if (!known) continue;
    const compose = composeServiceFor(projectDir, known.image);
    const how = compose ? `start it with \`docker compose up -d ${compose.name}\` in ${path.basename(projectDir)}` : `start ${known.title} and set ${known.env}`;
    const value = env[known.env];
    if (!value) {
      problems.push({ service: name, composeName: compose?.name, message: `${known.title} has no address: ${known.env} is not set (in .env or the environment); set it, then ${how}` });
      continue;
    }
    const addresses = addressesOf(value, known.defaultPort);
    const results = await Promise.all(addresses.map((a) => reachable(a.host, a.port)));
    const where = addresses.map((a) => `${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`).join(', ');
    if (!results.some(Boolean)) problems.push({ service: name, composeName: compose?.name, message: `${known.title} is not reachable at ${where} (${known.env} from ${source(known.env)}): ${how}` });
    else if (known.probePath) {
      const url = `${value.replace(/\/+$/, '')}${known.probePath}`;
      const status = await httpStatus(url);
      if (status !== 200) problems.push({ service: name, composeName: compose?.name, message: `${known.title} at ${where} did not answer GET ${url} with 200 (${status === undefined ? 'no answer' : `got ${status}`}; ${known.env} from ${source(known.env)}): ${how}` });
    }
  }
  return problems;
}

/** True when `command` is an executable file in one of PATH's folders. */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  return (env.PATH ?? '').split(path.delimiter).some((dir) => dir && exts.some((ext) => {
    try {
      fs.accessSync(path.join(dir, command + ext), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }));
}

/** Which of `tools` (commands the checks run) are not installed, in words; undefined when all are. */
export function missingTools(tools: readonly string[] | undefined, env: NodeJS.ProcessEnv): string | undefined {
  // Server programs (nginx, apache2) live in the sbin folders, which a user's PATH may leave out.
  const withSbin = process.platform === 'win32' ? env : { ...env, PATH: [env.PATH, '/usr/local/sbin', '/usr/sbin', '/sbin'].filter(Boolean).join(path.delimiter) };
  const missing = (tools ?? []).filter((t) => !onPath(t, withSbin));
  return missing.length ? missing.map((t) => `\`${t}\` is not installed here (not found on PATH): install it, then run the checks again`).join('\n') : undefined;
}
