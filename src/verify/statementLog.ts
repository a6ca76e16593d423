/**
 * The SQL statement log a check file asks for (`statementLog: true`): a small PostgreSQL
 * wire-protocol proxy the runner puts in front of DATABASE_URL, so the learner's server talks to
 * its database through it and the `statements` step can count what one request made the server
 * send. The server cannot fake the count: it is read off the bytes on their way to PostgreSQL, not
 * asked of the server. Each simple Query ('Q') and each extended-protocol Execute ('E') counts as
 * one statement; an SSLRequest or GSSENCRequest is answered 'N' (no encryption: a loopback hop),
 * and everything else is forwarded unchanged in both directions. A statement is counted in the same
 * turn that forwards it, before PostgreSQL can answer it, so every statement a request waited for
 * is counted by the time its answer arrives. Pure Node, no `vscode`.
 */
import * as net from 'net';
import type { Fields } from '../roadmap/fields';
import type { Parser } from './parser';

/** The variable the proxy stands in for; the manifest's `postgresql` service reads it too. */
export const STATEMENT_LOG_ENV = 'DATABASE_URL';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/** Reads `statementLog:` of a check file: true asks for the proxy; false or absent, none. */
export function parseStatementLog(p: Parser, raw: Fields): boolean | undefined {
  if (raw.statementLog === undefined) return undefined;
  return p.boolean(raw, 'statementLog', 'the check file');
}

/** One client connection's reading of what it sends: the startup phase, then typed messages. */
class ClientStream {
  private buffer = Buffer.alloc(0);
  private started = false;
  /** Prepared statement and portal names to their SQL text, for the log's words. */
  private readonly prepared = new Map<string, string>();
  private readonly portals = new Map<string, string>();

  constructor(
    private readonly reply: (bytes: Buffer) => void,
    private readonly counted: (sql: string) => void,
  ) {}

  /** Takes bytes from the client; returns what to forward to PostgreSQL. */
  take(chunk: Buffer): Buffer {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const forward: Buffer[] = [];
    for (;;) {
      const header = this.started ? 5 : 8;
      if (this.buffer.length < header) break;
      const length = this.started ? this.buffer.readInt32BE(1) + 1 : this.buffer.readInt32BE(0);
      if (this.buffer.length < length) break;
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (!this.started) {
        const code = message.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.reply(Buffer.from('N'));
          continue;
        }
        this.started = true;
      } else this.read(message);
      forward.push(message);
    }
    return Buffer.concat(forward);
  }

  private read(message: Buffer): void {
    const type = String.fromCharCode(message[0]);
    const body = message.subarray(5);
    const strings = () => body.toString('utf8').split('\0');
    if (type === 'Q') this.counted(strings()[0]);
    else if (type === 'P') {
      const [name, sql] = strings();
      this.prepared.set(name, sql);
    } else if (type === 'B') {
      const [portal, statement] = strings();
      this.portals.set(portal, this.prepared.get(statement) ?? '(a prepared statement)');
    } else if (type === 'E') this.counted(this.portals.get(strings()[0]) ?? '(a portal)');
  }
}

/** The running proxy: its address for the server and the statements counted since the last reset. */
export class StatementLog {
  private statements: string[] = [];
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    /** The server's DATABASE_URL, pointing at the proxy. */
    readonly url: string,
  ) {}

  /**
   * Starts the proxy in front of `databaseUrl` when PostgreSQL answers there; undefined when the
   * URL is missing or nothing listens, so the services probe reports the real address instead.
   */
  static async start(databaseUrl: string | undefined): Promise<StatementLog | undefined> {
    if (!databaseUrl) return undefined;
    let target: URL;
    try {
      target = new URL(databaseUrl);
    } catch {
      return undefined;
    }
    const host = target.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
    const port = Number(target.port || 5432);
    if (!(await reachable(host, port))) return undefined;
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxied = new URL(databaseUrl);
    proxied.hostname = '127.0.0.1';
    proxied.port = String((server.address() as net.AddressInfo).port);
    const log = new StatementLog(server, proxied.toString());
    server.on('connection', (client) => log.relay(client, host, port));
    return log;
  }

  /** Forgets what was counted, before the request whose statements a step counts. */
  reset(): void {
    this.statements = [];
  }

  /** The SQL of every statement since the last reset, in order. */
  get counted(): readonly string[] {
    return this.statements;
  }

  private relay(client: net.Socket, host: string, port: number): void {
    const upstream = net.connect(port, host);
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => undefined);
    }
    const stream = new ClientStream(
      (bytes) => client.write(bytes),
      (sql) => this.statements.push(sql),
    );
    client.on('data', (chunk) => {
      const forward = stream.take(chunk);
      if (forward.length) upstream.write(forward);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, host);
    const done = (ok: boolean) => (s.destroy(), resolve(ok));
    s.setTimeout(2000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}
