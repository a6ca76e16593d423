import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Buckets } from './buckets.js';
import type { Config } from './config.js';

export interface Deps {
  config: Config;
  buckets: Buckets;
}

type Log = (entry: Record<string, unknown>) => void;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Fails when `promise` takes longer than `ms`: a health check must answer even when Redis hangs. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Handles one request: /health here, everything under /api/ is the gateway's job. */
export async function handle(deps: Deps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway');
  if (req.method === 'GET' && url.pathname === '/health') {
    await within(deps.buckets.ping(), 2000);
    return json(res, 200, { status: 'ok' });
  }
  const api = /^\/api\/([^/]+)(\/.*)?$/.exec(url.pathname);
  if (api) {
    // Milestone 3 (auth): answer 401 here unless X-API-Key is one of config.apiKeys or the
    //   Authorization: Bearer token is an HS256 JWT signed with config.jwtSecret that has not expired.
    // Milestone 4 (limits): take a token from the caller's bucket in Redis; 429 with Retry-After when empty.
    // Milestone 2 (routing): find api[1] in config.upstreams (404 when it is not there) and forward
    //   the request to it as api[2] + url.search, with its method, headers and body; send the
    //   upstream's status, headers and body back (502 when the upstream does not answer).
    return json(res, 404, { error: `no upstream for ${url.pathname} yet: forwarding is the routing milestone` });
  }
  return json(res, 404, { error: `no route for ${req.method} ${url.pathname}` });
}

export function createApp(deps: Deps, log: Log = () => {}): Server {
  return createServer((req, res) => {
    handle(deps, req, res).catch((err: Error) => {
      // Redis down or slow: the gateway cannot judge the request, so it says so instead of crashing.
      log({ level: 'error', msg: 'request failed', method: req.method, path: req.url, error: err.message });
      if (res.headersSent) return void res.destroy();
      json(res, 503, { error: 'a service the gateway needs (Redis) is unavailable; try again' });
    });
  });
}
