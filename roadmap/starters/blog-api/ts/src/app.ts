import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { PostStore } from './posts.js';

export interface Reply {
  status: number;
  body?: unknown;
}

/** A request the client got wrong: the route answers 400 with its message. */
class BadRequest extends Error {}

/** A non-empty string field of the body, or a BadRequest naming it. */
function text(body: unknown, field: string): string {
  const value = (body as Record<string, unknown> | null)?.[field];
  if (typeof value !== 'string' || value === '') throw new BadRequest(`'${field}' must be a non-empty string`);
  return value;
}

/** A post id from the path: digits only and within PostgreSQL's bigint, else no post can have it. */
function postId(raw: string): number | undefined {
  const id = Number(raw);
  return /^\d{1,15}$/.test(raw) && id > 0 ? id : undefined;
}

/** Routes one request. A store error is not caught here: the server answers it with 503. */
export async function route(store: PostStore, method: string, url: string, body: unknown): Promise<Reply> {
  const { pathname: path } = new URL(url, 'http://localhost');
  if (method === 'GET' && path === '/health') {
    await store.ping();
    return { status: 200, body: { status: 'ok' } };
  }
  if (method === 'POST' && path === '/posts') {
    return { status: 201, body: await store.create(text(body, 'title'), text(body, 'body')) };
  }
  // Milestone "posts": GET /posts (newest first, limit and cursor) goes here.
  // Milestone "search": GET /posts?q=... too.
  const one = /^\/posts\/([^/]+)$/.exec(path);
  if (one && method === 'GET') {
    const id = postId(one[1]);
    const post = id === undefined ? undefined : await store.find(id);
    return post ? { status: 200, body: post } : { status: 404, body: { error: `no post with id ${one[1]}` } };
  }
  // Milestone "posts": PATCH and DELETE /posts/{id}.
  // Milestone "comments": POST and GET /posts/{id}/comments, GET /comments/{id}.
  return { status: 404, body: { error: `no route for ${method} ${path}` } };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new BadRequest('the body must be at most 64 KiB');
    chunks.push(chunk as Buffer);
  }
  if (!chunks.length) return null;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('the body must be JSON');
  }
}

/** 400 for the client's mistakes; any other error comes from the database: 503, never a crash. */
export async function answer(store: PostStore, method: string, url: string, read: () => Promise<unknown>): Promise<Reply> {
  try {
    return await route(store, method, url, await read());
  } catch (err) {
    if (err instanceof BadRequest) return { status: 400, body: { error: err.message } };
    console.error(JSON.stringify({ level: 'error', msg: 'database error', error: String(err) }));
    return { status: 503, body: { error: 'the database is unavailable; try again later' } };
  }
}

export function createApp(store: PostStore): Server {
  return createServer(async (req, res) => {
    const reply = await answer(store, req.method ?? 'GET', req.url ?? '/', () => readJson(req));
    res.writeHead(reply.status, reply.body === undefined ? {} : { 'Content-Type': 'application/json' });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
}
