import { createServer, type IncomingMessage, type Server } from 'node:http';
import { StoreUnavailable, type Store } from './store.js';

export interface Deps {
  store: Store;
}

export interface Request {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
}

const error = (status: number, message: string): Reply => ({ status, body: { error: message } });

/** Routes one request; testable without a socket. */
export async function route(deps: Deps, req: Request): Promise<Reply> {
  const path = new URL(req.url, 'http://localhost').pathname;
  const { method } = req;
  if (method === 'GET' && path === '/health') {
    try {
      await deps.store.ping();
      return { status: 200, body: { status: 'ok' } };
    } catch {
      return error(503, 'database unreachable');
    }
  }
  const account = /^\/accounts\/([^/]+)$/.exec(path);
  if (method === 'GET' && account) {
    const id = decodeURIComponent(account[1]);
    return { status: 200, body: { id, balance: await deps.store.balance(id) } };
  }
  // enqueue milestone: POST /jobs (202 with the new job's id) and GET /jobs/{id}.
  // retries milestone: GET /dead-letters. idempotent milestone: the Idempotency-Key header of POST /jobs.
  return error(404, `no route for ${method} ${path}`);
}

/** route() with its failures answered: 503 when the database does not answer, 500 for anything else. */
export async function respond(deps: Deps, req: Request): Promise<Reply> {
  try {
    return await route(deps, req);
  } catch (err) {
    console.error(JSON.stringify({ level: 'error', msg: 'request failed', error: String(err) }));
    return err instanceof StoreUnavailable ? error(503, 'the database is unavailable, try again later') : error(500, 'something went wrong on our side');
  }
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

export function createApp(deps: Deps): Server {
  return createServer(async (req, res) => {
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      body = undefined;
    }
    const reply = body === undefined ? error(400, 'the body must be JSON of at most 16 KiB') : await respond(deps, { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
    res.writeHead(reply.status, { 'Content-Type': 'application/json' });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
}
