import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Log = (entry: Record<string, unknown>) => void;

/** One JSON line per log entry, tagged with the service's name. */
export function logger(service: string): Log {
  return (entry) => console.log(JSON.stringify({ time: new Date().toISOString(), service, ...entry }));
}

/** Reads a required environment variable, or exits saying which one is missing. */
export function required(name: string, log: Log): string {
  const value = process.env[name];
  if (!value) {
    log({ level: 'error', msg: `${name} is not set; copy .env.example to .env or export it` });
    process.exit(1);
  }
  return value;
}

/** Fails when `promise` takes longer than `ms`: a health check must answer even when a service hangs. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** 200 when every check passes, else 503 naming the ones that fail. */
export async function health(checks: Record<string, () => Promise<void>>): Promise<Reply> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await within(check(), 2000);
        return [name, 'ok'];
      } catch (err) {
        return [name, `unavailable: ${(err as Error).message}`];
      }
    }),
  );
  const failed = results.filter(([, state]) => state !== 'ok').map(([name]) => name);
  return { status: failed.length ? 503 : 200, body: { status: failed.length ? 'unavailable' : 'ok', failed, checks: Object.fromEntries(results) } };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new SyntaxError('body too large');
    chunks.push(chunk as Buffer);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
}

export type Route = (method: string, path: string, body: unknown) => Promise<Reply>;

/**
 * An HTTP server for `route`: a body that is not JSON answers 400; anything `route` throws means a
 * backing service failed (PostgreSQL, Kafka) and answers 503 with a JSON error.
 */
export function serve(route: Route, log: Log): Server {
  return createServer(async (req, res) => {
    let reply: Reply;
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      reply = await route(req.method ?? 'GET', path, await readJson(req));
    } catch (err) {
      if (err instanceof SyntaxError) {
        reply = { status: 400, body: { error: 'the body must be JSON of at most 16 KiB' } };
      } else {
        log({ level: 'error', msg: 'request failed', method: req.method, path: req.url, error: (err as Error).message });
        reply = { status: 503, body: { error: 'a service the request needs is unavailable; try again' } };
      }
    }
    res.writeHead(reply.status, { 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
}

/** Stops taking requests; in-flight ones finish (for at most 3 s), idle keep-alive connections close now. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(resolve, 3000).unref();
  });
}

/** A pg.Pool's error listener: an idle connection cut (a database restart) is logged, not fatal. */
export function onIdleError(log: Log): (err: Error) => void {
  return (err) => log({ level: 'warn', msg: 'idle database connection lost', error: err.message });
}
