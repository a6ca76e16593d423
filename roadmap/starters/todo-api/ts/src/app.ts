import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Store } from './store.js';

export interface Reply {
  status: number;
  body?: unknown;
}

/** Routes one request. `body` is the parsed JSON body, or undefined when there is none. */
export async function route(store: Store, method: string, url: string, body: unknown): Promise<Reply> {
  const path = new URL(url, 'http://localhost').pathname;
  if (method === 'GET' && path === '/health') {
    try {
      await store.ping();
      return { status: 200, body: { status: 'ok' } };
    } catch {
      return { status: 503, body: { error: 'the database is unreachable' } };
    }
  }
  // Items milestone: POST /items, GET /items, PATCH /items/{id} and DELETE /items/{id} go here.
  // Validation milestone: check the title and done of `body` before they reach the store.
  void body;
  return { status: 404, body: { error: `no route for ${method} ${path}` } };
}

class BadJson extends Error {}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new BadJson('the body is over 16 KiB');
    chunks.push(chunk as Buffer);
  }
  if (!chunks.length) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadJson('the body is not valid JSON');
  }
}

/** The HTTP server around `handle` (the router above; tests pass one that fails). */
export function createApp(store: Store, handle: typeof route = route): Server {
  return createServer(async (req, res) => {
    let reply: Reply;
    try {
      reply = await handle(store, req.method ?? 'GET', req.url ?? '/', await readJson(req));
    } catch (err) {
      if (err instanceof BadJson) {
        reply = { status: 400, body: { error: err.message } };
      } else {
        // Anything else a route throws comes from the database: say so with 503 instead of crashing.
        console.error(JSON.stringify({ level: 'error', msg: 'database error', error: String(err) }));
        reply = { status: 503, body: { error: 'the database is unavailable; try again later' } };
      }
    }
    res.writeHead(reply.status, reply.body === undefined ? {} : { 'Content-Type': 'application/json' });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
}
