import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Cache } from './cache.js';
import type { Events } from './events.js';
import { ID_PATTERN, type ItemStore } from './items.js';

export interface Deps {
  store: ItemStore;
  cache: Cache;
  events: Events;
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

/** 200 when PostgreSQL, Redis and Kafka all answer; 503 naming the ones that do not. */
async function health(deps: Deps): Promise<Reply> {
  const services = { postgresql: deps.store, redis: deps.cache, kafka: deps.events };
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

function validName(body: unknown): string | undefined {
  const name = (body as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.trim() !== '' && name.length <= 200 ? name : undefined;
}

/** Routes one request. */
export async function route(deps: Deps, method: string, url: string, body: unknown): Promise<Reply> {
  const path = new URL(url, 'http://localhost').pathname;
  if (method === 'GET' && path === '/health') return health(deps);
  if (method === 'POST' && path === '/items') {
    const name = validName(body);
    if (name === undefined) return { status: 400, body: { error: 'send JSON like {"name": "a name"} (1 to 200 characters)' } };
    const item = await deps.store.create(name);
    return { status: 201, body: item, headers: { Location: `/items/${item.id}` } };
  }
  const match = /^\/items\/([^/]+)$/.exec(path);
  if (match && method === 'GET') {
    const item = ID_PATTERN.test(match[1]) ? await deps.store.find(match[1]) : undefined;
    return item ? { status: 200, body: item } : { status: 404, body: { error: `no item ${match[1]}` } };
  }
  return { status: 404, body: { error: `no route for ${method} ${path}` } };
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

export function createApp(deps: Deps, log: (entry: Record<string, unknown>) => void = () => {}): Server {
  return createServer(async (req, res) => {
    let reply: Reply;
    try {
      reply = await route(deps, req.method ?? 'GET', req.url ?? '/', await readJson(req));
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
