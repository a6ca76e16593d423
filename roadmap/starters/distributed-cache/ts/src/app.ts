import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Config } from './config.js';
import { Store } from './store.js';

export interface Reply {
  status: number;
  body?: unknown;
}

export interface Node {
  config: Config;
  store: Store;
}

export function createNode(config: Config): Node {
  return { config, store: new Store(config.maxKeys) };
}

/** Routes one request. Async because a cluster node calls its peers (peers.ts). */
export async function route(node: Node, method: string, url: string, body: unknown): Promise<Reply> {
  const path = new URL(url, 'http://localhost').pathname;
  if (method === 'GET' && path === '/health') return { status: 200, body: { status: 'ok' } };

  // Milestone "GET and SET with TTL": the PUT body's "ttl" (seconds), then store.ts.
  // Milestone "Consistent hashing": GET /keys, and send each key to the node that owns it on a ring
  // built from NODE_ID names (config.nodes); peers.ts makes the calls between nodes.
  // Milestone "Replication": keep each key on two nodes and read from the next one when one is down.
  const match = /^\/cache\/([^/]+)$/.exec(path);
  if (match && method === 'PUT') {
    const key = decodeURIComponent(match[1]);
    const value = (body as { value?: unknown } | null)?.value;
    if (typeof value !== 'string') return { status: 400, body: { error: "the body must be JSON with a text 'value'" } };
    node.store.set(key, value);
    return { status: 200, body: { key, value } };
  }
  if (match && method === 'GET') {
    const key = decodeURIComponent(match[1]);
    const value = node.store.get(key);
    return value === undefined ? { status: 404, body: { error: `no key '${key}'` } } : { status: 200, body: { key, value } };
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

export function createApp(node: Node): Server {
  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let reply: Reply;
    try {
      reply = await route(node, req.method ?? 'GET', req.url ?? '/', await readJson(req));
    } catch {
      reply = { status: 400, body: { error: 'the body must be JSON of at most 64 KiB' } };
    }
    res.writeHead(reply.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(reply.body ?? null));
  });
}
