import { createServer, type IncomingMessage, type Server } from 'node:http';
import { hashPassword, signToken, verifyPassword, verifyToken } from './auth.js';
import { isDatabaseDown, type Store } from './store.js';

export interface Deps {
  store: Store;
  jwtSecret: string;
}

export interface Request {
  method: string;
  url: string;
  /** The Authorization header, if any. */
  authorization?: string;
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const error = (status: number, message: string, headers?: Record<string, string>): Reply => ({ status, body: { error: message }, headers });

/** The caller's user id from "Authorization: Bearer <token>", or undefined. */
async function authenticate(deps: Deps, authorization: string | undefined): Promise<number | undefined> {
  const match = /^Bearer (\S+)$/i.exec(authorization ?? '');
  return match ? verifyToken(match[1], deps.jwtSecret) : undefined;
}

function credentials(body: unknown): { email: string; password: string } | undefined {
  const { email, password } = (body ?? {}) as { email?: unknown; password?: unknown };
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email.trim()) || typeof password !== 'string') return undefined;
  return { email: email.trim().toLowerCase(), password };
}

/** Routes one request; testable without a socket. */
export async function route(deps: Deps, req: Request): Promise<Reply> {
  const path = new URL(req.url, 'http://localhost').pathname;
  const { method, body } = req;
  if (method === 'GET' && path === '/health') {
    try {
      await deps.store.ping();
      return { status: 200, body: { status: 'ok' } };
    } catch {
      return { status: 503, body: { status: 'database unreachable' } };
    }
  }
  if (method === 'POST' && path === '/auth/register') {
    const given = credentials(body);
    if (!given || given.password.length < 8) return error(400, 'send JSON like {"email": "you@example.com", "password": "at least 8 characters"}');
    const user = await deps.store.createUser(given.email, await hashPassword(given.password));
    return user ? { status: 201, body: { id: user.id, email: user.email } } : error(409, 'that email is already registered');
  }
  if (method === 'POST' && path === '/auth/login') {
    const given = credentials(body);
    const user = given && (await deps.store.findUserByEmail(given.email));
    // The same answer for an unknown email and a wrong password: no hint which emails exist.
    if (!given || !user || !(await verifyPassword(given.password, user.passwordHash))) return error(401, 'wrong email or password');
    return { status: 200, body: { token: await signToken(user.id, deps.jwtSecret) } };
  }
  if (path === '/tasks' || path.startsWith('/tasks/')) {
    const userId = await authenticate(deps, req.authorization);
    if (userId === undefined) return error(401, 'send Authorization: Bearer <token>, with a token from POST /auth/login', { 'WWW-Authenticate': 'Bearer' });
    if (method === 'POST' && path === '/tasks') {
      const title = (body as { title?: unknown } | null)?.title;
      if (typeof title !== 'string' || title === '') return error(400, 'send JSON like {"title": "Write the README"}');
      const task = await deps.store.createTask(userId, title);
      return { status: 201, body: task, headers: { Location: `/tasks/${task.id}` } };
    }
    if (method === 'GET' && path === '/tasks') return { status: 200, body: await deps.store.listTasks(userId) };
  }
  return error(404, `no route for ${method} ${path}`);
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
    let reply: Reply;
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      body = undefined;
    }
    try {
      reply = body === undefined ? error(400, 'the body must be JSON of at most 16 KiB') : await route(deps, { method: req.method ?? 'GET', url: req.url ?? '/', authorization: req.headers.authorization, body });
    } catch (err) {
      console.error(JSON.stringify({ level: 'error', msg: 'request failed', error: String(err) }));
      // A database that is down is worth retrying later (503); anything else is a bug here (500).
      reply = isDatabaseDown(err) ? error(503, 'the database is unavailable; try again shortly') : error(500, 'something went wrong on our side');
    }
    res.writeHead(reply.status, { 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
}
