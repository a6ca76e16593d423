import { createServer, type IncomingMessage, type Server } from 'node:http';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Context } from './schema.js';
import { DatabaseUnavailable, type Store } from './store.js';

export interface Reply {
  status: number;
  body: unknown;
}

const UNAVAILABLE: Reply = { status: 503, body: { error: 'the database is unavailable; try again later' } };

/** A database failure anywhere in the result answers 503; every other error stays in "errors" (200). */
function reply(result: ExecutionResult): Reply {
  if (result.errors?.some((e) => e.originalError instanceof DatabaseUnavailable)) return UNAVAILABLE;
  return { status: 200, body: result };
}

/** The context of one operation; a request's shared things (a batch loader) go here. */
export function contextFor(store: Store): Context {
  return { store };
}

/** Answers one HTTP request: /health, and GraphQL over POST /graphql. */
export async function route(schema: GraphQLSchema, store: Store, method: string, url: string, body: unknown): Promise<Reply> {
  const { pathname: path } = new URL(url, 'http://localhost');
  if (method === 'GET' && path === '/health') {
    try {
      await store.ping();
      return { status: 200, body: { status: 'ok' } };
    } catch {
      return UNAVAILABLE;
    }
  }
  if (method === 'POST' && path === '/graphql') {
    const { query, variables } = (body ?? {}) as { query?: unknown; variables?: unknown };
    if (typeof query !== 'string') return { status: 400, body: { error: "the body must be JSON with a 'query' string" } };
    const result = await graphql({ schema, source: query, variableValues: variables as Record<string, unknown> | undefined, contextValue: contextFor(store) });
    return reply(result);
  }
  return { status: 404, body: { error: `no route for ${method} ${path}` } };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('the body must be at most 64 KiB');
    chunks.push(chunk as Buffer);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
}

/** The HTTP server, with GraphQL subscriptions over WebSocket (graphql-ws) on the same /graphql path. */
export function createApp(schema: GraphQLSchema, store: Store): Server {
  const server = createServer(async (req, res) => {
    let out: Reply;
    try {
      out = await route(schema, store, req.method ?? 'GET', req.url ?? '/', await readJson(req));
    } catch (err) {
      out = { status: 400, body: { error: err instanceof SyntaxError ? 'the body must be JSON' : String((err as Error).message) } };
    }
    res.writeHead(out.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(out.body));
  });
  const wss = new WebSocketServer({ server, path: '/graphql' });
  useServer({ schema, context: () => contextFor(store) }, wss);
  return server;
}
