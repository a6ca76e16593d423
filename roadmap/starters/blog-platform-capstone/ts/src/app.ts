import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Cache } from './cache.js';
import type { Store } from './store.js';

export interface Deps {
  store: Store;
  cache: Cache;
  /** Signs and checks login tokens (auth.ts). */
  jwtSecret: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Fails when `promise` takes longer than `ms`: a health check must answer even when a service hangs. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** 200 when PostgreSQL and Redis both answer; 503 naming the ones that do not. */
async function health(deps: Deps): Promise<Reply> {
  const services = { postgresql: deps.store, redis: deps.cache };
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
  return failed.length ? { status: 503, body: { status: 'unavailable', failed, checks } } : { status: 200, body: { status: 'ok', checks } };
}

/** Routes one request. `headers` are the request's (lower-case names). */
export async function route(deps: Deps, method: string, url: string, body: unknown, headers: Record<string, string | undefined> = {}): Promise<Reply> {
  const path = new URL(url, 'http://localhost').pathname;
  void headers; // Milestone "features": read the Authorization: Bearer <token> header (auth.ts verifyToken).
  if (method === 'GET' && path === '/health') return health(deps);
  // Milestone "performance": serve this list from Redis; every write of a post drops it.
  if (method === 'GET' && path === '/posts') return { status: 200, body: await deps.store.listPosts() };
  // Milestone "features": POST /users, POST /login, POST /posts, GET/PATCH/DELETE /posts/{id},
  // POST and GET /posts/{id}/comments.
  return { status: 404, body: { error: `no route for ${method} ${path}` } };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new SyntaxError('body too large');
    chunks.push(chunk as Buffer);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
}

export function createApp(deps: Deps, log: (entry: Record<string, unknown>) => void = () => {}): Server {
  return createServer(async (req, res) => {
    // Milestone "deployed": behind your TLS front, X-Forwarded-Proto says how the visitor came.
    // Redirect plain http to https:// (301 or 308) and send Strict-Transport-Security over https.
    let reply: Reply;
    try {
      reply = await route(deps, req.method ?? 'GET', req.url ?? '/', await readJson(req), req.headers as Record<string, string | undefined>);
    } catch (err) {
      if (err instanceof SyntaxError) {
        reply = { status: 400, body: { error: 'the body must be JSON of at most 64 KiB' } };
      } else {
        // PostgreSQL or Redis failed under the request: the service, not the request, is at fault.
        log({ level: 'error', msg: 'request failed', method: req.method, path: req.url, error: (err as Error).message });
        reply = { status: 503, body: { error: 'a service the request needs is unavailable; try again' } };
      }
    }
    res.writeHead(reply.status, { 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
}
