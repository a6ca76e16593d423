import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { Config } from './config.js';
import { DatabaseError, type Store } from './store.js';

export interface Deps {
  store: Store;
  config: Config;
}

export interface Request {
  method: string;
  url: string;
  /** Cookie is the one the milestones need. */
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string | string[]>;
}

const error = (status: number, message: string, headers?: Record<string, string>): Reply => ({ status, body: { error: message }, headers });

/** Routes one request; testable without a socket. */
export async function route(deps: Deps, req: Request): Promise<Reply> {
  const path = new URL(req.url, 'http://localhost').pathname;
  const { method } = req;
  if (method === 'GET' && path === '/health') {
    await deps.store.ping();
    return { status: 200, body: { status: 'ok' } };
  }
  // Single sign-on milestone: GET /login redirects to the provider (openid-client is installed:
  // discovery, PKCE with S256, state and nonce), GET /callback verifies the ID token and starts a
  // session whose tenant is the token's `tenant` claim, GET /me answers who is signed in.
  // Tenants milestone: /notes and /notes/{id} for the signed-in user's tenant only (store.ts).
  // Quotas milestone: count each tenant's requests to /notes and its notes (deps.config).
  return error(404, `no route for ${method} ${path}`);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
}

/** The reply for an error thrown while routing: 503 when PostgreSQL failed, else 500. */
export function failure(err: unknown): Reply {
  if (err instanceof DatabaseError) return error(503, 'the database is unavailable; try again shortly', { 'Retry-After': '5' });
  console.error(JSON.stringify({ level: 'error', msg: 'request failed', error: String(err) }));
  return error(500, 'something went wrong on our side');
}

export function createApp(deps: Deps): Server {
  return createServer(async (req, res) => {
    let reply: Reply;
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      body = undefined;
    }
    try {
      reply = body === undefined ? error(400, 'the body must be JSON of at most 16 KiB') : await route(deps, { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
    } catch (err) {
      reply = failure(err);
    }
    res.writeHead(reply.status, { 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
}
