import { createServer, type Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { Chat } from './chat.js';
import type { MessageStore } from './messages.js';

export interface Reply {
  status: number;
  body: unknown;
}

/** Routes one plain HTTP request. */
export async function route(store: MessageStore, method: string, url: string): Promise<Reply> {
  const path = new URL(url, 'http://localhost').pathname;
  if (method === 'GET' && path === '/health') {
    try {
      await store.ping();
      return { status: 200, body: { status: 'ok' } };
    } catch {
      return { status: 503, body: { error: 'database unreachable' } };
    }
  }
  return { status: 404, body: { error: `no route for ${method} ${path}` } };
}

/** The HTTP server: /health, and GET /ws?room=<name> upgraded to a WebSocket in that room. */
export function createApp(store: MessageStore, chat: Chat): Server {
  const server = createServer(async (req, res) => {
    const reply = await route(store, req.method ?? 'GET', req.url ?? '/');
    res.writeHead(reply.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const room = url.searchParams.get('room');
    if (url.pathname !== '/ws' || !room) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n{"error": "open /ws?room=<name>"}');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const client = { send: (frame: string) => ws.send(frame) };
      ws.on('message', (data) => void chat.receive(client, room, data.toString()).catch((err) => console.error(JSON.stringify({ level: 'error', msg: String(err) }))));
      ws.on('close', () => chat.leave(client, room));
      chat.join(client, room).catch((err) => console.error(JSON.stringify({ level: 'error', msg: String(err) })));
    });
  });
  return server;
}
