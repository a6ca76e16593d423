/**
 * Upstream services a check file declares (`upstreams:`): small HTTP servers the runner starts on
 * free loopback ports before the learner's server (a gateway) and stops with the run. Each answers
 * every request with 200 and, as JSON, what it received (method, path, query, headers, body), and
 * keeps that list, so a step can ask what reached it and what did not. The gateway learns their
 * addresses from one environment variable: `name=http://127.0.0.1:port` pairs joined by commas.
 * A name listed under `down` gets a port where nothing listens (an upstream that is down).
 * Deterministic and pure Node, no `vscode`.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { Fields } from '../roadmap/fields';
import type { Parser } from './parser';

export interface UpstreamsSpec {
  /** The environment variable that gets the addresses. */
  env: string;
  running: string[];
  down: string[];
}

/** What an upstream received, as it answers it. */
export interface Received {
  upstream: string;
  method: string;
  /** The path without the query string. */
  path: string;
  /** The query string's parameters; a repeated one keeps its last value. */
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

const NAME = /^[a-z][a-z0-9-]*$/;
const ENV = /^[A-Z_][A-Z0-9_]*$/;

/** Reads `upstreams:` of a check file; undefined when the file has none or it is wrong (then `p` has the problem). */
export function parseUpstreams(p: Parser, raw: Fields): UpstreamsSpec | undefined {
  if (raw.upstreams === undefined) return undefined;
  const what = "'upstreams' of the check file";
  const body = p.mapping(raw, 'upstreams', 'the check file', ['env', 'running', 'down']);
  if (!body) return undefined;
  const env = p.string(body, 'env', what, 'add the environment variable that gets the upstreams\' addresses, such as UPSTREAMS');
  if (env !== undefined && !ENV.test(env)) p.fail(body, 'env', `'${env}' is not an environment variable name (capitals, digits and _)`);
  if (env === 'PORT') p.fail(body, 'env', 'PORT is chosen by the runner; name another variable');
  const running = p.strings(body, 'running', what);
  const down = p.strings(body, 'down', what);
  if (!running.length) p.fail(body, 'running', `${what} needs at least one name under 'running'`);
  const seen = new Set<string>();
  for (const name of [...running, ...down]) {
    if (!NAME.test(name)) p.fail(body, undefined, `'${name}' is not an upstream name (lowercase letters, digits and -)`);
    if (seen.has(name)) p.fail(body, undefined, `the upstream '${name}' is listed twice`);
    seen.add(name);
  }
  return env && ENV.test(env) && env !== 'PORT' && running.length ? { env, running, down } : undefined;
}

function headersOf(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    out[name] = name in out ? `${out[name]}, ${req.rawHeaders[i + 1]}` : req.rawHeaders[i + 1];
  }
  return out;
}

/** One echoing upstream. */
class EchoServer {
  readonly received: Received[] = [];
  private readonly server: http.Server;

  constructor(readonly name: string) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://upstream');
        const got: Received = {
          upstream: name,
          method: req.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: headersOf(req),
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.received.push(got);
        const text = JSON.stringify(got);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-upstream': name });
        res.end(text);
      });
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on: bound, then let go (as the runner picks the server's port). */
function closedPort(): Promise<number> {
  const s = http.createServer();
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The running upstreams of one verify run. */
export class Upstreams {
  private constructor(
    readonly spec: UpstreamsSpec,
    private readonly servers: Map<string, EchoServer>,
    /** Name to address, the down ones included. */
    readonly addresses: Map<string, string>,
  ) {}

  static async start(spec: UpstreamsSpec): Promise<Upstreams> {
    const servers = new Map<string, EchoServer>();
    const addresses = new Map<string, string>();
    try {
      for (const name of spec.running) {
        const server = new EchoServer(name);
        servers.set(name, server);
        addresses.set(name, `http://127.0.0.1:${await server.listen()}`);
      }
      for (const name of spec.down) addresses.set(name, `http://127.0.0.1:${await closedPort()}`);
    } catch (err) {
      await Promise.all([...servers.values()].map((s) => s.close()));
      throw err;
    }
    return new Upstreams(spec, servers, addresses);
  }

  /** The variables the gateway gets: the one the spec names, `users=http://127.0.0.1:p1,...`. */
  env(): Record<string, string> {
    return { [this.spec.env]: [...this.addresses].map(([name, url]) => `${name}=${url}`).join(',') };
  }

  /** What `name` received so far, in order; undefined for a name that is not running. */
  received(name: string): readonly Received[] | undefined {
    return this.servers.get(name)?.received;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.servers.values()].map((s) => s.close()));
  }
}
