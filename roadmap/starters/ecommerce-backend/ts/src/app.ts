import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { NewProduct, Store } from './store.js';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Request {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** The product in the body, or why it is not one. */
function readProduct(body: unknown): NewProduct | string {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.name !== 'string' || b.name.trim() === '') return 'name must be non-empty text';
  if (!isCount(b.priceCents)) return 'priceCents must be a whole number of cents, 0 or more';
  if (!isCount(b.stock)) return 'stock must be a whole number, 0 or more';
  return { name: b.name, priceCents: b.priceCents, stock: b.stock };
}

/** Routes one request. A store error is not caught here: createApp answers it with 503. */
export async function route(store: Store, req: Request): Promise<Reply> {
  const { method, path } = req;
  if (method === 'GET' && path === '/health') {
    await store.ping();
    return { status: 200, body: { status: 'ok' } };
  }
  if (method === 'POST' && path === '/products') {
    const product = readProduct(req.body);
    if (typeof product === 'string') return { status: 400, body: { error: product } };
    return { status: 201, body: await store.createProduct(product) };
  }
  if (method === 'GET' && path === '/products') return { status: 200, body: await store.listProducts() };
  const product = /^\/products\/([^/]+)$/.exec(path);
  if (method === 'GET' && product) {
    const found = await store.findProduct(decodeURIComponent(product[1]));
    return found ? { status: 200, body: found } : { status: 404, body: { error: `no product ${product[1]}` } };
  }
  // Catalog milestone: POST /carts, POST /carts/{id}/items, GET /carts/{id}.
  // Orders milestone: POST /carts/{id}/checkout, GET /orders/{id}.
  // Payments milestone: POST /orders/{id}/payments with an Idempotency-Key header.
  return { status: 404, body: { error: `no route for ${method} ${path}` } };
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

/** Answers one request: 400 for a body that is not JSON, 503 when the database fails. */
export async function answer(store: Store, method: string, url: string, headers: IncomingHttpHeaders, read: () => Promise<unknown>): Promise<Reply> {
  let body: unknown;
  try {
    body = await read();
  } catch {
    return { status: 400, body: { error: 'the body must be JSON of at most 16 KiB' } };
  }
  try {
    return await route(store, { method, path: new URL(url, 'http://localhost').pathname, headers, body });
  } catch (err) {
    console.error(JSON.stringify({ level: 'error', msg: 'database error', error: String(err) }));
    return { status: 503, body: { error: 'the database is unavailable; try again shortly' } };
  }
}

export function createApp(store: Store): Server {
  return createServer(async (req, res) => {
    const reply = await answer(store, req.method ?? 'GET', req.url ?? '/', req.headers, () => readJson(req));
    res.writeHead(reply.status, { 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
}
