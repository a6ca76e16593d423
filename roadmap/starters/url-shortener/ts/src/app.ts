import { createServer, type IncomingMessage, type Server } from 'node:http';
import { isDatabaseDown, newCode, type LinkStore } from './links.js';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Routes one request; `baseUrl` is how clients reach this service. */
export async function route(store: LinkStore, baseUrl: string, method: string, url: string, body: unknown): Promise<Reply> {
  const path = new URL(url, 'http://localhost').pathname;
  if (method === 'GET' && path === '/health') {
    try {
      await store.ping();
      return { status: 200, body: { status: 'ok' } };
    } catch {
      return { status: 503, body: { status: 'database unreachable' } };
    }
  }
  if (method === 'POST' && path === '/links') {
    const target = (body as { url?: unknown } | null)?.url;
    if (typeof target !== 'string' || target === '') return { status: 400, body: { error: "send JSON like {\"url\": \"https://example.com\"}" } };
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = newCode();
      if (await store.save(code, target)) {
        return { status: 201, body: { code, url: target, short: `${baseUrl}/${code}` }, headers: { Location: `/${code}` } };
      }
    }
    return { status: 503, body: { error: 'could not find a free code; try again' } };
  }
  const match = /^\/([0-9A-Za-z]{4,16})$/.exec(path);
  if (match && method === 'GET') {
    const target = await store.find(match[1]);
    return target ? { status: 302, headers: { Location: target } } : { status: 404, body: { error: `no link for code ${match[1]}` } };
  }
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

export function createApp(store: LinkStore, baseUrl: string): Server {
  return createServer(async (req, res) => {
    let reply: Reply;
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      body = undefined;
    }
    try {
      reply = body === undefined ? { status: 400, body: { error: 'the body must be JSON of at most 16 KiB' } } : await route(store, baseUrl, req.method ?? 'GET', req.url ?? '/', body);
    } catch (err) {
      console.error(JSON.stringify({ level: 'error', msg: 'request failed', error: String(err) }));
      // A database that is down is worth retrying later (503); anything else is a bug here (500).
      reply = isDatabaseDown(err) ? { status: 503, body: { error: 'the database is unavailable; try again shortly' } } : { status: 500, body: { error: 'something went wrong on our side' } };
    }
    res.writeHead(reply.status, { 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
}
