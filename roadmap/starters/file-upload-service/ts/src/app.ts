import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Config } from './config.js';
import type { FileStore } from './storage.js';

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Routes one request. Uploads are streams, so routes get the request itself, not a parsed body. */
export async function handle(store: FileStore, config: Config, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const method = req.method ?? 'GET';
  if (method === 'GET' && path === '/health') {
    try {
      await store.ping();
      return reply(res, 200, { status: 'ok' });
    } catch (err) {
      return reply(res, 503, { error: `the object store is unreachable: ${(err as Error).message}` });
    }
  }
  // Upload milestone: POST /files reads the multipart/form-data body (busboy is installed), streams the
  // "file" field to the store under an id you make, and answers 201 with {"id", "size"}; files over
  // config.maxUploadBytes answer 413. Content checks milestone: look at the first bytes (415).
  // Signed links milestone: GET /files/{id} answers 200 with {"url"}, a link signed for
  // config.signedUrlSeconds seconds, or 404.
  void config;
  return reply(res, 404, { error: `no route for ${method} ${path}` });
}

export function createApp(store: FileStore, config: Config): Server {
  return createServer((req, res) => {
    handle(store, config, req, res).catch((err: Error) => {
      // A store that fails mid-request is the machine's state, not the client's mistake: 503.
      if (!res.headersSent) reply(res, 503, { error: `the object store failed: ${err.message}` });
      else res.destroy();
    });
  });
}
