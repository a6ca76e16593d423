import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Counts } from './counts.js';
import type { EventLog } from './stream.js';

export interface Deps {
  counts: Counts;
  log: EventLog;
}

export interface Reply {
  status: number;
  body?: unknown;
}

/** The largest body read: the live milestone sends batches of about 1 MB. */
export const MAX_BODY = 2 * 1024 * 1024;

/** Fails when `promise` takes longer than `ms`: a health check must answer even when a service hangs. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** 200 when PostgreSQL and Redis answer; 503 with an error naming the ones that do not. */
async function health(deps: Deps): Promise<Reply> {
  const services = { postgresql: deps.counts, redis: deps.log };
  const results = await Promise.all(
    Object.entries(services).map(async ([name, service]) => {
      try {
        await within(service.ping(), 2000);
        return [name, 'ok'];
      } catch (err) {
        return [name, `unreachable: ${(err as Error).message}`];
      }
    }),
  );
  const failed = results.filter(([, state]) => state !== 'ok').map(([name]) => name);
  const checks = Object.fromEntries(results);
  return failed.length
    ? { status: 503, body: { status: 'unavailable', error: `${failed.join(' and ')} did not answer`, failed, checks } }
    : { status: 200, body: { status: 'ok', checks } };
}

/** Routes one request. */
export async function route(deps: Deps, method: string, url: string, body: unknown): Promise<Reply> {
  const path = new URL(url, 'http://localhost').pathname;
  if (method === 'GET' && path === '/health') return health(deps);
  // Milestone "ingest": POST /events (validate the batch, XADD it to the stream, answer 202) and
  // GET /stats?type=...; milestone "aggregate": GET /aggregates?type=...&from=...&to=...
  return { status: 404, body: { error: `no route for ${method} ${path}` } };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new SyntaxError('body too large');
    chunks.push(chunk as Buffer);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
}

export function createApp(deps: Deps, log: (entry: Record<string, unknown>) => void = () => {}): Server {
  return createServer(async (req, res) => {
    // Milestone "live": GET /live keeps `res` open as a text/event-stream, here, before the body is read.
    let reply: Reply;
    try {
      reply = await route(deps, req.method ?? 'GET', req.url ?? '/', await readJson(req));
    } catch (err) {
      if (err instanceof SyntaxError) {
        reply = { status: 400, body: { error: 'the body must be JSON of at most 2 MiB' } };
      } else {
        log({ level: 'error', msg: 'request failed', method: req.method, path: req.url, error: (err as Error).message });
        reply = { status: 503, body: { error: 'a service the request needs is unavailable; try again' } };
      }
    }
    res.writeHead(reply.status, { 'Content-Type': 'application/json' });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
}
