import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface Item {
  id: number;
  name: string;
}

/** The one resource this starter does end to end: items, kept in memory. */
export class ItemStore {
  private readonly items = new Map<number, Item>();
  private nextId = 1;

  create(name: string): Item {
    const item = { id: this.nextId++, name };
    this.items.set(item.id, item);
    return item;
  }

  get(id: number): Item | undefined {
    return this.items.get(id);
  }

  list(): Item[] {
    return [...this.items.values()];
  }
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Routes one request. Pure enough to unit-test without a socket. */
export function route(store: ItemStore, method: string, url: string, body: unknown): Reply {
  const path = new URL(url, 'http://localhost').pathname;
  if (method === 'GET' && path === '/health') return { status: 200, body: { status: 'ok' } };
  if (path === '/items' && method === 'GET') return { status: 200, body: store.list() };
  if (path === '/items' && method === 'POST') {
    const name = (body as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100) return { status: 400, body: { error: "'name' must be a string of 1 to 100 characters" } };
    const item = store.create(name.trim());
    return { status: 201, body: item, headers: { Location: `/items/${item.id}` } };
  }
  const match = /^\/items\/(\d+)$/.exec(path);
  if (match && method === 'GET') {
    const item = store.get(Number(match[1]));
    return item ? { status: 200, body: item } : { status: 404, body: { error: `no item ${match[1]}` } };
  }
  return { status: 404, body: { error: `no route for ${method} ${path}` } };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  if (chunks.length === 0) return null;
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function createApp(store = new ItemStore()): Server {
  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let reply: Reply;
    try {
      reply = route(store, req.method ?? 'GET', req.url ?? '/', await readJson(req));
    } catch {
      reply = { status: 400, body: { error: 'the body must be JSON of at most 64 KiB' } };
    }
    res.writeHead(reply.status, { 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
    res.end(JSON.stringify(reply.body ?? null));
  });
}
